/**
 * The columns of a spreadsheet export (CSV, XLSX): what a person opening the file in Excel wants.
 *
 * Human headers, one column per field: the headline decode fields, the standard fleet fields,
 * the fleet's custom fields (one column per header seen in the exported rows), then the rest of
 * the decode. No JSON cells: the raw vPIC record stays in the Parquet export for the data team.
 * Column ids are the fleet table's, so "export current view" names its visible columns in order.
 */
import { FLEET_FIELDS } from '../../../shared/fleet-fields/fleet-fields';
import { RECALL_STATUS_LABELS, type RecallStatus } from '../../../shared/recalls/recall-types';
import { AppFailure } from '../ipc/app-failure';
import type { ExportRow } from './export-rows';

/** How a cell is typed in XLSX (CSV writes text either way). */
export type SpreadsheetKind = 'text' | 'integer' | 'number' | 'date' | 'datetime';

export type CellValue = string | number | null;

/** One exported row: the stored columns plus its custom fields, parsed once. */
export interface SpreadsheetRow {
  readonly row: ExportRow;
  readonly custom: Readonly<Record<string, string>>;
}

export interface SpreadsheetColumn {
  /** The fleet table's column id (`attr:<header>` for a custom field). */
  readonly id: string;
  readonly header: string;
  readonly kind: SpreadsheetKind;
  /** Width in characters for XLSX. */
  readonly width: number;
  /** Text, a number, an ISO date (`date`: YYYY-MM-DD when it is one) or instant (`datetime`), or null. */
  readonly value: (r: SpreadsheetRow) => CellValue;
}

export const CUSTOM_PREFIX = 'attr:';

const col = (id: string, header: string, kind: SpreadsheetKind, width: number, value: (row: ExportRow) => CellValue): SpreadsheetColumn => ({
  id,
  header,
  kind,
  width,
  value: (r) => value(r.row),
});

const HEADLINE: readonly SpreadsheetColumn[] = [
  col('vin', 'VIN', 'text', 20, (r) => r.vin),
  col('make', 'Make', 'text', 16, (r) => r.make),
  col('model', 'Model', 'text', 18, (r) => r.model),
  col('modelYear', 'Year', 'integer', 7, (r) => r.model_year),
  col('bodyClass', 'Body class', 'text', 24, (r) => r.body_class),
];

const FLEET: readonly SpreadsheetColumn[] = FLEET_FIELDS.map((field) =>
  col(
    field.key,
    field.label,
    field.type === 'integer' ? 'integer' : field.type === 'date' ? 'date' : 'text',
    field.key === 'notes' ? 30 : field.type === 'text' ? 16 : 13,
    (r) => (r as unknown as Record<string, CellValue>)[field.column] ?? null,
  ),
);

const DECODE: readonly SpreadsheetColumn[] = [
  col('manufacturer', 'Manufacturer', 'text', 24, (r) => r.manufacturer),
  col('series', 'Series', 'text', 14, (r) => r.series),
  col('trim', 'Trim', 'text', 14, (r) => r.trim),
  col('vehicleType', 'Vehicle type', 'text', 18, (r) => r.vehicle_type),
  col('gvwr', 'GVWR', 'text', 24, (r) => r.gvwr),
  col('driveType', 'Drive type', 'text', 12, (r) => r.drive_type),
  col('fuelType', 'Fuel type', 'text', 12, (r) => r.fuel_type),
  col('engineModel', 'Engine model', 'text', 16, (r) => r.engine_model),
  col('engineCylinders', 'Engine cylinders', 'integer', 9, (r) => r.engine_cylinders),
  col('displacementL', 'Displacement (L)', 'number', 9, (r) => r.displacement_l),
  col('plantCountry', 'Plant country', 'text', 20, (r) => r.plant_country),
  col('plantCity', 'Plant city', 'text', 16, (r) => r.plant_city),
  col('errorCodes', 'vPIC error codes', 'text', 10, (r) => r.error_codes),
  col('errorText', 'vPIC error text', 'text', 40, (r) => r.error_text),
  col('source', 'Source', 'text', 8, (r) => r.source),
  col('decodedAt', 'Decoded', 'datetime', 18, (r) => r.decoded_at),
  col('snapshotVersion', 'Offline snapshot', 'text', 12, (r) => r.snapshot_version),
  col('createdAt', 'First stored', 'datetime', 18, (r) => r.created_at),
  col('updatedAt', 'Last updated', 'datetime', 18, (r) => r.updated_at),
];

/** Recalls NHTSA lists for the vehicle's make/model/year (not confirmed for the VIN), worded as the table's cell. */
function recallText(r: ExportRow): string {
  const status = r.recall_status as RecallStatus;
  if (status === 'found') return `${r.recall_campaign_count ?? 0} listed`;
  return RECALL_STATUS_LABELS[status] ?? r.recall_status;
}

const RECALLS: readonly SpreadsheetColumn[] = [
  col('recalls', 'Recalls', 'text', 14, recallText),
  col('recallCampaigns', 'Recall campaigns', 'text', 24, (r) => r.recall_campaign_numbers),
];

const STANDARD: ReadonlyMap<string, SpreadsheetColumn> = new Map([...HEADLINE, ...FLEET, ...DECODE, ...RECALLS].map((c) => [c.id, c]));

/** Ids of the standard columns (custom fields are `attr:<header>`). */
export const SPREADSHEET_COLUMN_IDS: readonly string[] = [...STANDARD.keys()];

function customColumn(header: string): SpreadsheetColumn {
  return {
    id: `${CUSTOM_PREFIX}${header}`,
    header,
    kind: 'text',
    width: Math.min(40, Math.max(10, header.length + 2)),
    value: (r) => r.custom[header] ?? null,
  };
}

/** Every column, for a whole-fleet spreadsheet: headline, fleet fields, custom fields, decode, recalls. */
export function allSpreadsheetColumns(customHeaders: readonly string[]): SpreadsheetColumn[] {
  return [...HEADLINE, ...FLEET, ...customHeaders.map(customColumn), ...DECODE, ...RECALLS];
}

/** The columns a view names, in its order; INVALID_INPUT for an id no column has. */
export function viewSpreadsheetColumns(ids: readonly string[]): SpreadsheetColumn[] {
  return ids.map((id) => {
    if (id.startsWith(CUSTOM_PREFIX) && id.length > CUSTOM_PREFIX.length) return customColumn(id.slice(CUSTOM_PREFIX.length));
    const column = STANDARD.get(id);
    if (column === undefined) {
      throw new AppFailure('INVALID_INPUT', `The export cannot include a column "${id}": choose columns the fleet table shows.`);
    }
    return column;
  });
}

/** Header cells, made unique (a custom field named like a standard one gets " (2)"). */
export function uniqueHeaders(columns: readonly SpreadsheetColumn[]): string[] {
  const used = new Set<string>();
  return columns.map(({ header }) => {
    let candidate = header;
    for (let n = 2; used.has(candidate.toLowerCase()); n += 1) candidate = `${header} (${n})`;
    used.add(candidate.toLowerCase());
    return candidate;
  });
}
