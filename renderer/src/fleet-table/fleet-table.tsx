/**
 * The fleet table: a virtualised ARIA grid over windows of rows answered by SQLite.
 *
 * Only the visible rows (plus a little overscan) are in the DOM, at a fixed height, so 100,000
 * vehicles scroll as smoothly as 100. Sorting and filtering are manual (`vehicles:list` does
 * them); @tanstack/react-table supplies the columns and their state: multi-column sort
 * (Shift-click), sizing (drag a header's edge, double-click it to fit), order (drag a header),
 * visibility, and the VIN column pinned to the left (CSS sticky, so it stays while scrolling
 * right).
 */
import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type Column,
  type ColumnOrderState,
  type ColumnSizingState,
  type OnChangeFn,
  type SortingState,
  type VisibilityState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppNotice } from '../../../shared/ipc/app-info';
import type { VehicleFacets, VehicleRow } from '../../../shared/vehicles/vehicle-query';
import { AppErrorMessage, toAppError } from '../app/app-error-message';
import { isTextField } from '../app/app-commands';
import { describeError } from '../app/error-text';
import { ColumnFilter } from './column-filters';
import { isWritingClipboard, rowsToTsv, writeClipboardText, type CopyColumn } from './copy-rows';
import { fleetColumns } from './fleet-columns';
import type { GridLayout } from './grid-layout';
import { moveColumn } from './grid-layout';
import { RowMenu } from './row-menu';
import { clickRow, isSelected, type Selection } from './selection';
import { collectRows, type FleetFilter, type FleetQueryState } from './use-fleet-query';
import './fleet-table.css';

export const ROW_HEIGHT = 28;
/** The header row plus the filter row. */
const HEAD_ROWS = 2;
const PINNED = ['vin'];
const COLUMN_DRAG_TYPE = 'application/x-fleet-column';

export interface FleetTableProps {
  readonly fleet: FleetQueryState;
  /** Changes when the filters or sort change (scroll back to the top). */
  readonly queryKey: string;
  readonly filtered: boolean;
  readonly filter: FleetFilter;
  readonly onFilterChange: (filter: FleetFilter) => void;
  readonly facets: VehicleFacets | null;
  readonly layout: GridLayout;
  readonly onSortingChange: OnChangeFn<SortingState>;
  readonly onColumnVisibilityChange: OnChangeFn<VisibilityState>;
  readonly onColumnOrderChange: OnChangeFn<ColumnOrderState>;
  readonly onColumnSizingChange: OnChangeFn<ColumnSizingState>;
  readonly selection: Selection;
  readonly onSelectionChange: (selection: Selection) => void;
  readonly gridRef?: React.Ref<HTMLDivElement>;
  /** Fleet attribute keys seen so far (they become columns). */
  readonly attributeKeys: readonly string[];
  readonly onAttributeKeys: (keys: readonly string[]) => void;
  /** Context menu: decode these VINs again (from vPIC, skipping the cache). */
  readonly onLookUpAgain: (vins: readonly string[]) => void;
  /** Context menu: remove the selection (the app asks first when it is large). */
  readonly onRemove: () => void;
  readonly onNotice: (notice: AppNotice) => void;
}

function headerLabel(column: Column<VehicleRow>): string {
  const header = column.columnDef.header;
  return typeof header === 'string' ? header : column.id;
}

function cellText(column: Column<VehicleRow>, row: VehicleRow): string {
  const value: unknown = column.accessorFn?.(row, 0);
  return value === null || value === undefined ? '' : String(value);
}

/** Width of an element's content (not of its box), for fitting a column to its widest cell. */
function contentWidth(element: Element): number {
  const range = document.createRange();
  range.selectNodeContents(element);
  return range.getBoundingClientRect().width;
}

