/**
 * The fleet table: a virtualised ARIA grid over windows of rows answered by SQLite.
 *
 * Only the visible rows (plus a little overscan) are in the DOM, at a fixed height, so 100,000
 * vehicles scroll as smoothly as 100. Sorting and filtering are manual (`vehicles:list` does
 * them); @tanstack/react-table supplies columns, sort state and column visibility.
 */
import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type OnChangeFn,
  type SortingState,
  type VisibilityState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import type { VehicleRow } from '../../../shared/vehicles/vehicle-query';
import { AppErrorMessage } from '../app/app-error-message';
import { fleetColumns } from './fleet-columns';
import { clickRow, isSelected, type Selection } from './selection';
import type { FleetQueryState } from './use-fleet-query';
import './fleet-table.css';

export const ROW_HEIGHT = 28;

export interface FleetTableProps {
  readonly fleet: FleetQueryState;
  /** Changes when the filters or sort change (scroll back to the top). */
  readonly queryKey: string;
  readonly filtered: boolean;
  readonly sorting: SortingState;
  readonly onSortingChange: OnChangeFn<SortingState>;
  readonly selection: Selection;
  readonly onSelectionChange: (selection: Selection) => void;
  readonly gridRef?: React.Ref<HTMLDivElement>;
  readonly columnVisibility: VisibilityState;
  readonly onColumnVisibilityChange: OnChangeFn<VisibilityState>;
  /** Fleet attribute keys seen so far (they become columns). */
  readonly attributeKeys: readonly string[];
  readonly onAttributeKeys: (keys: readonly string[]) => void;
}

export function FleetTable(props: FleetTableProps): React.JSX.Element {
  const { fleet, queryKey, sorting, onSortingChange, selection, onSelectionChange } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const { attributeKeys, onAttributeKeys, columnVisibility, onColumnVisibilityChange } = props;
  const total = fleet.total ?? 0;

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
    state: { sorting, columnVisibility },
    onSortingChange,
    onColumnVisibilityChange,
    manualSorting: true,
    manualFiltering: true,
    enableMultiSort: false,
    enableSortingRemoval: true,
    sortDescFirst: false,
    getCoreRowModel: getCoreRowModel(),
  });
  const visibleColumns = table.getVisibleLeafColumns();
  const template = visibleColumns.map((c) => `${c.getSize()}px`).join(' ') + ' minmax(0, 1fr)';
  const rowsById = table.getRowModel().rowsById;

  function idAt(index: number): number | undefined {
    return rowAt(index)?.id;
  }

  function onRowClick(event: React.MouseEvent, index: number, id: number): void {
    const toggle = event.ctrlKey || event.metaKey;
    if (event.shiftKey) event.preventDefault();
    onSelectionChange(clickRow(selection, index, id, { toggle, range: event.shiftKey }, idAt));
  }

  function onGridKeyDown(event: React.KeyboardEvent<HTMLDivElement>): void {
    if (total === 0) return;
    const current = selection.anchor ?? -1;
    let next: number | null = null;
    const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 300) / ROW_HEIGHT) - 1);
    if (event.key === 'ArrowDown') next = Math.min(total - 1, current + 1);
    else if (event.key === 'ArrowUp') next = Math.max(0, current - 1);
    else if (event.key === 'PageDown') next = Math.min(total - 1, current + pageRows);
    else if (event.key === 'PageUp') next = Math.max(0, current - pageRows);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = total - 1;
    if (next === null) return;
    event.preventDefault();
    virtualizer.scrollToIndex(next, { align: 'auto' });
    const id = idAt(next);
    if (id === undefined) return;
    if (event.shiftKey) {
      onSelectionChange({ ...clickRow(selection, next, id, { toggle: false, range: true }, idAt), anchor: selection.anchor });
    } else {
      onSelectionChange(clickRow(selection, next, id, { toggle: false, range: false }, idAt));
    }
  }

  return (
    <div className="fleet">
      {fleet.error && <AppErrorMessage error={fleet.error} prefix="The fleet table could not load" />}
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
        aria-rowcount={total + 1}
        aria-colcount={visibleColumns.length}
        aria-multiselectable="true"
        tabIndex={0}
        data-query-id={fleet.queryId}
        data-total={fleet.total ?? ''}
        onKeyDown={onGridKeyDown}
      >
        <div className="fleet-head" role="rowgroup">
          {table.getHeaderGroups().map((group) => (
            <div key={group.id} role="row" aria-rowindex={1} className="fleet-row fleet-head-row" style={{ gridTemplateColumns: template }}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const canSort = header.column.getCanSort();
                return (
                  <div
                    key={header.id}
                    role="columnheader"
                    className="fleet-cell fleet-head-cell"
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : canSort ? 'none' : undefined}
                  >
                    {canSort ? (
                      <button type="button" className="sort-button" onClick={header.column.getToggleSortingHandler()}>
                        {flexRender(header.column.columnDef.header, header.getContext())}
                        <span className="sort-mark" aria-hidden="true">
                          {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                        </span>
                      </button>
                    ) : (
                      <span className="head-label">{flexRender(header.column.columnDef.header, header.getContext())}</span>
                    )}
                  </div>
                );
              })}
            </div>
          ))}
        </div>
        <div className="fleet-body" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const data = rowAt(item.index);
            const row = data ? rowsById[String(data.id)] : undefined;
            const selected = data ? isSelected(selection, data.id) : false;
            const active = data !== undefined && selection.active === data.id;
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={selected}
                className={`fleet-row${selected ? ' is-selected' : ''}${active ? ' is-active' : ''}${item.index % 2 ? ' is-odd' : ''}`}
                style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                onClick={data ? (event) => onRowClick(event, item.index, data.id) : undefined}
                data-vehicle-id={data?.id}
              >
                {row
                  ? row.getVisibleCells().map((cell) => (
                      <div key={cell.id} role="gridcell" className={`fleet-cell cell-${cell.column.id.replace(/[^\w-]/g, '_')}`}>
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </div>
                    ))
                  : visibleColumns.map((column) => (
                      <div key={column.id} role="gridcell" className="fleet-cell cell-loading">
                        <span className="loading-bar" />
                      </div>
                    ))}
              </div>
            );
          })}
        </div>
        {fleet.total === 0 && (
          <p className="fleet-empty">
            {props.filtered ? 'No vehicles match these filters.' : 'No vehicles yet. Look up a VIN above or import a fleet file.'}
          </p>
        )}
      </div>
    </div>
  );
}
