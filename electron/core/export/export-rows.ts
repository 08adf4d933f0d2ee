/**
 * The rows an export reads: the cache's columns as stored, JSON left as text.
 *
 * Exporters need no `Vehicle` objects: building them parses every 3 KB vPIC record only for the
 * writer to stringify it again, and that garbage dominated the export's time. Reading the stored
 * `raw_json` / `attributes_json` text straight through keeps memory flat and the work linear.
 */
import type { Database } from 'better-sqlite3';
import type { VehicleFilter } from '../../../shared/vehicles/vehicle-query';
import { cachedStatement } from '../vehicles/statement-cache';
import { whereSql } from '../vehicles/vehicle-list-sql';
import type { VehicleDbRow } from '../vehicles/vehicle-row-mapping';

/** A stored vehicle row as SQLite holds it (snake_case columns; JSON columns as text). */
export type ExportRow = VehicleDbRow & { readonly attributes_json: string };

/** Keyset pages of stored rows in id order, matching `filter`; never the whole table at once. */
export function* iterateExportRows(db: Database, filter: VehicleFilter = {}, batchSize = 1000): Generator<ExportRow[]> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a positive integer');
  const where = whereSql(filter);
  const keyset = where.sql ? `${where.sql} AND v.id > ?` : 'WHERE v.id > ?';
  const statement = cachedStatement<ExportRow>(db, `SELECT v.* FROM vehicles v ${keyset} ORDER BY v.id LIMIT ?`);
  let lastId = -1;
  for (;;) {
    const rows = statement.all(...where.params, lastId, batchSize);
    if (rows.length === 0) return;
    lastId = rows[rows.length - 1]!.id;
    yield rows;
    if (rows.length < batchSize) return;
  }
}
