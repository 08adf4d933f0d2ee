/**
 * The window: header with the lookup and export, the fleet table with its details panel, the
 * undo toast and the status bar.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppError } from '../../../shared/ipc/result';
import { MAX_LOOKUP_MANY } from '../../../shared/vehicles/vehicle-limits';
import type { LookupAnswer } from '../../../shared/vehicles/vehicles-contract';
import { ExportButton } from '../export/export-button';
import { ColumnMenu } from '../fleet-table/column-menu';
import { columnLabels, sortFromState } from '../fleet-table/fleet-columns';
import { FleetFilters, isFiltered } from '../fleet-table/fleet-filters';
import { FleetTable } from '../fleet-table/fleet-table';
import { RedecodeButton } from '../fleet-table/redecode-button';
import { useGridLayout } from '../fleet-table/grid-layout';
import type { SavedView } from '../fleet-table/saved-views';
import { ViewsMenu } from '../fleet-table/views-menu';
import { EMPTY_SELECTION, selectAll, selectedCount, withoutIds, type Selection } from '../fleet-table/selection';
import { buildListQuery, collectIds, useFleetQuery, type FleetFilter } from '../fleet-table/use-fleet-query';
import { ImportPanel } from '../import/import-panel';
import { LookupForm } from '../lookup/lookup-form';
import { ConfirmRemoveDialog, needsConfirmation, type PendingRemoval } from '../remove/confirm-remove';
import { UndoToast } from '../remove/undo-toast';
import { RemovalProgressBar } from '../remove/removal-progress';
import { useRemove } from '../remove/use-remove';
import { TeamDatabaseDialog } from '../settings/team-database-dialog';
import { VehicleDetails } from '../vehicle-details/vehicle-details';
import { AppErrorMessage, toAppError } from './app-error-message';
import { dispatchMenuEvent, useAppCommands } from './app-commands';
import { ErrorBoundary } from './error-boundary';
import { describeError } from './error-text';
import { NoticeList, saveDatabaseBackup, useNotices } from './notices';
import { StatusBar } from './status-bar';
import { useContract, callContract } from './use-contract';
import { useFacets } from './use-facets';
import { useVpicStatus } from './use-vpic-status';

// The overview and its chart library load when first opened, so they cost the start nothing.
const FleetOverviewPanel = lazy(() => import('../overview/fleet-overview-panel').then((m) => ({ default: m.FleetOverviewPanel })));

export function App(): React.JSX.Element {
  const [error, setError] = useState<AppError | null>(null);
  const [version, setVersion] = useState(0);
  const [filter, setFilter] = useState<FleetFilter>({});
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const [detailsOpen, setDetailsOpen] = useState(true);
  const [overviewOpen, setOverviewOpen] = useState(false);
  const [teamDatabaseOpen, setTeamDatabaseOpen] = useState(false);
  const grid = useGridLayout();
  const { layout } = grid;
  const [attributeKeys, setAttributeKeys] = useState<readonly string[]>([]);
  const [pendingRemoval, setPendingRemoval] = useState<(PendingRemoval & { readonly selection: Selection }) | null>(null);
  const [undoRequests, setUndoRequests] = useState(0);
  // A looked-up vehicle shown in the details panel without being selected (it may be outside the view).
  const [lookedUpId, setLookedUpId] = useState<number | null>(null);
  const [messagesEl, setMessagesEl] = useState<HTMLDivElement | null>(null);
  const [messagesCollapsed, setMessagesCollapsed] = useState(false);
  /** Errors the user cleared from the message area; each stays hidden until a new one replaces it. */
  const [hiddenErrors, setHiddenErrors] = useState<readonly unknown[]>([]);
  const lookupRef = useRef<HTMLInputElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);

  const bump = useCallback(() => setVersion((v) => v + 1), []);
  const vpic = useVpicStatus();
  const { notices, push: pushNotice, dismiss: dismissNotice, clear: clearNotices } = useNotices();
  const query = useMemo(() => buildListQuery(filter, sortFromState(layout.sorting)), [filter, layout.sorting]);
  // The table's visible columns in its order (TanStack puts ordered ids first, the rest after):
  // "Export current view" writes exactly these.
  const visibleColumns = useMemo(() => {
    const ids = columnLabels(attributeKeys).map((c) => c.id);
    const ordered = [...layout.columnOrder.filter((id) => ids.includes(id)), ...ids.filter((id) => !layout.columnOrder.includes(id))];
    return ordered.filter((id) => layout.columnVisibility[id] !== false);
  }, [attributeKeys, layout.columnOrder, layout.columnVisibility]);
  const queryKey = useMemo(() => JSON.stringify(query), [query]);
  const fleet = useFleetQuery(query, version);
  const { facets, error: facetsError } = useFacets(version, fleet.total !== null);

  const { value: info, error: infoError } = useContract(() => window.fleet.appInfo({}), []);
  useEffect(() => window.fleet.onVehiclesChanged(() => bump()), [bump]);

  const onRemoved = useCallback(
    (ids: ReadonlySet<number>) => {
      setSelection((s) => withoutIds(s, ids));
      bump();
    },
    [bump],
  );
  const removal = useRemove(onRemoved);

  const onFilterChange = useCallback((next: FleetFilter) => {
    setFilter(next);
    setSelection(EMPTY_SELECTION);
  }, []);

  const filtered = isFiltered(filter);
  const { setLayout } = grid;
  const currentView = useCallback(() => ({ filter, layout }), [filter, layout]);
  const applyView = useCallback(
    (view: SavedView) => {
      setFilter(view.filter);
      setLayout(view.layout);
      setSelection(EMPTY_SELECTION);
    },
    [setLayout],
  );

  const onLookedUp = useCallback(
    (answers: readonly LookupAnswer[]) => {
      bump();
      const ids = answers.map((a) => a.vehicle.id);
      setLookedUpId(ids.length === 1 ? (ids[0] ?? null) : null);
      // Selected only when the view shows the whole fleet: a selection (and so the Delete
      // button's count) must never hold vehicles a filter hides.
      if (!filtered) setSelection({ mode: 'some', ids: new Set(ids), anchor: null, active: ids.length === 1 ? (ids[0] ?? null) : null });
      else setSelection(EMPTY_SELECTION);
    },
    [bump, filtered],
  );

  const count = selectedCount(selection, fleet.total ?? 0);
  const removeSelection = useCallback(
    async (target: Selection) => {
      try {
        const ids = target.mode === 'all' ? await collectIds(fleet.query, target.except) : [...target.ids];
        await removal.remove(ids);
      } catch (thrown) {
        setError(toAppError(thrown));
      }
    },
    [fleet.query, removal],
  );
  const deleteSelected = useCallback(() => {
    if (count === 0 || removal.busy) return;
    const all = selection.mode === 'all';
    if (needsConfirmation(count, all)) setPendingRemoval({ count, all, filtered, selection });
    else void removeSelection(selection);
  }, [count, selection, filtered, removal.busy, removeSelection]);
  const lookUpAgain = useCallback(
    async (vins: readonly string[]) => {
      if (vins.length === 0) return;
      const unique = [...new Set(vins)].slice(0, MAX_LOOKUP_MANY);
      const result = await callContract(() => window.fleet.vehiclesLookupMany({ vins: unique, refresh: true }));
      if (!result.ok) {
        pushNotice({ level: 'error', message: `Looking up again failed. ${describeError(result.error)}` });
        return;
      }
      const { results, errors } = result.value;
      const failed = errors.length > 0 ? ` ${errors.length.toLocaleString()} could not be decoded: ${describeError(errors[0]!)}` : '';
      pushNotice({ level: errors.length > 0 ? 'warning' : 'info', message: `Looked up ${results.length.toLocaleString()} ${results.length === 1 ? 'vehicle' : 'vehicles'} again.${failed}` });
      bump();
    },
    [bump, pushNotice],
  );
  const hasRemoval = removal.removal !== null;
  const undo = useCallback(() => {
    if (hasRemoval) setUndoRequests((n) => n + 1);
    else pushNotice({ level: 'info', message: 'There is no removal to undo.' });
  }, [hasRemoval, pushNotice]);

  useAppCommands(
    useMemo(
      () => ({
        focusLookup: () => {
          lookupRef.current?.focus();
          lookupRef.current?.select();
        },
        find: () => {
          searchRef.current?.focus();
          searchRef.current?.select();
        },
        deleteSelected,
        undo,
        selectAll: () => {
          setSelection((s) => selectAll(s));
          gridRef.current?.focus();
        },
        refreshTable: bump,
        import: () => dispatchMenuEvent('import'),
        export: () => dispatchMenuEvent('export'),
        toggleDetails: () => setDetailsOpen((open) => !open),
        saveBackup: () => void saveDatabaseBackup(pushNotice),
        teamDatabase: () => setTeamDatabaseOpen(true),
      }),
      [deleteSelected, undo, bump, pushNotice],
    ),
  );

  const clearMessages = useCallback(() => {
    clearNotices();
    setError(null);
    setHiddenErrors([removal.error, facetsError, infoError]);
    window.dispatchEvent(new CustomEvent('fleet:clear-messages'));
  }, [clearNotices, removal.error, facetsError, infoError]);
  const shown = (candidate: unknown): boolean => candidate !== null && !hiddenErrors.includes(candidate);

  const detailsId =
    selection.mode === 'some' && selection.ids.size <= 1 ? (selection.active ?? (selection.ids.size === 0 ? lookedUpId : null)) : null;
  return (
    <div className="app">
      <header className="app-header">
        <h1>Fleet VIN Lookup</h1>
        <ImportPanel messagesTarget={messagesEl} />
        <div className="header-actions">
          <button type="button" className="button" aria-pressed={overviewOpen} onClick={() => setOverviewOpen((open) => !open)}>
            Overview
          </button>
          <ExportButton filter={filter} columns={visibleColumns} sort={sortFromState(layout.sorting)} />
        </div>
      </header>
      <main className="app-main">
        <section className="lookup-band" aria-label="Lookup">
          <ErrorBoundary area="lookup">
            <LookupForm onLookedUp={onLookedUp} inputRef={lookupRef} />
          </ErrorBoundary>
        </section>
        {/* Notices, errors and import cards share one area: collapsible, with one "Clear all". */}
        <section className={`message-area${messagesCollapsed ? ' is-collapsed' : ''}`} aria-label="Messages">
          <div className="message-area-head">
            <span className="message-area-title">Messages</span>
            <button type="button" className="button-link" aria-expanded={!messagesCollapsed} onClick={() => setMessagesCollapsed((c) => !c)}>
              {messagesCollapsed ? 'Show' : 'Hide'}
            </button>
            <button type="button" className="button-link" onClick={clearMessages}>
              Clear all
            </button>
          </div>
          <div className="message-area-body">
            <NoticeList notices={notices} onDismiss={dismissNotice} />
            {error && <AppErrorMessage error={error} />}
            {infoError && shown(infoError) && <AppErrorMessage error={infoError} />}
            {facetsError && shown(facetsError) && <AppErrorMessage error={facetsError} prefix="The filters could not load" />}
            {removal.error && shown(removal.error) && <AppErrorMessage error={removal.error} prefix="Delete failed" />}
            <div ref={setMessagesEl} className="message-import" />
          </div>
        </section>
        {overviewOpen && (
          <ErrorBoundary area="fleet overview">
            <Suspense fallback={<p className="details-empty">Loading the overview…</p>}>
              <FleetOverviewPanel version={version} onFilter={onFilterChange} />
            </Suspense>
          </ErrorBoundary>
        )}
        <div className="fleet-toolbar">
          <FleetFilters filter={filter} onChange={onFilterChange} facets={facets} searchRef={searchRef} />
          <span className="toolbar-spacer" />
          <span className="fleet-count" aria-live="polite">
            {fleet.total === null
              ? 'Loading…'
              : `${fleet.total.toLocaleString()} ${isFiltered(filter) ? 'matching' : fleet.total === 1 ? 'vehicle' : 'vehicles'}`}
          </span>
          <button
            type="button"
            className="button button-danger"
            disabled={count === 0 || removal.busy}
            onClick={deleteSelected}
            title={selection.mode === 'all' && filtered ? 'Delete every vehicle matching the filters (Delete)' : 'Delete the selected vehicles (Delete)'}
          >
            Delete{count > 0 ? ` (${selection.mode === 'all' ? 'all ' : ''}${count.toLocaleString()})` : ''}
          </button>
          <RedecodeButton
            query={fleet.query}
            selection={selection}
            selectedCount={count}
            total={fleet.total}
            onNotice={pushNotice}
            onError={(thrown) => setError(toAppError(thrown))}
          />
          <ViewsMenu current={currentView} onApply={applyView} />
          <ColumnMenu columns={columnLabels(attributeKeys)} visibility={layout.columnVisibility} onChange={grid.onColumnVisibilityChange} />
        </div>
        <div className="work-area">
          <section className="table-pane" aria-label="Fleet table">
            <ErrorBoundary area="fleet table">
              <FleetTable
                fleet={fleet}
                queryKey={queryKey}
                filtered={filtered}
                filter={filter}
                onFilterChange={onFilterChange}
                facets={facets}
                layout={layout}
                onSortingChange={grid.onSortingChange}
                onColumnVisibilityChange={grid.onColumnVisibilityChange}
                onColumnOrderChange={grid.onColumnOrderChange}
                onColumnSizingChange={grid.onColumnSizingChange}
                selection={selection}
                onSelectionChange={setSelection}
                gridRef={gridRef}
                attributeKeys={attributeKeys}
                onAttributeKeys={setAttributeKeys}
                onLookUpAgain={(vins) => void lookUpAgain(vins)}
                onRemove={deleteSelected}
                onNotice={pushNotice}
              />
            </ErrorBoundary>
          </section>
          {detailsOpen && (
            <ErrorBoundary area="vehicle details">
              <VehicleDetails id={detailsId} version={version} selectedCount={count} onClose={() => setDetailsOpen(false)} />
            </ErrorBoundary>
          )}
        </div>
      </main>
      <RemovalProgressBar />
      {removal.removal && (
        <UndoToast
          key={removal.removal.undoToken}
          removal={removal.removal}
          onRestored={bump}
          onClose={removal.clear}
          undoRequests={undoRequests}
        />
      )}
      {pendingRemoval && (
        <ConfirmRemoveDialog
          pending={pendingRemoval}
          onCancel={() => setPendingRemoval(null)}
          onConfirm={() => {
            setPendingRemoval(null);
            void removeSelection(pendingRemoval.selection);
          }}
        />
      )}
      {teamDatabaseOpen && <TeamDatabaseDialog onClose={() => setTeamDatabaseOpen(false)} />}
      <StatusBar info={info} vehicleCount={facets?.total ?? null} vpic={vpic} />
    </div>
  );
}
