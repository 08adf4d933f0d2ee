/**
 * The columns of a spreadsheet export (CSV, XLSX): what a person opening the file in Excel wants.
 *
 * Human headers, one column per field: the headline decode fields, the standard fleet fields,
 * the fleet's custom fields (one column per header seen in the exported rows), then the rest of
 * the decode. No JSON cells: the raw vPIC record stays in the Parquet export for the data team.
 * Column ids are the fleet table's, so "export current view" names its visible columns in order.
 * The vehicle's columns, headers and widths come from its one definition
 * (shared/vehicles/vehicle-columns.ts).
 */
import { FLEET_FIELD_COLUMNS, HEADLINE_COLUMNS, VEHICLE_COLUMNS, type VehicleColumn, type VehicleColumnType } from '../../../shared/vehicles/vehicle-columns';
import { RECALL_COLUMN_LABELS, RECALL_STATUS_LABELS, type RecallStatus } from '../../../shared/recalls/recall-types';
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

const KIND: Readonly<Record<Exclude<VehicleColumnType, 'json'>, SpreadsheetKind>> = {
  text: 'text',
  int32: 'integer',
  int64: 'integer',
  double: 'number',
  date: 'date',
  timestamp: 'datetime',
};

/** The vehicle's column as a spreadsheet column, or none when spreadsheets leave it out (ids, JSON documents). */
function vehicleColumns(columns: readonly VehicleColumn[]): SpreadsheetColumn[] {
  return columns.flatMap((c) => {
    if (c.spreadsheetWidth === null || c.type === 'json') return [];
    const stored = c.column;
    return [col(c.key, c.label, KIND[c.type], c.spreadsheetWidth, (r) => r[stored])];
  });
}

const HEADLINE: readonly SpreadsheetColumn[] = vehicleColumns(HEADLINE_COLUMNS);

const FLEET: readonly SpreadsheetColumn[] = vehicleColumns(FLEET_FIELD_COLUMNS);

/** The rest of the decode and the cache's timestamps, in the table's order. */
const DECODE: readonly SpreadsheetColumn[] = vehicleColumns(VEHICLE_COLUMNS.filter((c) => !c.headline && c.storage !== 'fleet'));

/** Recalls NHTSA lists for the vehicle's make/model/year (not confirmed for the VIN), worded as the table's cell. */
function recallText(r: ExportRow): string {
  const status = r.recall_status as RecallStatus;
  if (status === 'found') return `${r.recall_campaign_count ?? 0} listed`;
  return RECALL_STATUS_LABELS[status] ?? r.recall_status;
}

const RECALLS: readonly SpreadsheetColumn[] = [
  col('recalls', RECALL_COLUMN_LABELS.recalls, 'text', 14, recallText),
  col('recallCampaigns', RECALL_COLUMN_LABELS.recallCampaigns, 'text', 24, (r) => r.recall_campaign_numbers),
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
