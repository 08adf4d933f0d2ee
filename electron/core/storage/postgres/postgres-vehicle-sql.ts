/**
 * The fleet table's WHERE and ORDER BY in PostgreSQL, with the SQLite store's meaning.
 *
 * SQL text comes from constants here; every user value is a bound parameter (kysely's `sql`
 * template). SQLite's NOCASE becomes `lower(…) COLLATE "C"` (case-insensitive, byte order, as the
 * migration's expression indexes hold them), its NULLs-first ascending order is spelled out, and
 * the FTS5 trigram search becomes substring tests over `search_text` that pg_trgm's GIN index
 * answers. Word splitting is the SQLite store's own (`searchWords`), so both stores agree on
 * which words a search has.
 */
import { sql, type RawBuilder } from 'kysely';
import type { DecodeQuality } from '../../../../shared/overview/fleet-overview';
import { MODEL_UNKNOWN, recallSql } from '../recall-sql-shape';
import type { VehicleFilter, VehicleSort, VehicleSortColumn, VehicleSortKeys } from '../../../../shared/vehicles/vehicle-query';
import { escapeLike, searchWords, TRIGRAM_MIN_LENGTH } from '../sqlite/vehicles/search-query';
import { DEFAULT_SORT } from '../sqlite/vehicles/vehicle-list-sql';

export type Fragment = RawBuilder<unknown>;

/** The cached recall answer for v's make/model/year (alias `r`), case-insensitive like the cache's key. */
const MATCH = 'lower(r.make) = lower(v.make) AND lower(r.model) = lower(v.model) AND r.model_year = v.model_year';

export { MODEL_UNKNOWN };

export const { RECALL_MATCH, RECALL_STATUS_EXPR, recallStatusCondition, PARK_IT_CONDITION, RECALL_SORT_EXPR } = recallSql({
  match: MATCH,
  vehiclesWhereRecall: (where) => `EXISTS (SELECT 1 FROM recall_models r WHERE ${MATCH} AND ${where})`,
});

/** vPIC's GVWR reads "Class 8: 33,001 lb and above (…)": the class is the part before the colon. */
export function gvwrClassExpr(column: string): string {
  return `CASE WHEN ${column} IS NULL THEN NULL WHEN strpos(${column}, ':') > 0 THEN trim(substr(${column}, 1, strpos(${column}, ':') - 1)) ELSE ${column} END`;
}

function checkDigitWarning(codes: string): string {
  return `((',' || ${codes} || ',') LIKE '%,1,%')`;
}

export function qualityExpr(hasErrors: string, codes: string): string {
  return `CASE WHEN ${hasErrors} = 1 THEN 'errors' WHEN ${checkDigitWarning(codes)} THEN 'check-digit' ELSE 'clean' END`;
}

function qualityCondition(quality: DecodeQuality): string {
  switch (quality) {
    case 'errors':
      return 'v.has_errors = 1';
    case 'check-digit':
      return `(v.has_errors = 0 AND ${checkDigitWarning('v.error_codes')})`;
    case 'clean':
      return `(v.has_errors = 0 AND NOT ${checkDigitWarning('v.error_codes')})`;
  }
}

/** A case-insensitive text sort key, in byte order (SQLite's NOCASE). */
const nocase = (column: string): string => `lower(${column}) COLLATE "C"`;

const SORT_SQL: Readonly<Record<VehicleSortColumn, string>> = {
  vin: 'v.vin',
  make: nocase('v.make'),
  model: nocase('v.model'),
  modelYear: 'v.model_year',
  bodyClass: nocase('v.body_class'),
  source: 'v.source COLLATE "C"',
  decodedAt: 'v.decoded_at COLLATE "C"',
  updatedAt: 'v.updated_at COLLATE "C"',
  id: 'v.id',
  unitNumber: nocase('v.unit_number'),
  plate: nocase('v.plate'),
  department: nocase('v.department'),
  recalls: RECALL_SORT_EXPR,
};

/**
 * Keys that are unique and never NULL: nothing after them can decide an order, and they take no
 * NULLS clause (their unique index is read as it is).
 */
const UNIQUE_SORTS: ReadonlySet<VehicleSortColumn> = new Set(['id', 'vin']);

