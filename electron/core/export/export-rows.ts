/**
 * The rows an export reads: the cache's columns as stored, JSON left as text.
 *
 * Exporters need no `Vehicle` objects: building them parses every 3 KB vPIC record only for the
 * writer to stringify it again, and that garbage dominated the export's time. Reading the stored
 * `raw_json` / `attributes_json` text straight through keeps memory flat and the work linear.
 *
 * Rows are read in the driver's raw mode (arrays) and built here as object literals of one
 * fixed shape: letting better-sqlite3 build 30-key objects by name took 1.5 s per 100,000 rows,
 * arrays plus literals about half of that (bench cache, ~3.2 KB vPIC record per row). The
 * queries themselves are each store's (storage/sqlite/sqlite-export-rows.ts for SQLite).
 */
import type { VehicleDbRow } from '../vehicles/vehicle-row-mapping';

/** A stored vehicle row as the store holds it (snake_case columns; JSON columns as text). */
export type ExportRow = VehicleDbRow & {
  readonly attributes_json: string;
  /** Recalls listed for the vehicle's make/model/year (see shared/recalls): status, count, numbers. */
  readonly recall_status: string;
  readonly recall_campaign_count: number | null;
  readonly recall_campaign_numbers: string | null;
};

/** Every `vehicles` column of `ExportRow`, in the SELECT order `exportRowFromArray` reads them in (the recall columns follow). */
export const EXPORT_ROW_COLUMNS = [
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

/** A cell as a driver answers it in array (raw) mode. */
export type ExportCell = string | number | null;

/** One literal, so every row shares one hidden class (the driver's typing of each cell is its database's). */
export function exportRowFromArray(r: readonly ExportCell[]): ExportRow {
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
