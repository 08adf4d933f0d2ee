/**
 * The columns of the Parquet export, for the data team.
 *
 * Snake_case names (the cache's SQLite column names, which data teams already know). Custom
 * fleet attributes and the whole vPIC record travel as JSON strings (`attributes_json`,
 * `vpic_record_json`): attribute keys differ per imported file, and a fixed schema must not
 * change shape with the data. Spreadsheets get their own columns (spreadsheet-columns.ts).
 */
import type { ExportRow } from './export-rows';

/** How a column is typed: drives the Parquet physical/logical type and CSV escaping. */
export type ColumnKind = 'text' | 'int32' | 'int64' | 'double' | 'boolean' | 'timestamp';

export interface ExportColumn {
  readonly name: string;
  readonly kind: ColumnKind;
  /** False when the value may be null (vPIC had no value). */
  readonly required: boolean;
  /** A whole JSON document (one per row, kilobytes long): no Parquet min/max statistics. */
  readonly json?: boolean;
  /** The cell's value: string, number, boolean, an ISO-8601 instant for timestamps, or null. */
  readonly value: (row: ExportRow) => string | number | boolean | null;
}

function text(name: keyof ExportRow & string, required = false): ExportColumn {
  return { name, kind: 'text', required, value: (row) => row[name] as string | null };
}

export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  { name: 'id', kind: 'int64', required: true, value: (r) => r.id },
  text('vin', true),
  text('make'),
  text('model'),
  { name: 'model_year', kind: 'int32', required: false, value: (r) => r.model_year },
  text('body_class'),
  text('manufacturer'),
  text('series'),
  text('trim'),
  text('vehicle_type'),
  text('gvwr'),
  text('drive_type'),
  text('fuel_type'),
  text('engine_model'),
  { name: 'engine_cylinders', kind: 'int32', required: false, value: (r) => r.engine_cylinders },
  { name: 'displacement_l', kind: 'double', required: false, value: (r) => r.displacement_l },
  text('plant_country'),
  text('plant_city'),
  /** vPIC's ErrorCode as it sent it: codes joined by commas ("0" = clean). */
  text('error_codes', true),
  text('error_text'),
  text('source', true),
  { name: 'decoded_at', kind: 'timestamp', required: true, value: (r) => r.decoded_at },
  text('snapshot_version'),
  { name: 'created_at', kind: 'timestamp', required: true, value: (r) => r.created_at },
  { name: 'updated_at', kind: 'timestamp', required: true, value: (r) => r.updated_at },
  // The standard fleet fields (migration 7); custom fields stay in attributes_json.
  text('unit_number'),
  text('plate'),
  text('plate_region'),
  text('department'),
  text('driver'),
  { name: 'odometer', kind: 'int64', required: false, value: (r) => r.odometer },
  /** ISO date (YYYY-MM-DD), or the file's text when it named no unambiguous date. */
  text('in_service_date'),
  text('notes'),
  /** Stored as JSON text already: passed through, never parsed and re-stringified. */
  { name: 'attributes_json', kind: 'text', required: true, json: true, value: (r) => r.attributes_json },
  { name: 'vpic_record_json', kind: 'text', required: true, json: true, value: (r) => r.raw_json },
  /** Recalls NHTSA lists for the vehicle's make/model/year (not confirmed for the VIN). */
  text('recall_status', true),
  { name: 'recall_campaign_count', kind: 'int32', required: false, value: (r) => (r.recall_status === 'found' ? r.recall_campaign_count : null) },
  /** Campaign numbers separated by spaces. */
  text('recall_campaign_numbers'),
];
