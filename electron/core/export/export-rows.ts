/**
 * The rows an export reads: the cache's columns as stored, JSON left as text.
 *
 * Exporters need no `Vehicle` objects: building them parses every 3 KB vPIC record only for the
 * writer to stringify it again, and that garbage dominated the export's time. Reading the stored
 * `raw_json` / `attributes_json` text straight through keeps memory flat and the work linear.
 *
 * Rows are read in the driver's raw mode (arrays) and built here as objects of one fixed shape:
 * letting better-sqlite3 build 30-key objects by name took 1.5 s per 100,000 rows, arrays plus
 * fixed-shape objects about half of that (bench cache, ~3.2 KB vPIC record per row). The queries
 * themselves are each store's (storage/sqlite/sqlite-export-rows.ts for SQLite).
 */
import { VEHICLE_COLUMNS } from '../../../shared/vehicles/vehicle-columns';
import type { VehicleDbRow } from '../vehicles/vehicle-row-mapping';

/** A stored vehicle row as the store holds it (snake_case columns; JSON columns as text). */
export type ExportRow = VehicleDbRow & {
  /** Recalls listed for the vehicle's make/model/year (see shared/recalls): status, count, numbers. */
  readonly recall_status: string;
  readonly recall_campaign_count: number | null;
  readonly recall_campaign_numbers: string | null;
};

/** Every `vehicles` column of `ExportRow`, in the SELECT order `exportRowFromArray` reads them in (the recall columns follow). */
export const EXPORT_ROW_COLUMNS: readonly (keyof VehicleDbRow)[] = VEHICLE_COLUMNS.map((c) => c.column);

/** A cell as a driver answers it in array (raw) mode. */
export type ExportCell = string | number | null;

/** Every `ExportRow` field, in the order of the SELECT list: the `vehicles` columns, then the recall columns. */
const EXPORT_ROW_FIELDS: readonly (keyof ExportRow)[] = [...EXPORT_ROW_COLUMNS, 'recall_status', 'recall_campaign_count', 'recall_campaign_numbers'];

/**
 * Every field present from the start, so each row is a copy of one shape and the loop only
 * overwrites: adding 39 keys one by one to an empty object cost several times as long.
 */
const ROW_SHAPE: Readonly<Record<string, ExportCell>> = Object.fromEntries(EXPORT_ROW_FIELDS.map((name) => [name, null]));

export function exportRowFromArray(cells: readonly ExportCell[]): ExportRow {
  const row: Record<string, ExportCell> = { ...ROW_SHAPE };
  for (let i = 0; i < EXPORT_ROW_FIELDS.length; i += 1) row[EXPORT_ROW_FIELDS[i]!] = cells[i] as ExportCell;
  return row as unknown as ExportRow;
}
