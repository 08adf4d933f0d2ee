/**
 * WHERE and ORDER BY clauses for the fleet table, built from whitelists.
 *
 * SQL text comes only from constants in this file; every user value (search text, make, years)
 * travels as a bound parameter. Search (every word must match) is built in search-query.ts.
 */
import type { VehicleFilter, VehicleSort, VehicleSortColumn, VehicleSortKeys } from '../../../../../shared/vehicles/vehicle-query';
import { gvwrClassExpr, qualityCondition } from '../overview/overview-sql';
import { PARK_IT_CONDITION, RECALL_SORT_EXPR, recallStatusCondition } from '../recalls/recall-sql';
import { escapeLike, ftsOnlyMatch, ftsPhrase, searchCondition, TRIGRAM_MIN_LENGTH } from './search-query';

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
  recalls: RECALL_SORT_EXPR,
};

export const DEFAULT_SORT: VehicleSort = { column: 'id', direction: 'asc' };

/**
 * `ORDER BY` for one key or several, with a stable tie-break on id.
 *
 * The tie-break takes the first key's direction, so a one-key sort is still one index walk (sort
 * column + rowid). Keys after an id key, and repeated columns, can never decide an order and are
 * dropped.
 */
export function orderBySql(sort: VehicleSortKeys = DEFAULT_SORT): string {
  const keys: readonly VehicleSort[] = Array.isArray(sort) ? sort : [sort];
  const first = keys[0] ?? DEFAULT_SORT;
  const terms: string[] = [];
  const seen = new Set<VehicleSortColumn>();
  for (const key of keys) {
    const column = SORT_SQL[key.column];
    if (column === undefined) throw new Error(`Unknown sort column: ${String(key.column)}`);
    if (seen.has(key.column)) continue;
    seen.add(key.column);
    terms.push(`${column} ${key.direction === 'desc' ? 'DESC' : 'ASC'}`);
    if (key.column === 'id') break;
  }
  if (!seen.has('id')) terms.push(`v.id ${first.direction === 'desc' ? 'DESC' : 'ASC'}`);
  return `ORDER BY ${terms.join(', ')}`;
}

export { escapeLike, ftsPhrase, TRIGRAM_MIN_LENGTH } from './search-query';

/**
 * One column "contains" (the grid's column filters): the trigram index restricted to that column
 * (FTS5 column filter `column : "phrase"`) for 3+ characters, else an escaped LIKE. A LIKE over
 * 100k rows reads the whole table; the index answers in a few milliseconds.
 */
function columnContains(column: 'vin' | 'model', text: string): SqlFragment {
  if ([...text].length >= TRIGRAM_MIN_LENGTH) {
    return { sql: 'v.id IN (SELECT rowid FROM vehicles_search WHERE vehicles_search MATCH ?)', params: [`${column} : ${ftsPhrase(text)}`] };
  }
  return { sql: `v.${column} LIKE ? ESCAPE '\\'`, params: [`%${escapeLike(text)}%`] };
}

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
  // error_codes is vPIC's list ("1,11,14"); code 1 is the check digit.
  if (filter.checkDigitWrong !== undefined) {
    add({ sql: "((',' || v.error_codes || ',') LIKE '%,1,%') = ?", params: [filter.checkDigitWrong ? 1 : 0] });
  }
  if (filter.vehicleType !== undefined) add({ sql: 'v.vehicle_type = ?', params: [filter.vehicleType] });
  if (filter.gvwrClass !== undefined) add({ sql: `${gvwrClassExpr('v.gvwr')} = ?`, params: [filter.gvwrClass] });
  if (filter.quality !== undefined) add({ sql: qualityCondition(filter.quality), params: [] });
  if (filter.recallStatus !== undefined) add({ sql: recallStatusCondition(filter.recallStatus), params: [] });
  if (filter.parkIt === true) add({ sql: PARK_IT_CONDITION, params: [] });
  const vin = filter.vinContains?.trim() ?? '';
  if (vin !== '') add(columnContains('vin', vin));
  const model = filter.modelContains?.trim() ?? '';
  if (model !== '') add(columnContains('model', model));
  if (filter.bodyClass !== undefined) add({ sql: 'v.body_class = ? COLLATE NOCASE', params: [filter.bodyClass] });
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
