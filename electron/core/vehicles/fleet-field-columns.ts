/**
 * The standard fleet fields as `vehicles` columns: what an import row's columns store as.
 *
 * A row's columns (header → text) are routed by the synonyms of shared/fleet-fields: standard
 * fields become typed columns (so `Unit` from one file and `unit_number` from another sort as one
 * column), everything else stays in `attributes_json` under the file's own header.
 */
import { FLEET_FIELDS, routeAttributes } from '../../../shared/fleet-fields/fleet-fields';
import { storedFleetValues, type FleetFieldRecord } from '../../../shared/fleet-fields/fleet-field-values';

/** The fleet-field columns in table order (migration 7). */
export const FLEET_COLUMNS: readonly string[] = FLEET_FIELDS.map((f) => f.column);

/** Named parameters for the fleet-field columns plus the custom fields as JSON text. */
export interface FleetColumnParams {
  readonly columns: Record<string, string | number | null>;
  readonly customJson: string;
  /** True when the row named at least one standard field. */
  readonly hasFields: boolean;
}

/** Split a row's columns into fleet-field column values and custom attributes (JSON). */
export function fleetColumnParams(attributes: Readonly<Record<string, string>> | undefined): FleetColumnParams {
  const { fields, headers, custom } = routeAttributes(attributes ?? {});
  const { values, unreadable } = storedFleetValues(fields);
  // An odometer that is not a number stays visible as a custom field rather than being dropped.
  for (const key of unreadable) custom[headers[key]!] = fields[key]!;
  const columns: Record<string, string | number | null> = {};
  let hasFields = false;
  for (const field of FLEET_FIELDS) {
    const value = values[field.key];
    columns[field.column] = value ?? null;
    if (value !== undefined) hasFields = true;
  }
  return { columns, customJson: JSON.stringify(custom), hasFields };
}

/** A row read from SQLite → the fleet fields record (integers stay numbers, the rest reads as text). */
export function fleetRecordFromDb(row: Readonly<Record<string, unknown>>): FleetFieldRecord {
  const record: Record<string, string | number | null> = {};
  for (const field of FLEET_FIELDS) {
    const value = row[field.column];
    if (field.type === 'integer') record[field.key] = typeof value === 'number' ? value : null;
    else record[field.key] = value === null || value === undefined ? null : String(value);
  }
  return record as unknown as FleetFieldRecord;
}
