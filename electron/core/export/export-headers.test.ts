/**
 * Today's export headers, written out by hand: the Parquet schema and the spreadsheet columns are
 * derived from the vehicle's one column definition, and a change there must never silently
 * rename, retype, reorder or drop a column a data team or a spreadsheet user already reads.
 */
import { describe, expect, it } from 'vitest';
import { parquetSchemaFields } from './parquet-schema';
import { allSpreadsheetColumns, SPREADSHEET_COLUMN_IDS, uniqueHeaders, viewSpreadsheetColumns } from './spreadsheet-columns';

/** name, Parquet type, optional, statistics kept. */
const PARQUET_FIELDS: readonly (readonly [string, string, boolean, boolean])[] = [
  ['id', 'INT64', false, true],
  ['vin', 'UTF8', false, true],
  ['make', 'UTF8', true, true],
  ['model', 'UTF8', true, true],
  ['model_year', 'INT32', true, true],
  ['body_class', 'UTF8', true, true],
  ['manufacturer', 'UTF8', true, true],
  ['series', 'UTF8', true, true],
  ['trim', 'UTF8', true, true],
  ['vehicle_type', 'UTF8', true, true],
  ['gvwr', 'UTF8', true, true],
  ['drive_type', 'UTF8', true, true],
  ['fuel_type', 'UTF8', true, true],
  ['engine_model', 'UTF8', true, true],
  ['engine_cylinders', 'INT32', true, true],
  ['displacement_l', 'DOUBLE', true, true],
  ['plant_country', 'UTF8', true, true],
  ['plant_city', 'UTF8', true, true],
  ['error_codes', 'UTF8', false, true],
  ['error_text', 'UTF8', true, true],
  ['source', 'UTF8', false, true],
  ['decoded_at', 'TIMESTAMP_MILLIS', false, true],
  ['snapshot_version', 'UTF8', true, true],
  ['created_at', 'TIMESTAMP_MILLIS', false, true],
  ['updated_at', 'TIMESTAMP_MILLIS', false, true],
  ['unit_number', 'UTF8', true, true],
  ['plate', 'UTF8', true, true],
  ['plate_region', 'UTF8', true, true],
  ['department', 'UTF8', true, true],
  ['driver', 'UTF8', true, true],
  ['odometer', 'INT64', true, true],
  ['in_service_date', 'UTF8', true, true],
  ['notes', 'UTF8', true, true],
  ['attributes_json', 'UTF8', false, false],
  ['vpic_record_json', 'UTF8', false, false],
  ['recall_status', 'UTF8', false, true],
  ['recall_campaign_count', 'INT32', true, true],
  ['recall_campaign_numbers', 'UTF8', true, true],
];

/** id, header, XLSX kind, XLSX width; with one custom field ("Cost centre") in its place. */
const SPREADSHEET_COLUMNS: readonly (readonly [string, string, string, number])[] = [
  ['vin', 'VIN', 'text', 20],
  ['make', 'Make', 'text', 16],
  ['model', 'Model', 'text', 18],
  ['modelYear', 'Year', 'integer', 7],
  ['bodyClass', 'Body class', 'text', 24],
  ['unitNumber', 'Unit number', 'text', 16],
  ['plate', 'Plate', 'text', 16],
  ['plateRegion', 'Plate state/region', 'text', 16],
  ['department', 'Department', 'text', 16],
  ['driver', 'Driver', 'text', 16],
  ['odometer', 'Odometer', 'integer', 13],
  ['inServiceDate', 'In-service date', 'date', 13],
  ['notes', 'Notes', 'text', 30],
  ['attr:Cost centre', 'Cost centre', 'text', 13],
  ['manufacturer', 'Manufacturer', 'text', 24],
  ['series', 'Series', 'text', 14],
  ['trim', 'Trim', 'text', 14],
  ['vehicleType', 'Vehicle type', 'text', 18],
  ['gvwr', 'GVWR', 'text', 24],
  ['driveType', 'Drive type', 'text', 12],
  ['fuelType', 'Fuel type', 'text', 12],
  ['engineModel', 'Engine model', 'text', 16],
  ['engineCylinders', 'Engine cylinders', 'integer', 9],
  ['displacementL', 'Displacement (L)', 'number', 9],
  ['plantCountry', 'Plant country', 'text', 20],
  ['plantCity', 'Plant city', 'text', 16],
  ['errorCodes', 'vPIC error codes', 'text', 10],
  ['errorText', 'vPIC error text', 'text', 40],
  ['source', 'Source', 'text', 8],
  ['decodedAt', 'Decoded', 'datetime', 18],
  ['snapshotVersion', 'Offline snapshot', 'text', 12],
  ['createdAt', 'First stored', 'datetime', 18],
  ['updatedAt', 'Last updated', 'datetime', 18],
  ['recalls', 'Recalls', 'text', 14],
  ['recallCampaigns', 'Recall campaigns', 'text', 24],
];

describe('export headers', () => {
  it('keeps the Parquet schema: names, order, types, nullability and statistics', () => {
    const fields = Object.entries(parquetSchemaFields()).map(([name, field]) => [name, field.type, field.optional, field.statistics ?? true]);
    expect(fields).toEqual(PARQUET_FIELDS);
    for (const field of Object.values(parquetSchemaFields())) expect(field.compression).toBe('SNAPPY');
  });

  it('keeps the CSV/XLSX columns of a whole-fleet export: ids, headers, order, kinds and widths', () => {
    const columns = allSpreadsheetColumns(['Cost centre']);
    expect(columns.map((c) => [c.id, c.header, c.kind, c.width])).toEqual(SPREADSHEET_COLUMNS);
    expect(uniqueHeaders(columns)).toEqual(SPREADSHEET_COLUMNS.map(([, header]) => header));
  });

  it('keeps the column ids a view may name, and their headers', () => {
    const standard = SPREADSHEET_COLUMNS.filter(([id]) => !id.startsWith('attr:'));
    expect(SPREADSHEET_COLUMN_IDS).toEqual(standard.map(([id]) => id));
    expect(viewSpreadsheetColumns(standard.map(([id]) => id)).map((c) => c.header)).toEqual(standard.map(([, header]) => header));
  });
});
