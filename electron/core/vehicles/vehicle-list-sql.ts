/**
 * WHERE and ORDER BY clauses for the fleet table, built from whitelists.
 *
 * SQL text comes only from constants in this file; every user value (search text, make, years)
 * travels as a bound parameter. Search uses the FTS5 trigram index of migration 2 for 3+
 * characters (trigrams cannot match shorter text, https://sqlite.org/fts5.html#the_trigram_tokenizer)
 * and falls back to an escaped LIKE for 1-2 characters.
 */
import type { VehicleFilter, VehicleSort, VehicleSortColumn } from '../../../shared/vehicles/vehicle-query';
import { gvwrClassExpr, qualityCondition } from '../overview/overview-sql';
import { PARK_IT_CONDITION, RECALL_SORT_EXPR, recallStatusCondition } from '../recalls/recall-sql';

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
  recalls: RECALL_SORT_EXPR,
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

/** Escape `%`, `_` and the escape character itself for `LIKE … ESCAPE '\'`. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/** An FTS5 phrase: double quotes, inner quotes doubled; nothing inside is query syntax. */
export function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** Shortest search the trigram index can answer. */
export const TRIGRAM_MIN_LENGTH = 3;

function searchCondition(search: string): SqlFragment {
  if ([...search].length >= TRIGRAM_MIN_LENGTH) {
    return {
      sql: 'v.id IN (SELECT rowid FROM vehicles_search WHERE vehicles_search MATCH ?)',
      params: [ftsPhrase(search)],
    };
  }
  const pattern = `%${escapeLike(search)}%`;
  return {
    sql: "(v.vin LIKE ? ESCAPE '\\' OR v.make LIKE ? ESCAPE '\\' OR v.model LIKE ? ESCAPE '\\')",
    params: [pattern, pattern, pattern],
  };
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
  if (search !== '') add(searchCondition(search));
  if (filter.make !== undefined) add({ sql: 'v.make = ? COLLATE NOCASE', params: [filter.make] });
  if (filter.yearFrom !== undefined) add({ sql: 'v.model_year >= ?', params: [filter.yearFrom] });
  if (filter.yearTo !== undefined) add({ sql: 'v.model_year <= ?', params: [filter.yearTo] });
  if (filter.source !== undefined) add({ sql: 'v.source = ?', params: [filter.source] });
  if (filter.hasErrors !== undefined) add({ sql: 'v.has_errors = ?', params: [filter.hasErrors ? 1 : 0] });
  // error_codes is vPIC's list ("1,11,14"); code 1 is the check digit.
  if (filter.checkDigitWrong !== undefined) {
    add({ sql: "((',' || v.error_codes || ',') LIKE '%,1,%') = ?", params: [filter.checkDigitWrong ? 1 : 0] });
  }
  if (filter.bodyClass !== undefined) add({ sql: 'v.body_class = ?', params: [filter.bodyClass] });
  if (filter.vehicleType !== undefined) add({ sql: 'v.vehicle_type = ?', params: [filter.vehicleType] });
  if (filter.gvwrClass !== undefined) add({ sql: `${gvwrClassExpr('v.gvwr')} = ?`, params: [filter.gvwrClass] });
  if (filter.quality !== undefined) add({ sql: qualityCondition(filter.quality), params: [] });
  if (filter.recallStatus !== undefined) add({ sql: recallStatusCondition(filter.recallStatus), params: [] });
  if (filter.parkIt === true) add({ sql: PARK_IT_CONDITION, params: [] });
  return { sql: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}
