/**
 * The rows an export reads: the cache's columns as stored, JSON left as text.
 *
 * Exporters need no `Vehicle` objects: building them parses every 3 KB vPIC record only for the
 * writer to stringify it again, and that garbage dominated the export's time. Reading the stored
 * `raw_json` / `attributes_json` text straight through keeps memory flat and the work linear.
 *
 * Rows are read in better-sqlite3's raw mode (arrays) and built here as objects of one fixed
 * shape: letting better-sqlite3 build 30-key objects by name took 1.5 s per 100,000 rows, arrays
 * plus fixed-shape objects about half of that (bench cache, ~3.2 KB vPIC record per row).
 */
import type { Database } from 'better-sqlite3';
import type { VehicleFilter, VehicleSortKeys } from '../../../shared/vehicles/vehicle-query';
import { RECALL_MATCH, RECALL_STATUS_EXPR } from '../recalls/recall-sql';
import { orderBySql, whereSql } from '../vehicles/vehicle-list-sql';
import { VEHICLE_COLUMNS } from '../../../shared/vehicles/vehicle-columns';
import type { VehicleDbRow } from '../vehicles/vehicle-row-mapping';

/** A stored vehicle row as SQLite holds it (snake_case columns; JSON columns as text). */
export type ExportRow = VehicleDbRow & {
  /** Recalls listed for the vehicle's make/model/year (see shared/recalls): status, count, numbers. */
  readonly recall_status: string;
  readonly recall_campaign_count: number | null;
  readonly recall_campaign_numbers: string | null;
};

/** Recall columns, read through a join with the recalls cache (they are not columns of `vehicles`). */
const RECALL_SELECT = `${RECALL_STATUS_EXPR}, r.campaign_count, NULLIF(r.campaign_numbers, '')`;

type Cell = string | number | null;

/** Every `ExportRow` field, in the order of the SELECT list: the `vehicles` columns, then the recall columns. */
const EXPORT_ROW_FIELDS: readonly (keyof ExportRow)[] = [
  ...VEHICLE_COLUMNS.map((c) => c.column),
  'recall_status',
  'recall_campaign_count',
  'recall_campaign_numbers',
];

/**
 * Every field present from the start, so each row is a copy of one shape and the loop only
 * overwrites: adding 39 keys one by one to an empty object cost several times as long.
 */
const ROW_SHAPE: Readonly<Record<string, Cell>> = Object.fromEntries(EXPORT_ROW_FIELDS.map((name) => [name, null]));

function exportRowFromArray(cells: readonly Cell[]): ExportRow {
  const row: Record<string, Cell> = { ...ROW_SHAPE };
  for (let i = 0; i < EXPORT_ROW_FIELDS.length; i += 1) row[EXPORT_ROW_FIELDS[i]!] = cells[i] as Cell;
  return row as unknown as ExportRow;
}

/**
 * The SELECT list; without the raw record (spreadsheets never write it) its ~3 KB per row is not
 * read at all, which is most of an export's bytes and garbage.
 */
function selectList(withRaw: boolean): string {
  const columns = VEHICLE_COLUMNS.map(({ column }) => (column === 'raw_json' && !withRaw ? "'{}' AS raw_json" : `v.${column}`));
  return `${columns.join(', ')}, ${RECALL_SELECT}`;
}

/** Keyset pages of stored rows in id order, matching `filter`; never the whole table at once. */
export function* iterateExportRows(db: Database, filter: VehicleFilter = {}, batchSize = 1000, withRaw = true): Generator<ExportRow[]> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a positive integer');
  const where = whereSql(filter);
  const keyset = where.sql ? `${where.sql} AND v.id > ?` : 'WHERE v.id > ?';
  const columns = selectList(withRaw);
  // Prepared per export: the export owns its read-only connection, and raw mode is per statement.
  const statement = db
    .prepare<unknown[], Cell[]>(
      `SELECT ${columns} FROM vehicles v LEFT JOIN recall_models r ON ${RECALL_MATCH} ${keyset} ORDER BY v.id LIMIT ?`,
    )
    .raw(true);
  let lastId = -1;
  for (;;) {
    const rows = statement.all(...where.params, lastId, batchSize).map(exportRowFromArray);
    if (rows.length === 0) return;
    lastId = rows[rows.length - 1]!.id;
    yield rows;
    if (rows.length < batchSize) return;
  }
}

/**
 * Rows matching `filter` in the table's `sort` order, in batches, from ONE streaming statement.
 *
 * Keyset paging needs an id order; a view sorted by make or unit number is read with a single
 * `iterate()` instead, which holds one row at a time. The export owns its read-only connection
 * and runs nothing else on it until the iteration ends.
 */
export function* iterateSortedExportRows(
  db: Database,
  filter: VehicleFilter,
  sort: VehicleSortKeys,
  batchSize = 1000,
  withRaw = true,
): Generator<ExportRow[]> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a positive integer');
  const where = whereSql(filter);
  const columns = selectList(withRaw);
  const statement = db
    .prepare<unknown[], Cell[]>(`SELECT ${columns} FROM vehicles v LEFT JOIN recall_models r ON ${RECALL_MATCH} ${where.sql} ${orderBySql(sort)}`)
    .raw(true);
  let batch: ExportRow[] = [];
  for (const cells of statement.iterate(...where.params)) {
    batch.push(exportRowFromArray(cells));
    if (batch.length === batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** The custom-field headers of the rows matching `filter`, in the order they first appear. */
export function customHeaders(db: Database, filter: VehicleFilter = {}): string[] {
  const where = whereSql(filter);
  const sql =
    `SELECT j.key AS key FROM vehicles v, json_each(v.attributes_json) j ${where.sql} ` +
    'GROUP BY j.key ORDER BY MIN(v.id), j.key';
  return db
    .prepare<unknown[], { key: string }>(sql)
    .all(...where.params)
    .map((r) => r.key);
}
