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
import { FLEET_COLUMNS, fleetRecordFromDb } from './fleet-field-columns';

/** Columns of the lightweight table row (no raw_json), in SELECT order. */
export const VEHICLE_ROW_COLUMNS =
  'id, vin, make, model, model_year, body_class, source, decoded_at, has_errors, error_codes, attributes_json, ' +
  FLEET_COLUMNS.join(', ');

/** What `SELECT id, vin, … FROM vehicles` returns for the fleet table. */
export interface VehicleListDbRow {
  readonly id: number;
  readonly vin: string;
  readonly make: string | null;
  readonly model: string | null;
  readonly model_year: number | null;
  readonly body_class: string | null;
  readonly source: string;
  readonly decoded_at: string;
  readonly has_errors: number;
  readonly error_codes: string;
  readonly attributes_json: string;
  readonly unit_number: string | null;
  readonly plate: string | null;
  readonly plate_region: string | null;
  readonly department: string | null;
  readonly driver: string | null;
  readonly odometer: number | null;
  readonly in_service_date: string | null;
  readonly notes: string | null;
}

/**
 * What `SELECT * FROM vehicles` returns: the decode columns (as `DecodeParams` binds them, with
 * SQLite's looser read types), the id, the fleet attributes and the timestamps.
 */
export interface VehicleDbRow extends VehicleListDbRow, Omit<DecodeParams, keyof VehicleListDbRow> {
  readonly created_at: string;
  readonly updated_at: string;
}

/** Named parameters of the decode columns, as the INSERT statements bind them. */
export interface DecodeParams {
  readonly vin: string;
  readonly make: string | null;
  readonly model: string | null;
  readonly model_year: number | null;
  readonly body_class: string | null;
  readonly manufacturer: string | null;
  readonly series: string | null;
  readonly trim: string | null;
  readonly vehicle_type: string | null;
  readonly gvwr: string | null;
  readonly drive_type: string | null;
  readonly fuel_type: string | null;
  readonly engine_model: string | null;
  readonly engine_cylinders: number | null;
  readonly displacement_l: number | null;
  readonly plant_country: string | null;
  readonly plant_city: string | null;
  readonly error_codes: string;
  readonly error_text: string | null;
  readonly has_errors: 0 | 1;
  readonly source: DecodeSource;
  readonly decoded_at: string;
  readonly snapshot_version: string | null;
  readonly raw_json: string;
}

/** The decode columns in table order; INSERT statements are built from this list. */
export const DECODE_COLUMNS: readonly (keyof DecodeParams)[] = [
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
];

export function decodeParams(vehicle: DecodedVehicle): DecodeParams {
  return {
    vin: vehicle.vin,
    make: vehicle.make,
    model: vehicle.model,
    model_year: vehicle.modelYear,
    body_class: vehicle.bodyClass,
    manufacturer: vehicle.manufacturer,
    series: vehicle.series,
    trim: vehicle.trim,
    vehicle_type: vehicle.vehicleType,
    gvwr: vehicle.gvwr,
    drive_type: vehicle.driveType,
    fuel_type: vehicle.fuelType,
    engine_model: vehicle.engineModel,
    engine_cylinders: vehicle.engineCylinders,
    displacement_l: vehicle.displacementL,
    plant_country: vehicle.plantCountry,
    plant_city: vehicle.plantCity,
    // vPIC's own format ("0" or "1,11,14"); codes never contain commas.
    error_codes: vehicle.errorCodes.join(','),
    error_text: vehicle.errorText,
    has_errors: hasDecodeErrors(vehicle.errorCodes) ? 1 : 0,
    source: vehicle.source,
    decoded_at: vehicle.decodedAt,
    snapshot_version: vehicle.snapshotVersion,
    raw_json: JSON.stringify(vehicle.raw),
  };
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

export function vehicleRowFromDb(row: VehicleListDbRow): VehicleRow {
  return {
    id: row.id,
    vin: row.vin,
    make: row.make,
    model: row.model,
    modelYear: row.model_year,
    bodyClass: row.body_class,
    source: toSource(row.source, row.vin),
    decodedAt: row.decoded_at,
    hasErrors: row.has_errors === 1,
    errorCodes: splitStoredErrorCodes(row.error_codes),
    fleet: fleetRecordFromDb(row as unknown as Record<string, unknown>),
    attributes: parseAttributes(row.attributes_json, row.vin),
  };
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
  return withLazyRaw({
    id: row.id,
    vin: row.vin,
    make: row.make,
    model: row.model,
    modelYear: row.model_year,
    bodyClass: row.body_class,
    manufacturer: row.manufacturer,
    series: row.series,
    trim: row.trim,
    vehicleType: row.vehicle_type,
    gvwr: row.gvwr,
    driveType: row.drive_type,
    fuelType: row.fuel_type,
    engineModel: row.engine_model,
    engineCylinders: row.engine_cylinders,
    displacementL: row.displacement_l,
    plantCountry: row.plant_country,
    plantCity: row.plant_city,
    errorCodes: splitStoredErrorCodes(row.error_codes),
    errorText: row.error_text,
    source: toSource(row.source, row.vin),
    decodedAt: row.decoded_at,
    snapshotVersion: row.snapshot_version,
    fleet: fleetRecordFromDb(row as unknown as Record<string, unknown>),
    attributes: parseAttributes(row.attributes_json, row.vin),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }, row.raw_json);
}
