/**
 * The fleet table's data: windows of rows fetched from SQLite as the user scrolls.
 *
 * Sorting, filtering and paging are answered by `vehicles:list` (the repository walks indexes),
 * so a 100,000-vehicle fleet never crosses IPC whole. Pages are cached by query + page index; a
 * new query keeps showing the previous rows until its first page arrives (no flash of empty
 * rows), then `queryId` changes so tests and benches can tell which query's rows are on screen.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppError } from '../../../shared/ipc/result';
import type { VehicleListQueryInput, VehicleRow, VehicleSortKeys } from '../../../shared/vehicles/vehicle-query';
import { overviewQuery, type OverviewFilter } from '../overview/overview-filter';
import { callContract } from '../app/use-contract';

/** Rows per request: a few screens, small enough to cross IPC in a blink. */
export const PAGE_SIZE = 100;
/** Pages kept for queries other than the current one before the cache is trimmed. */
const MAX_CACHED_PAGES = 60;

interface FleetFilterBase {
  readonly search?: string;
  readonly make?: string;
  readonly yearFrom?: number;
  readonly yearTo?: number;
  readonly source?: 'vpic' | 'offline';
  readonly hasErrors?: boolean;
  readonly checkDigitWrong?: boolean;
  /** Per-column filters (the row under the headers). */
  readonly vinContains?: string;
  readonly modelContains?: string;
}

/** The table's filter with what the overview's charts and the recalls filters add. */
export type FleetFilter = FleetFilterBase & OverviewFilter;

export interface FleetQueryState {
  /** Matching rows (of the query on screen), or null before the first answer. */
  readonly total: number | null;
  /** Increases each time a new query's rows reach the screen. */
  readonly queryId: number;
  readonly error: AppError | null;
  rowAt(index: number): VehicleRow | undefined;
  /** Every row of the query on screen that has been loaded so far, in order. */
  loadedRows(): VehicleRow[];
  /** Make sure rows [start, end] are loaded (called with the virtualiser's visible range). */
  requestRange(start: number, end: number): void;
  /** The full query on screen, for walking every match (select all + delete). */
  readonly query: VehicleListQueryInput;
}

/** The query the table sends: the filter plus the sort (newest first when unsorted). */
export function buildListQuery(filter: FleetFilter, sort: VehicleSortKeys | null): VehicleListQueryInput {
  const query: { -readonly [K in keyof VehicleListQueryInput]: VehicleListQueryInput[K] } = {};
  const search = filter.search?.trim();
  if (search) query.search = search.slice(0, 100);
  if (filter.make) query.make = filter.make;
  if (filter.yearFrom !== undefined) query.yearFrom = filter.yearFrom;
  if (filter.yearTo !== undefined) query.yearTo = filter.yearTo;
  if (filter.source) query.source = filter.source;
  if (filter.hasErrors) query.hasErrors = true;
  if (filter.checkDigitWrong) query.checkDigitWrong = true;
  Object.assign(query, overviewQuery(filter));
  const vin = filter.vinContains?.trim();
  if (vin) query.vinContains = vin.slice(0, 100);
  const model = filter.modelContains?.trim();
  if (model) query.modelContains = model.slice(0, 100);
  // Unsorted shows the most recently added first (id is the primary key: an index walk).
  query.sort = sort ?? { column: 'id', direction: 'desc' };
  return query;
}

