/**
 * The fleet table's layout (column order, widths, hidden columns and sort), remembered across
 * restarts in the page's localStorage.
 *
 * Why localStorage and not the database: the layout is a preference of this window on this
 * desk, never data the CLI or another desk needs, and the page's origin is stable (`app://fleet`
 * is registered as a standard, secure scheme, and the default session persists to disk under
 * the data folder), so nothing needs a channel, a schema or a migration. What comes back from
 * storage is checked field by field: a damaged or older entry falls back to the default layout
 * instead of breaking the table.
 */
import type { ColumnOrderState, ColumnSizingState, SortingState, Updater, VisibilityState } from '@tanstack/react-table';
import { useCallback, useEffect, useState } from 'react';
import { MAX_SORT_KEYS } from '../../../shared/vehicles/vehicle-limits';

export interface GridLayout {
  readonly columnOrder: ColumnOrderState;
  readonly columnSizing: ColumnSizingState;
  readonly columnVisibility: VisibilityState;
  readonly sorting: SortingState;
}

export const EMPTY_LAYOUT: GridLayout = { columnOrder: [], columnSizing: {}, columnVisibility: {}, sorting: [] };

export const LAYOUT_STORAGE_KEY = 'fleet.grid.layout.v1';

const MAX_COLUMNS = 200;
const MIN_WIDTH = 40;
const MAX_WIDTH = 1200;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shortString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 200;
}

/** A layout from untrusted JSON (storage, a saved view): every field checked, bad parts dropped. */
export function parseLayout(value: unknown): GridLayout {
  if (!isRecord(value)) return EMPTY_LAYOUT;
  const columnOrder = Array.isArray(value.columnOrder) ? value.columnOrder.filter(shortString).slice(0, MAX_COLUMNS) : [];
  const columnSizing: ColumnSizingState = {};
  if (isRecord(value.columnSizing)) {
    for (const [id, width] of Object.entries(value.columnSizing).slice(0, MAX_COLUMNS)) {
      if (typeof width === 'number' && Number.isFinite(width)) columnSizing[id] = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.round(width)));
    }
  }
  const columnVisibility: VisibilityState = {};
  if (isRecord(value.columnVisibility)) {
    for (const [id, shown] of Object.entries(value.columnVisibility).slice(0, MAX_COLUMNS)) {
      if (typeof shown === 'boolean' && id !== 'vin') columnVisibility[id] = shown;
    }
  }
  const sorting: SortingState = [];
  if (Array.isArray(value.sorting)) {
    for (const entry of value.sorting.slice(0, MAX_SORT_KEYS)) {
      if (isRecord(entry) && shortString(entry.id) && typeof entry.desc === 'boolean') sorting.push({ id: entry.id, desc: entry.desc });
    }
  }
  return { columnOrder, columnSizing, columnVisibility, sorting };
}

export function loadLayout(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): GridLayout {
  try {
    const text = storage?.getItem(LAYOUT_STORAGE_KEY);
    return text ? parseLayout(JSON.parse(text)) : EMPTY_LAYOUT;
  } catch {
    return EMPTY_LAYOUT;
  }
}

export function saveLayout(layout: GridLayout, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(LAYOUT_STORAGE_KEY, JSON.stringify(layout));
  } catch {
    // Storage full or disabled: the layout still works for this session.
  }
}

function apply<T>(updater: Updater<T>, old: T): T {
  return typeof updater === 'function' ? (updater as (old: T) => T)(old) : updater;
}

export interface GridLayoutState {
  readonly layout: GridLayout;
  readonly setLayout: (layout: GridLayout) => void;
  readonly onColumnOrderChange: (updater: Updater<ColumnOrderState>) => void;
  readonly onColumnSizingChange: (updater: Updater<ColumnSizingState>) => void;
  readonly onColumnVisibilityChange: (updater: Updater<VisibilityState>) => void;
  readonly onSortingChange: (updater: Updater<SortingState>) => void;
}

/** The layout, loaded once and saved after every change. */
export function useGridLayout(): GridLayoutState {
  const [layout, setLayout] = useState<GridLayout>(() => loadLayout());
  useEffect(() => saveLayout(layout), [layout]);
  const onColumnOrderChange = useCallback(
    (u: Updater<ColumnOrderState>) => setLayout((l) => ({ ...l, columnOrder: apply(u, l.columnOrder) })),
    [],
  );
  const onColumnSizingChange = useCallback(
    (u: Updater<ColumnSizingState>) => setLayout((l) => ({ ...l, columnSizing: apply(u, l.columnSizing) })),
    [],
  );
  const onColumnVisibilityChange = useCallback(
    (u: Updater<VisibilityState>) => setLayout((l) => ({ ...l, columnVisibility: apply(u, l.columnVisibility) })),
    [],
  );
  const onSortingChange = useCallback((u: Updater<SortingState>) => setLayout((l) => ({ ...l, sorting: apply(u, l.sorting) })), []);
  return { layout, setLayout, onColumnOrderChange, onColumnSizingChange, onColumnVisibilityChange, onSortingChange };
}

/** The order after dragging column `moved` onto column `target` (it takes the target's place). */
export function moveColumn(order: readonly string[], moved: string, target: string): string[] {
  if (moved === target) return [...order];
  const without = order.filter((id) => id !== moved);
  const at = without.indexOf(target);
  if (at < 0) return [...order];
  const from = order.indexOf(moved);
  const to = order.indexOf(target);
  // Dragging right lands after the target, dragging left before it (as in spreadsheet apps).
  without.splice(from < to ? at + 1 : at, 0, moved);
  return without;
}