/**
 * `ORDER BY` with SQLite's rules: NULLs first when ascending, repeated keys dropped, ties broken
 * by id in the first key's direction (so one index of key + id serves both directions).
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
    const direction = key.direction === 'desc' ? 'DESC' : 'ASC';
    if (UNIQUE_SORTS.has(key.column)) {
      terms.push(`${column} ${direction}`);
      break;
    }
    terms.push(key.direction === 'desc' ? `${column} DESC NULLS LAST` : `${column} ASC NULLS FIRST`);
  }
  if (![...seen].some((column) => UNIQUE_SORTS.has(column))) terms.push(`v.id ${first.direction === 'desc' ? 'DESC' : 'ASC'}`);
  return `ORDER BY ${terms.join(', ')}`;
}

/** `%word%` for a LIKE over lowercased text. */
function containsPattern(word: string): string {
  return `%${escapeLike(word.toLowerCase())}%`;
}

/**
 * A short word as a prefix of the VIN (stored uppercase), unit number, plate, make or model,
 * like the SQLite store (trigrams cannot answer 1-2 characters).
 */
function prefixCondition(word: string): Fragment {
  const vinPrefix = `${escapeLike(word.toUpperCase())}%`;
  const prefix = `${escapeLike(word.toLowerCase())}%`;
  return sql`(v.vin LIKE ${vinPrefix} OR ${sql.raw(nocase('v.unit_number'))} LIKE ${prefix} OR ${sql.raw(nocase('v.plate'))} LIKE ${prefix} OR ${sql.raw(nocase('v.make'))} LIKE ${prefix} OR ${sql.raw(nocase('v.model'))} LIKE ${prefix})`;
}

/** Every word must match: 3+ characters anywhere in the search columns, shorter ones as prefixes. */
export function searchCondition(search: string): Fragment | null {
  const words = searchWords(search);
  if (words.length === 0) return null;
  return sql.join(
    words.map((word) =>
      [...word].length >= TRIGRAM_MIN_LENGTH ? sql`v.search_text LIKE ${containsPattern(word)}` : prefixCondition(word),
    ),
    sql` AND `,
  );
}

/** A column's "contains" filter; the search text's index narrows 3+ characters first. */
function columnContains(column: 'vin' | 'model', text: string): Fragment {
  const pattern = containsPattern(text);
  const own = sql`lower(${sql.ref(`v.${column}`)}) LIKE ${pattern}`;
  return [...text].length >= TRIGRAM_MIN_LENGTH ? sql`(v.search_text LIKE ${pattern} AND ${own})` : own;
}

/** The filter's conditions (ANDed). */
function conditionsOf(filter: VehicleFilter): Fragment[] {
  const conditions: Fragment[] = [];
  const searched = searchCondition(filter.search?.trim() ?? '');
  if (searched !== null) conditions.push(searched);
  if (filter.make !== undefined) conditions.push(sql`lower(v.make) = lower(${filter.make})`);
  if (filter.yearFrom !== undefined) conditions.push(sql`v.model_year >= ${filter.yearFrom}`);
  if (filter.yearTo !== undefined) conditions.push(sql`v.model_year <= ${filter.yearTo}`);
  if (filter.source !== undefined) conditions.push(sql`v.source = ${filter.source}`);
  if (filter.hasErrors !== undefined) conditions.push(sql`v.has_errors = ${filter.hasErrors ? 1 : 0}`);
  if (filter.checkDigitWrong !== undefined) conditions.push(sql`${sql.raw(checkDigitWarning('v.error_codes'))} = ${filter.checkDigitWrong}`);
  if (filter.vehicleType !== undefined) conditions.push(sql`v.vehicle_type = ${filter.vehicleType}`);
  if (filter.gvwrClass !== undefined) conditions.push(sql`${sql.raw(gvwrClassExpr('v.gvwr'))} = ${filter.gvwrClass}`);
  if (filter.quality !== undefined) conditions.push(sql.raw(qualityCondition(filter.quality)));
  if (filter.recallStatus !== undefined) conditions.push(sql.raw(recallStatusCondition(filter.recallStatus)));
  if (filter.parkIt === true) conditions.push(sql.raw(PARK_IT_CONDITION));
  const vin = filter.vinContains?.trim() ?? '';
  if (vin !== '') conditions.push(columnContains('vin', vin));
  const model = filter.modelContains?.trim() ?? '';
  if (model !== '') conditions.push(columnContains('model', model));
  if (filter.bodyClass !== undefined) conditions.push(sql`lower(v.body_class) = lower(${filter.bodyClass})`);
  return conditions;
}

/** `WHERE …` (or nothing) for a filter and any further conditions (keyset paging). */
export function whereSql(filter: VehicleFilter = {}, ...extra: Fragment[]): Fragment {
  const conditions = [...conditionsOf(filter), ...extra];
  return conditions.length === 0 ? sql`` : sql`WHERE ${sql.join(conditions, sql` AND `)}`;
}
