/**
 * WHERE and ORDER BY clauses for the fleet table, built from whitelists.
 *
 * SQL text comes only from constants in this file; every user value (search text, make, years)
 * travels as a bound parameter. Search (every word must match) is built in search-query.ts.
 */
import type { VehicleFilter, VehicleSort, VehicleSortColumn } from '../../../shared/vehicles/vehicle-query';
import { ftsOnlyMatch, searchCondition } from './search-query';

export interface SqlFragment {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/**
 * SQL for each sortable column (table alias `v`).
 *
 * Text columns sort with NOCASE so the ORDER BY matches the NOCASE indexes of migrations 1-2 and
 * SQLite walks an index instead of sorting 100k rows. VINs are stored uppercase, so BINARY is
 * already case-insensitive for them and uses the UNIQUE index.
 */
const SORT_SQL: Readonly<Record<VehicleSortColumn, string>> = {
  vin: 'v.vin',
  make: 'v.make COLLATE NOCASE',
  model: 'v.model COLLATE NOCASE',
  modelYear: 'v.model_year',
  bodyClass: 'v.body_class COLLATE NOCASE',
  source: 'v.source',
  decodedAt: 'v.decoded_at',
  updatedAt: 'v.updated_at',
  id: 'v.id',
  unitNumber: 'v.unit_number COLLATE NOCASE',
  plate: 'v.plate COLLATE NOCASE',
  department: 'v.department COLLATE NOCASE',
};

export const DEFAULT_SORT: VehicleSort = { column: 'id', direction: 'asc' };

/** `ORDER BY` with a stable tie-break on id (same direction, so one index walk serves both). */
export function orderBySql(sort: VehicleSort = DEFAULT_SORT): string {
  const direction = sort.direction === 'desc' ? 'DESC' : 'ASC';
  const column = SORT_SQL[sort.column];
  if (column === undefined) throw new Error(`Unknown sort column: ${String(sort.column)}`);
  if (sort.column === 'id') return `ORDER BY v.id ${direction}`;
  return `ORDER BY ${column} ${direction}, v.id ${direction}`;
}

export { escapeLike, ftsPhrase, TRIGRAM_MIN_LENGTH } from './search-query';

/** `WHERE …` (or '') for a filter; conditions are ANDed. */
export function whereSql(filter: VehicleFilter = {}): SqlFragment {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (fragment: SqlFragment): void => {
    conditions.push(fragment.sql);
    params.push(...fragment.params);
  };
  const search = filter.search?.trim() ?? '';
  const searched = searchCondition(search);
  if (searched !== null) add(searched);
  if (filter.make !== undefined) add({ sql: 'v.make = ? COLLATE NOCASE', params: [filter.make] });
  if (filter.yearFrom !== undefined) add({ sql: 'v.model_year >= ?', params: [filter.yearFrom] });
  if (filter.yearTo !== undefined) add({ sql: 'v.model_year <= ?', params: [filter.yearTo] });
  if (filter.source !== undefined) add({ sql: 'v.source = ?', params: [filter.source] });
  if (filter.hasErrors !== undefined) add({ sql: 'v.has_errors = ?', params: [filter.hasErrors ? 1 : 0] });
  return { sql: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

/** `SELECT COUNT(*) AS total …` for a filter: counted in the search index when only words filter. */
export function countSql(filter: VehicleFilter = {}): SqlFragment {
  const onlySearch = Object.entries(filter).every(([key, value]) => key === 'search' || value === undefined);
  const match = onlySearch ? ftsOnlyMatch(filter.search ?? '') : null;
  if (match !== null) return { sql: 'SELECT COUNT(*) AS total FROM vehicles_search WHERE vehicles_search MATCH ?', params: [match] };
  const where = whereSql(filter);
  return { sql: `SELECT COUNT(*) AS total FROM vehicles v ${where.sql}`, params: where.params };
}
