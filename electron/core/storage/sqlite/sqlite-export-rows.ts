/**
 * SQLite's reads for an export: keyset pages in id order, one streaming statement for a sorted
 * view, and the custom-field headers. Rows come back in raw mode and are shaped by
 * `exportRowFromArray` (export/export-rows.ts), whose column order the SELECT list follows.
 */
import type { Database } from 'better-sqlite3';
import type { VehicleFilter, VehicleSortKeys } from '../../../../shared/vehicles/vehicle-query';
import { EXPORT_ROW_COLUMNS, exportRowFromArray, type ExportCell as Cell, type ExportRow } from '../../export/export-rows';
import { RECALL_MATCH, RECALL_STATUS_EXPR } from './recalls/recall-sql';
import { orderBySql, whereSql } from './vehicles/vehicle-list-sql';

/** Recall columns, read through a join with the recalls cache (they are not columns of `vehicles`). */
const RECALL_SELECT = `${RECALL_STATUS_EXPR}, r.campaign_count, NULLIF(r.campaign_numbers, '')`;

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
