/**
 * The rows an export reads: the cache's columns as stored, JSON left as text.
 *
 * Exporters need no `Vehicle` objects: building them parses every 3 KB vPIC record only for the
 * writer to stringify it again, and that garbage dominated the export's time. Reading the stored
 * `raw_json` / `attributes_json` text straight through keeps memory flat and the work linear.
 *
 * Rows are read in better-sqlite3's raw mode (arrays) and built here as object literals of one
 * fixed shape: letting better-sqlite3 build 30-key objects by name took 1.5 s per 100,000 rows,
 * arrays plus literals about half of that (bench cache, ~3.2 KB vPIC record per row).
 */
import type { Database } from 'better-sqlite3';
import type { VehicleFilter, VehicleSortKeys } from '../../../shared/vehicles/vehicle-query';
import { RECALL_MATCH, RECALL_STATUS_EXPR } from '../storage/sqlite/recalls/recall-sql';
import { orderBySql, whereSql } from '../storage/sqlite/vehicles/vehicle-list-sql';
import type { VehicleDbRow } from '../vehicles/vehicle-row-mapping';

/** A stored vehicle row as SQLite holds it (snake_case columns; JSON columns as text). */
export type ExportRow = VehicleDbRow & {
  readonly attributes_json: string;
  /** Recalls listed for the vehicle's make/model/year (see shared/recalls): status, count, numbers. */
  readonly recall_status: string;
  readonly recall_campaign_count: number | null;
  readonly recall_campaign_numbers: string | null;
};

/** Recall columns, read through a join with the recalls cache (they are not columns of `vehicles`). */
const RECALL_SELECT = `${RECALL_STATUS_EXPR}, r.campaign_count, NULLIF(r.campaign_numbers, '')`;

/** Every `vehicles` column of `ExportRow`, in the SELECT order `exportRowFromArray` reads them in (the recall columns follow). */
const EXPORT_ROW_COLUMNS = [
  'id',
  'vin',
  'make',
  'model',
  'model_year',
  'body_class',
  'manufacturer',
  'series',
  'trim',
  'vehicle_type',
  'gvwr',
  'drive_type',
  'fuel_type',
  'engine_model',
  'engine_cylinders',
  'displacement_l',
  'plant_country',
  'plant_city',
  'error_codes',
  'error_text',
  'has_errors',
  'source',
  'decoded_at',
  'snapshot_version',
  'raw_json',
  'attributes_json',
  'created_at',
  'updated_at',
  'unit_number',
  'plate',
  'plate_region',
  'department',
  'driver',
  'odometer',
  'in_service_date',
  'notes',
] as const satisfies readonly (keyof ExportRow)[];

type Cell = string | number | null;

/** One literal, so every row shares one hidden class (better-sqlite3's typing of each cell is SQLite's). */
function exportRowFromArray(r: readonly Cell[]): ExportRow {
  return {
    id: r[0] as number,
    vin: r[1] as string,
    make: r[2] as string | null,
    model: r[3] as string | null,
    model_year: r[4] as number | null,
    body_class: r[5] as string | null,
    manufacturer: r[6] as string | null,
    series: r[7] as string | null,
    trim: r[8] as string | null,
    vehicle_type: r[9] as string | null,
    gvwr: r[10] as string | null,
    drive_type: r[11] as string | null,
    fuel_type: r[12] as string | null,
    engine_model: r[13] as string | null,
    engine_cylinders: r[14] as number | null,
    displacement_l: r[15] as number | null,
    plant_country: r[16] as string | null,
    plant_city: r[17] as string | null,
    error_codes: r[18] as string,
    error_text: r[19] as string | null,
    has_errors: r[20] as number,
    source: r[21] as string,
    decoded_at: r[22] as string,
    snapshot_version: r[23] as string | null,
    raw_json: r[24] as string,
    attributes_json: r[25] as string,
    created_at: r[26] as string,
    updated_at: r[27] as string,
    unit_number: r[28] as string | null,
    plate: r[29] as string | null,
    plate_region: r[30] as string | null,
    department: r[31] as string | null,
    driver: r[32] as string | null,
    odometer: r[33] as number | null,
    in_service_date: r[34] as string | null,
    notes: r[35] as string | null,
    recall_status: r[36] as string,
    recall_campaign_count: r[37] as number | null,
    recall_campaign_numbers: r[38] as string | null,
  };
}

/**
 * The SELECT list; without the raw record (spreadsheets never write it) its ~3 KB per row is not
 * read at all, which is most of an export's bytes and garbage.
 */
function selectList(withRaw: boolean): string {
  const columns = EXPORT_ROW_COLUMNS.map((c) => (c === 'raw_json' && !withRaw ? "'{}' AS raw_json" : `v.${c}`));
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
