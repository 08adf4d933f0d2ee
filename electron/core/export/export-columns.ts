/**
 * The columns of the Parquet export, for the data team.
 *
 * Snake_case names (the cache's SQLite column names, which data teams already know). Custom
 * fleet attributes and the whole vPIC record travel as JSON strings (`attributes_json`,
 * `vpic_record_json`): attribute keys differ per imported file, and a fixed schema must not
 * change shape with the data. Spreadsheets get their own columns (spreadsheet-columns.ts).
 * The vehicle's columns come from its one definition (shared/vehicles/vehicle-columns.ts); the
 * recall columns, read through a join, follow.
 */
import { VEHICLE_COLUMNS, type VehicleColumn, type VehicleColumnType } from '../../../shared/vehicles/vehicle-columns';
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

/** Dates the files named stay text: one that was not unambiguous is kept as the file had it. */
const KIND: Readonly<Record<VehicleColumnType, ColumnKind>> = {
  text: 'text',
  int32: 'int32',
  int64: 'int64',
  double: 'double',
  date: 'text',
  timestamp: 'timestamp',
  json: 'text',
};

function vehicleExportColumn(column: VehicleColumn, name: string): ExportColumn {
  const stored = column.column;
  return {
    name,
    kind: KIND[column.type],
    required: !column.nullable,
    // Stored as JSON text already: passed through, never parsed and re-stringified.
    ...(column.type === 'json' ? { json: true } : {}),
    value: (row) => row[stored],
  };
}

export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  ...VEHICLE_COLUMNS.flatMap((c) => (c.exportName === null ? [] : [vehicleExportColumn(c, c.exportName)])),
  /** Recalls NHTSA lists for the vehicle's make/model/year (not confirmed for the VIN). */
  text('recall_status', true),
  { name: 'recall_campaign_count', kind: 'int32', required: false, value: (r) => (r.recall_status === 'found' ? r.recall_campaign_count : null) },
  /** Campaign numbers separated by spaces. */
  text('recall_campaign_numbers'),
];