export function useFleetQuery(query: VehicleListQueryInput, version: number): FleetQueryState {
  const key = useMemo(() => `${version}|${JSON.stringify(query)}`, [query, version]);
  const pages = useRef(new Map<string, readonly VehicleRow[]>());
  const totals = useRef(new Map<string, number>());
  const pending = useRef(new Set<string>());
  const latest = useRef({ key, query });
  const lastRange = useRef({ start: 0, end: PAGE_SIZE - 1 });
  const nextId = useRef(0);
  const shownKeyRef = useRef('');
  const [shown, setShown] = useState<ShownQuery | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    latest.current = { key, query };
  }, [key, query]);

  const fetchPage = useCallback((forKey: string, forQuery: VehicleListQueryInput, page: number) => {
    const pageKey = `${forKey}#${page}`;
    if (pages.current.has(pageKey) || pending.current.has(pageKey)) return;
    pending.current.add(pageKey);
    void callContract(() => window.fleet.vehiclesList({ ...forQuery, offset: page * PAGE_SIZE, limit: PAGE_SIZE }))
      .then((result) => {
        if (!result.ok) {
          if (forKey === latest.current.key) setError(result.error);
          return;
        }
        pages.current.set(pageKey, result.value.rows);
        totals.current.set(forKey, result.value.total);
        if (forKey !== latest.current.key) return;
        setError(null);
        nextId.current += 1;
        const fresh = shownFromCache(forKey, forQuery, nextId.current, pages.current, result.value.total);
        setShown((current) =>
          current?.key === forKey
            ? { ...current, total: result.value.total, pages: new Map(current.pages).set(page, result.value.rows) }
            : fresh,
        );
      })
      .finally(() => pending.current.delete(pageKey));
  }, []);

  // A new query (or a data change): fetch its first page and the pages the user was looking at.
  useEffect(() => {
    trimCache(pages.current, totals.current, new Set([key, shownKeyRef.current]));
    const cachedTotal = totals.current.get(key);
    if (pages.current.has(`${key}#0`) && cachedTotal !== undefined) {
      // Back to a query whose rows are cached (a cleared search): show them at once.
      nextId.current += 1;
      setShown(shownFromCache(key, query, nextId.current, pages.current, cachedTotal));
    } else {
      fetchPage(key, query, 0);
    }
    const { start, end } = lastRange.current;
    for (let p = Math.floor(start / PAGE_SIZE); p <= Math.floor(end / PAGE_SIZE); p += 1) fetchPage(key, query, p);
  }, [key, query, fetchPage]);

  const shownKey = shown?.key ?? '';
  useEffect(() => {
    shownKeyRef.current = shownKey;
  }, [shownKey]);
  const total = shown?.total ?? null;
  const shownPages = shown?.pages;

  const rowAt = useCallback(
    (index: number): VehicleRow | undefined => shownPages?.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    [shownPages],
  );

  const loadedRows = useCallback((): VehicleRow[] => {
    if (!shownPages) return [];
    return [...shownPages.keys()].sort((a, b) => a - b).flatMap((page) => [...(shownPages.get(page) ?? [])]);
  }, [shownPages]);

  const requestRange = useCallback(
    (start: number, end: number) => {
      lastRange.current = { start, end };
      const { key: k, query: q } = latest.current;
      const last = total === null ? end : Math.min(end, Math.max(0, total - 1));
      for (let p = Math.floor(start / PAGE_SIZE); p <= Math.floor(last / PAGE_SIZE); p += 1) fetchPage(k, q, p);
    },
    [fetchPage, total],
  );

  return { total, queryId: shown?.id ?? 0, error, rowAt, loadedRows, requestRange, query: shown?.query ?? query };
}

interface ShownQuery {
  readonly key: string;
  readonly id: number;
  readonly query: VehicleListQueryInput;
  readonly total: number;
  /** Page index → rows, for the query on screen. */
  readonly pages: ReadonlyMap<number, readonly VehicleRow[]>;
}

function shownFromCache(
  key: string,
  query: VehicleListQueryInput,
  id: number,
  pages: ReadonlyMap<string, readonly VehicleRow[]>,
  total: number,
): ShownQuery {
  const own = new Map<number, readonly VehicleRow[]>();
  for (const [pageKey, rows] of pages) {
    const cut = pageKey.lastIndexOf('#');
    if (pageKey.slice(0, cut) === key) own.set(Number(pageKey.slice(cut + 1)), rows);
  }
  return { key, id, query, total, pages: own };
}

function trimCache(pages: Map<string, unknown>, totals: Map<string, number>, keep: ReadonlySet<string>): void {
  if (pages.size <= MAX_CACHED_PAGES) return;
  for (const pageKey of [...pages.keys()]) {
    if (!keep.has(pageKey.slice(0, pageKey.lastIndexOf('#')))) pages.delete(pageKey);
  }
  for (const k of [...totals.keys()]) if (!keep.has(k)) totals.delete(k);
}

/** Every id matching a query, walked page by page (select all + delete on a large fleet). */
export async function collectIds(query: VehicleListQueryInput, except: ReadonlySet<number>): Promise<number[]> {
  return (await collectRows(query, (row) => !except.has(row.id))).map((row) => row.id);
}

/** Every row matching a query that `keep` accepts, walked page by page in the query's order. */
export async function collectRows(query: VehicleListQueryInput, keep: (row: VehicleRow) => boolean): Promise<VehicleRow[]> {
  const rows: VehicleRow[] = [];
  const limit = 500;
  for (let offset = 0; ; offset += limit) {
    const result = await window.fleet.vehiclesList({ ...query, offset, limit });
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
    for (const row of result.value.rows) if (keep(row)) rows.push(row);
    if (result.value.rows.length < limit) return rows;
  }
}
