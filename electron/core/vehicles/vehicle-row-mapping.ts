/**
 * Row ↔ record mapping for the `vehicles` table (migration 1).
 *
 * SQLite columns are snake_case; records are camelCase. `raw_json` and `attributes_json` are
 * parsed and checked here, so a hand-edited or damaged cell yields a clear error instead of a
 * record of the wrong shape travelling on to the renderer.
 */
import type { DecodedVehicle, DecodeSource, Vehicle } from '../../../shared/vehicle';
import { hasDecodeErrors } from '../../../shared/vehicle';
import type { VehicleRow } from '../../../shared/vehicles/vehicle-query';
import { VEHICLE_COLUMNS, type StoredVehicleRow, type VehicleColumn } from '../../../shared/vehicles/vehicle-columns';
import { fleetRecordFromDb } from './fleet-field-columns';

type ListedColumn = Extract<VehicleColumn, { readonly listed: true }>;
type DecodedColumn = Extract<VehicleColumn, { readonly decoded: true }>;

const LISTED: readonly VehicleColumn[] = VEHICLE_COLUMNS.filter((c) => c.listed);
const DECODED: readonly VehicleColumn[] = VEHICLE_COLUMNS.filter((c) => c.decoded);
/** Every column the `Vehicle` record carries (`has_errors` is only an index of its codes). */
const RECORDED: readonly VehicleColumn[] = VEHICLE_COLUMNS.filter((c) => c.storage !== 'flag');

/** Columns of the lightweight table row (no raw_json), in SELECT order. */
export const VEHICLE_ROW_COLUMNS = LISTED.map((c) => c.column).join(', ');

/** What `SELECT <VEHICLE_ROW_COLUMNS> FROM vehicles` returns for the fleet table. */
export type VehicleListDbRow = StoredVehicleRow<ListedColumn>;

/** What `SELECT * FROM vehicles` returns: every column, with SQLite's read types. */
export type VehicleDbRow = StoredVehicleRow;

/** Named parameters of the decode columns, as the INSERT statements bind them. */
export type DecodeParams = Omit<StoredVehicleRow<DecodedColumn>, 'has_errors' | 'source'> & {
  readonly has_errors: 0 | 1;
  readonly source: DecodeSource;
};

/** The decode columns in table order; INSERT statements are built from this list. */
export const DECODE_COLUMNS: readonly (keyof DecodeParams)[] = DECODED.map((c) => c.column as DecodedColumn['column']);

/** A decoded vehicle as the decode columns store it. */
export function decodeParams(vehicle: DecodedVehicle): DecodeParams {
  const fields = vehicle as unknown as Readonly<Record<string, unknown>>;
  const params: Record<string, unknown> = {};
  for (const c of DECODED) {
    if (c.storage === 'codes') params[c.column] = vehicle.errorCodes.join(',');
    else if (c.storage === 'flag') params[c.column] = hasDecodeErrors(vehicle.errorCodes) ? 1 : 0;
    else if (c.storage === 'raw') params[c.column] = JSON.stringify(vehicle.raw);
    else params[c.column] = fields[c.key];
  }
  return params as unknown as DecodeParams;
}

export function splitStoredErrorCodes(stored: string): string[] {
  return stored === '' ? [] : stored.split(',');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJsonObject(text: string, column: string, vin: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`vehicles.${column} of ${vin} is not valid JSON`, { cause: error });
  }
  if (!isPlainObject(value)) throw new Error(`vehicles.${column} of ${vin} is not a JSON object`);
  return value;
}

export function parseAttributes(text: string, vin: string): Record<string, string> {
  const parsed = parseJsonObject(text, 'attributes_json', vin);
  // for…in, not Object.entries: this runs for every row an exporter reads (~140 keys in raw).
  for (const key in parsed) {
    if (typeof parsed[key] !== 'string') throw new Error(`vehicles.attributes_json of ${vin}: "${key}" is not a string`);
  }
  return parsed as Record<string, string>;
}

export function parseRaw(text: string, vin: string): Record<string, string | null> {
  const parsed = parseJsonObject(text, 'raw_json', vin);
  for (const key in parsed) {
    const value = parsed[key];
    if (typeof value !== 'string' && value !== null) {
      throw new Error(`vehicles.raw_json of ${vin}: "${key}" is neither a string nor null`);
    }
  }
  return parsed as Record<string, string | null>;
}

function toSource(value: string, vin: string): DecodeSource {
  if (value === 'vpic' || value === 'offline') return value;
  throw new Error(`vehicles.source of ${vin} is "${value}"`);
}

/**
 * The record fields of `columns` from a stored row. The fleet fields are read as one record;
 * the raw vPIC record is left to the caller (see `withLazyRaw`).
 */
function recordFromDb(row: Readonly<Record<string, unknown>>, columns: readonly VehicleColumn[]): Record<string, unknown> {
  const vin = row['vin'] as string;
  const record: Record<string, unknown> = {};
  for (const c of columns) {
    const cell = row[c.column];
    switch (c.storage) {
      case 'plain':
        record[c.key] = cell;
        break;
      case 'codes':
        record[c.key] = splitStoredErrorCodes(cell as string);
        break;
      case 'flag':
        record[c.key] = cell === 1;
        break;
      case 'source':
        record[c.key] = toSource(cell as string, vin);
        break;
      case 'attributes':
        record[c.key] = parseAttributes(cell as string, vin);
        break;
      case 'fleet':
      case 'raw':
        break;
    }
  }
  record['fleet'] = fleetRecordFromDb(row);
  return record;
}

export function vehicleRowFromDb(row: VehicleListDbRow): VehicleRow {
  return recordFromDb(row, LISTED) as unknown as VehicleRow;
}

/**
 * `raw` is parsed on first read, then kept.
 *
 * The vPIC record is ~3.5 KB of JSON and JSON.parse of it cost more than the primary-key select
 * itself, so a cached lookup ran at ~27% of a bare select (bench `cached-lookups`, target ≥ 50%).
 * Most readers never look at it (the CLI table, lookups answered from the cache); those that do
 * — the details panel over IPC (structured clone reads getters), JSON.stringify, spreads — get
 * the same value as before. The property stays enumerable so it is cloned and compared like data.
 */
function withLazyRaw(vehicle: Omit<Vehicle, 'raw'>, rawJson: string): Vehicle {
  let parsed: Readonly<Record<string, string | null>> | undefined;
  return Object.defineProperty(vehicle, 'raw', {
    enumerable: true,
    configurable: false,
    get: () => (parsed ??= Object.freeze(parseRaw(rawJson, vehicle.vin))),
  }) as Vehicle;
}

export function vehicleFromDb(row: VehicleDbRow): Vehicle {
  return withLazyRaw(recordFromDb(row, RECORDED) as unknown as Omit<Vehicle, 'raw'>, row.raw_json);
}