export function FleetTable(props: FleetTableProps): React.JSX.Element {
  const { fleet, queryKey, layout, selection, onSelectionChange, onNotice } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const { attributeKeys, onAttributeKeys } = props;
  const total = fleet.total ?? 0;
  const [menu, setMenu] = useState<{ x: number; y: number; vin: string | null } | null>(null);
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const resizing = useRef(false);
  /** Row index the keyboard is on (Home/End/Page keys move it, also into rows not loaded yet). */
  const cursor = useRef<number | null>(null);
  const pendingIndex = useRef<number | null>(null);

  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual returns functions React Compiler cannot memoise; this component is not compiled.
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  const { requestRange, rowAt } = fleet;
  useEffect(() => {
    if (total > 0) requestRange(first, last);
  }, [first, last, total, requestRange]);

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
    cursor.current = null;
    pendingIndex.current = null;
  }, [queryKey]);

  const windowRows = useMemo(() => {
    const rows: VehicleRow[] = [];
    for (let i = first; i <= last && i < total; i += 1) {
      const row = rowAt(i);
      if (row) rows.push(row);
    }
    return rows;
  }, [first, last, total, rowAt]);

  // Attribute columns come from the rows seen so far; the set only grows, so columns never jump.
  useEffect(() => {
    const seen = new Set(attributeKeys);
    const added = new Set<string>();
    for (const row of windowRows) for (const key of Object.keys(row.attributes)) if (!seen.has(key)) added.add(key);
    if (added.size > 0) onAttributeKeys([...attributeKeys, ...added]);
  }, [windowRows, attributeKeys, onAttributeKeys]);

  const columns = useMemo(() => fleetColumns(attributeKeys), [attributeKeys]);
  const table = useReactTable({
    data: windowRows,
    columns,
    getRowId: (row) => String(row.id),
    state: {
      sorting: layout.sorting,
      columnVisibility: layout.columnVisibility,
      columnOrder: layout.columnOrder,
      columnSizing: layout.columnSizing,
      columnPinning: { left: PINNED, right: [] },
    },
    onSortingChange: props.onSortingChange,
    onColumnVisibilityChange: props.onColumnVisibilityChange,
    onColumnOrderChange: props.onColumnOrderChange,
    onColumnSizingChange: props.onColumnSizingChange,
    manualSorting: true,
    manualFiltering: true,
    enableMultiSort: true,
    maxMultiSortColCount: 4,
    isMultiSortEvent: (event) => (event as React.MouseEvent).shiftKey === true,
    enableSortingRemoval: true,
    sortDescFirst: false,
    columnResizeMode: 'onChange',
    defaultColumn: { minSize: 48, maxSize: 1200 },
    getCoreRowModel: getCoreRowModel(),
  });
  const visibleColumns = [...table.getLeftVisibleLeafColumns(), ...table.getCenterVisibleLeafColumns()];
  const template = visibleColumns.map((c) => `${c.getSize()}px`).join(' ') + ' minmax(0, 1fr)';
  const totalWidth = visibleColumns.reduce((sum, c) => sum + c.getSize(), 0);
  const rowsById = table.getRowModel().rowsById;
  const headers = [...table.getLeftHeaderGroups(), ...table.getCenterHeaderGroups()].flatMap((group) => group.headers);

  const idAt = useCallback((index: number): number | undefined => rowAt(index)?.id, [rowAt]);

  // A key press that moved into rows not loaded yet selects the row once its page arrives.
  useEffect(() => {
    const index = pendingIndex.current;
    if (index === null) return;
    const id = idAt(index);
    if (id === undefined) return;
    pendingIndex.current = null;
    onSelectionChange(clickRow(selection, index, id, { toggle: false, range: false }, idAt));
  }, [idAt, selection, onSelectionChange]);

  function onRowClick(event: React.MouseEvent, index: number, id: number): void {
    const toggle = event.ctrlKey || event.metaKey;
    if (event.shiftKey) event.preventDefault();
    cursor.current = index;
    pendingIndex.current = null;
    onSelectionChange(clickRow(selection, index, id, { toggle, range: event.shiftKey }, idAt));
  }

  function onRowContextMenu(event: React.MouseEvent, index: number, row: VehicleRow): void {
    event.preventDefault();
    if (!isSelected(selection, row.id)) {
      cursor.current = index;
      onSelectionChange(clickRow(selection, index, row.id, { toggle: false, range: false }, idAt));
    }
    setMenu({ x: event.clientX, y: event.clientY, vin: row.vin });
  }

  function moveTo(next: number, extend: boolean): void {
    cursor.current = next;
    virtualizer.scrollToIndex(next, { align: 'auto' });
    const id = idAt(next);
    if (id === undefined) {
      // Not loaded yet (a jump to the end of 100,000 rows): select it when its page arrives.
      pendingIndex.current = next;
      onSelectionChange({ mode: 'some', ids: new Set(), anchor: next, active: null });
      return;
    }
    pendingIndex.current = null;
    if (extend) onSelectionChange({ ...clickRow(selection, next, id, { toggle: false, range: true }, idAt), anchor: selection.anchor });
    else onSelectionChange(clickRow(selection, next, id, { toggle: false, range: false }, idAt));
  }

  function onGridKeyDown(event: React.KeyboardEvent<HTMLDivElement>): void {
    // Keys typed into a filter box or on a header button are theirs, not the grid's.
    if (event.target !== event.currentTarget) return;
    if (total === 0) return;
    if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
      event.preventDefault();
      const box = event.currentTarget.querySelector('.fleet-row.is-active')?.getBoundingClientRect() ?? event.currentTarget.getBoundingClientRect();
      const activeRow = selection.active === null ? undefined : fleet.loadedRows().find((r) => r.id === selection.active);
      setMenu({ x: box.left + 40, y: box.top + ROW_HEIGHT, vin: activeRow?.vin ?? null });
      return;
    }
    const current = cursor.current ?? selection.anchor ?? -1;
    const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 300) / ROW_HEIGHT) - HEAD_ROWS);
    let next: number | null = null;
    if (event.key === 'ArrowDown') next = Math.min(total - 1, current + 1);
    else if (event.key === 'ArrowUp') next = Math.max(0, current - 1);
    else if (event.key === 'PageDown') next = Math.min(total - 1, current + pageRows);
    else if (event.key === 'PageUp') next = Math.max(0, current - pageRows);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = total - 1;
    if (next === null) return;
    event.preventDefault();
    moveTo(next, event.shiftKey);
  }

  // Copy (Ctrl/Cmd+C, Edit › Copy) on the grid: the selected rows as TSV with a header row.
  const copyColumns: CopyColumn<VehicleRow>[] = visibleColumns.map((column) => ({
    label: headerLabel(column),
    value: (row) => cellText(column, row),
  }));
  const selectedRows = (): VehicleRow[] | Promise<VehicleRow[]> => {
    const loaded = fleet.loadedRows();
    if (selection.mode === 'some') {
      const picked = loaded.filter((row) => selection.ids.has(row.id));
      if (picked.length === selection.ids.size) return picked;
      const ids = selection.ids;
      return collectRows(fleet.query, (row) => ids.has(row.id));
    }
    if (loaded.length === total) return loaded.filter((row) => !selection.except.has(row.id));
    const except = selection.except;
    return collectRows(fleet.query, (row) => !except.has(row.id));
  };
  const latestCopy = useRef({ selectedRows, copyColumns });
  useEffect(() => {
    latestCopy.current = { selectedRows, copyColumns };
  });

  const copyFailed = useCallback(
    (thrown: unknown) => onNotice({ level: 'error', message: `The rows could not be copied. ${describeError(toAppError(thrown))}` }),
    [onNotice],
  );

  useEffect(() => {
    const onCopy = (event: ClipboardEvent): void => {
      if (isWritingClipboard()) return;
      const grid = scrollRef.current;
      const active = document.activeElement;
      if (!grid || !active || !grid.contains(active) || isTextField(active)) return;
      const { selectedRows: rowsOf, copyColumns: cols } = latestCopy.current;
      const rows = rowsOf();
      event.preventDefault();
      if (Array.isArray(rows)) {
        if (rows.length > 0) event.clipboardData?.setData('text/plain', rowsToTsv(cols, rows));
        return;
      }
      rows.then((all) => navigator.clipboard.writeText(rowsToTsv(cols, all))).catch(copyFailed);
    };
    document.addEventListener('copy', onCopy);
    return () => document.removeEventListener('copy', onCopy);
  }, [copyFailed]);

  const copyRows = async (): Promise<void> => {
    try {
      const rows = await selectedRows();
      await writeClipboardText(rowsToTsv(copyColumns, rows));
    } catch (thrown) {
      copyFailed(thrown);
    }
  };

  const closeMenu = useCallback(() => {
    setMenu(null);
    scrollRef.current?.focus();
  }, []);

  function fitColumn(column: Column<VehicleRow>): void {
    const grid = scrollRef.current;
    if (!grid) return;
    let widest = 0;
    for (const cell of grid.querySelectorAll(`[data-column-id="${CSS.escape(column.id)}"] .cell-content`)) {
      widest = Math.max(widest, contentWidth(cell));
    }
    // 20 px of cell padding, plus room for the sort mark in the header.
    const width = Math.ceil(widest) + 34;
    props.onColumnSizingChange((sizing) => ({ ...sizing, [column.id]: Math.min(1200, Math.max(48, width)) }));
  }

  function onDrop(event: React.DragEvent, target: string): void {
    const moved = event.dataTransfer.getData(COLUMN_DRAG_TYPE);
    setDropTarget(null);
    if (!moved || moved === target || PINNED.includes(target)) return;
    event.preventDefault();
    const order = table.getAllLeafColumns().map((c) => c.id);
    props.onColumnOrderChange(moveColumn(order, moved, target));
  }

  const pinnedStyle = (column: Column<VehicleRow>): React.CSSProperties | undefined =>
    column.getIsPinned() === 'left' ? { left: column.getStart('left') } : undefined;
  const cellClass = (column: Column<VehicleRow>): string => (column.getIsPinned() === 'left' ? ' is-pinned' : '');

  const rowCount = total + HEAD_ROWS;
  return (
    <div className="fleet">
      {fleet.error && <AppErrorMessage error={fleet.error} prefix="The fleet table could not load" />}
      <div className="fleet-frame">
        <div
          ref={(el) => {
            scrollRef.current = el;
            const { gridRef } = props;
            if (typeof gridRef === 'function') gridRef(el);
            else if (gridRef) gridRef.current = el;
          }}
          className="fleet-scroll"
          role="grid"
          aria-label="Fleet"
          aria-rowcount={rowCount}
          aria-colcount={visibleColumns.length}
          aria-multiselectable="true"
          tabIndex={0}
          data-query-id={fleet.queryId}
          data-total={fleet.total ?? ''}
          onKeyDown={onGridKeyDown}
        >
          <div className="fleet-head" role="rowgroup">
            <div role="row" aria-rowindex={1} className="fleet-row fleet-head-row" style={{ gridTemplateColumns: template }}>
              {headers.map((header) => {
                const column = header.column;
                const sorted = column.getIsSorted();
                const canSort = column.getCanSort();
                const sortIndex = layout.sorting.length > 1 ? column.getSortIndex() : -1;
                const pinned = column.getIsPinned() === 'left';
                return (
                  <div
                    key={header.id}
                    role="columnheader"
                    data-column-id={column.id}
                    className={`fleet-cell fleet-head-cell${cellClass(column)}${dropTarget === column.id ? ' is-drop-target' : ''}`}
                    style={pinnedStyle(column)}
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : canSort ? 'none' : undefined}
                    draggable={!pinned}
                    onDragStart={(event) => {
                      if (resizing.current) {
                        event.preventDefault();
                        return;
                      }
                      event.dataTransfer.setData(COLUMN_DRAG_TYPE, column.id);
                      event.dataTransfer.effectAllowed = 'move';
                    }}
                    onDragOver={(event) => {
                      if (pinned || !event.dataTransfer.types.includes(COLUMN_DRAG_TYPE)) return;
                      event.preventDefault();
                      event.dataTransfer.dropEffect = 'move';
                      if (dropTarget !== column.id) setDropTarget(column.id);
                    }}
                    onDragLeave={() => setDropTarget((t) => (t === column.id ? null : t))}
                    onDrop={(event) => onDrop(event, column.id)}
                  >
                    {canSort ? (
                      <button
                        type="button"
                        className="sort-button"
                        title="Sort (Shift-click adds a sort key)"
                        onClick={column.getToggleSortingHandler()}
                      >
                        <span className="cell-content">
                          {flexRender(column.columnDef.header, header.getContext())}
                          <span className="sort-mark" aria-hidden="true">
                            {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                            {sortIndex >= 0 ? sortIndex + 1 : ''}
                          </span>
                        </span>
                      </button>
                    ) : (
                      <span className="head-label">
                        <span className="cell-content">{flexRender(column.columnDef.header, header.getContext())}</span>
                      </span>
                    )}
                    <div
                      className={`col-resizer${column.getIsResizing() ? ' is-resizing' : ''}`}
                      aria-hidden="true"
                      title="Drag to resize; double-click to fit"
                      onMouseDown={(event) => {
                        resizing.current = true;
                        window.addEventListener('mouseup', () => (resizing.current = false), { once: true });
                        header.getResizeHandler()(event);
                      }}
                      onTouchStart={header.getResizeHandler()}
                      onDoubleClick={() => fitColumn(column)}
                      onClick={(event) => event.stopPropagation()}
                    />
                  </div>
                );
              })}
            </div>
            <div role="row" aria-rowindex={2} className="fleet-row fleet-filter-row" style={{ gridTemplateColumns: template }}>
              {visibleColumns.map((column) => (
                <div key={column.id} role="gridcell" className={`fleet-cell fleet-filter-cell${cellClass(column)}`} style={pinnedStyle(column)}>
                  <ColumnFilter
                    columnId={column.id}
                    label={headerLabel(column)}
                    filter={props.filter}
                    onChange={props.onFilterChange}
                    facets={props.facets}
                  />
                </div>
              ))}
            </div>
          </div>
          <div className="fleet-body" role="rowgroup" style={{ height: virtualizer.getTotalSize(), minWidth: totalWidth }}>
            {items.map((item) => {
              const data = rowAt(item.index);
              const row = data ? rowsById[String(data.id)] : undefined;
              const selected = data ? isSelected(selection, data.id) : false;
              const active = data !== undefined && selection.active === data.id;
              return (
                <div
                  key={item.key}
                  role="row"
                  aria-rowindex={item.index + HEAD_ROWS + 1}
                  aria-selected={selected}
                  className={`fleet-row${selected ? ' is-selected' : ''}${active ? ' is-active' : ''}${item.index % 2 ? ' is-odd' : ''}`}
                  style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                  onClick={data ? (event) => onRowClick(event, item.index, data.id) : undefined}
                  onContextMenu={data ? (event) => onRowContextMenu(event, item.index, data) : undefined}
                  data-vehicle-id={data?.id}
                >
                  {row
                    ? [...row.getLeftVisibleCells(), ...row.getCenterVisibleCells()].map((cell) => (
                        <div
                          key={cell.id}
                          role="gridcell"
                          data-column-id={cell.column.id}
                          className={`fleet-cell cell-${cell.column.id.replace(/[^\w-]/g, '_')}${cellClass(cell.column)}`}
                          style={pinnedStyle(cell.column)}
                        >
                          <span className="cell-content">{flexRender(cell.column.columnDef.cell, cell.getContext())}</span>
                        </div>
                      ))
                    : visibleColumns.map((column) => (
                        <div key={column.id} role="gridcell" className={`fleet-cell cell-loading${cellClass(column)}`} style={pinnedStyle(column)}>
                          <span className="loading-bar" />
                        </div>
                      ))}
                </div>
              );
            })}
          </div>
        </div>
        {fleet.total === 0 && (
          // Outside the scrolling element, so it stays in sight however far the grid is scrolled.
          <p className="fleet-empty" role="status">
            {props.filtered ? 'No vehicles match these filters.' : 'No vehicles yet. Look up a VIN above or import a fleet file.'}
          </p>
        )}
      </div>
      {menu && (
        <RowMenu
          x={menu.x}
          y={menu.y}
          onClose={closeMenu}
          actions={[
            {
              label: 'Copy VIN',
              disabled: menu.vin === null,
              run: () => void writeClipboardText(menu.vin ?? '').catch(copyFailed),
            },
            { label: 'Copy rows', run: () => void copyRows() },
            {
              label: 'Look up again',
              run: () => {
                void Promise.resolve(selectedRows()).then(
                  (rows) => props.onLookUpAgain(rows.map((r) => r.vin)),
                  (thrown: unknown) =>
                    onNotice({ level: 'error', message: `The selected rows could not be read. ${describeError(toAppError(thrown))}` }),
                );
              },
            },
            { label: 'Remove…', run: props.onRemove },
          ]}
        />
      )}
    </div>
  );
}
