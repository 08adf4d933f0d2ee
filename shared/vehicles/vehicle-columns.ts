/**
 * The vehicle's columns, defined once: the stored row mapping, the Parquet schema, the
 * spreadsheet columns, the CLI's JSON and tables and the fleet table's labels are all derived
 * from this list, so a column is added, renamed or relabelled in one place.
 *
 * Listed in the `vehicles` table's order as exports write it: identity, decode, timestamps, the
 * standard fleet fields (from shared/fleet-fields), then the two JSON documents. The record
 * types (`Vehicle`, `VehicleRow`) stay hand-written for their comments; every key here is checked
 * against them, and `vehicle-columns.test.ts` checks that no record field lacks a column.
 */
import type { Vehicle } from '../vehicle';
import { FLEET_FIELDS, type FleetFieldDefinition, type FleetFieldKey } from '../fleet-fields/fleet-fields';

/** How a column's values are typed: drives the Parquet type, the XLSX cell kind and the stored row's type. */
export type VehicleColumnType = 'text' | 'int32' | 'int64' | 'double' | 'date' | 'timestamp' | 'json';

/**
 * How the record holds what the row stores: `plain` is the same value; `codes` vPIC's
 * comma-joined error codes as a list; `flag` 0/1 as a boolean derived from the codes; `source`
 * a checked `DecodeSource`; `fleet` a member of the record's `fleet`; `attributes` and `raw`
 * JSON documents, parsed.
 */
export type VehicleColumnStorage = 'plain' | 'codes' | 'flag' | 'source' | 'fleet' | 'attributes' | 'raw';

export interface VehicleColumnDefinition {
  /** The record's property (in `Vehicle`, or its `fleet`) and the fleet table's column id. */
  readonly key: string;
  /** The `vehicles` column (snake_case, the name data teams know). */
  readonly column: string;
  readonly type: VehicleColumnType;
  readonly nullable: boolean;
  readonly storage: VehicleColumnStorage;
  /** What people read: the fleet table's, the spreadsheet's and the CLI table's header. */
  readonly label: string;
  /** Written by the decoder (the INSERT/UPDATE of a decode binds it), rather than by the cache or an import. */
  readonly decoded: boolean;
  /** One of the brief's four fields (plus the VIN): first in tables, spreadsheets and the CLI. */
  readonly headline: boolean;
  /** Read for the fleet table's row (`VehicleRow`), which leaves out the bulk of the decode. */
  readonly listed: boolean;
  /** The Parquet column's name, or null when the Parquet export leaves the column out. */
  readonly exportName: string | null;
  /** The column's width in characters in an XLSX export, or null when spreadsheets leave it out. */
  readonly spreadsheetWidth: number | null;
}

type Options = Partial<Pick<VehicleColumnDefinition, 'nullable' | 'storage' | 'decoded' | 'headline' | 'listed' | 'exportName'>>;

/** What the row types need to know of a column, kept as literal types. */
type TypedColumn<K extends string, C extends string, T extends VehicleColumnType, O extends Options> = VehicleColumnDefinition & {
  readonly key: K;
  readonly column: C;
  readonly type: T;
  readonly nullable: O['nullable'] extends false ? false : true;
  readonly decoded: O['decoded'] extends false ? false : true;
  readonly listed: O['listed'] extends true ? true : false;
};

/** A decode column: nullable, exported under its own name, in spreadsheets at `width` (null: left out). */
function decode<K extends string, C extends string, T extends VehicleColumnType, O extends Options = Record<never, never>>(
  key: K,
  column: C,
  type: T,
  label: string,
  width: number | null,
  options?: O,
): TypedColumn<K, C, T, O> {
  const defaults: VehicleColumnDefinition = {
    key,
    column,
    type,
    label,
    nullable: true,
    storage: 'plain',
    decoded: true,
    headline: false,
    listed: false,
    exportName: column,
    spreadsheetWidth: width,
  };
  return { ...defaults, ...options } as TypedColumn<K, C, T, O>;
}

const HEADLINE = { headline: true, listed: true } as const satisfies Options;

type FleetColumnType<F extends FleetFieldDefinition> = F['type'] extends 'integer' ? 'int64' : F['type'] extends 'date' ? 'date' : 'text';

/** Distributed over the fields, so the stored row type knows each fleet column's name and type. */
type FleetColumn<F extends FleetFieldDefinition = (typeof FLEET_FIELDS)[number]> = F extends FleetFieldDefinition
  ? VehicleColumnDefinition & { readonly key: F['key']; readonly column: F['column']; readonly type: FleetColumnType<F>; readonly nullable: true; readonly storage: 'fleet'; readonly decoded: false; readonly listed: true }
  : never;

function fleetColumn(field: (typeof FLEET_FIELDS)[number]): FleetColumn {
  return {
    key: field.key,
    column: field.column,
    type: field.type === 'integer' ? 'int64' : field.type === 'date' ? 'date' : 'text',
    label: field.label,
    nullable: true,
    storage: 'fleet',
    decoded: false,
    headline: false,
    listed: true,
    exportName: field.column,
    // Notes are sentences; other text holds short codes and names; numbers and dates are narrow.
    spreadsheetWidth: field.key === 'notes' ? 30 : field.type === 'text' ? 16 : 13,
  } as FleetColumn;
}

const FLEET_COLUMNS: readonly FleetColumn[] = FLEET_FIELDS.map(fleetColumn);

export const VEHICLE_COLUMNS = [
  decode('id', 'id', 'int64', 'Id', null, { nullable: false, decoded: false, listed: true }),
  decode('vin', 'vin', 'text', 'VIN', 20, { nullable: false, ...HEADLINE }),
  decode('make', 'make', 'text', 'Make', 16, HEADLINE),
  decode('model', 'model', 'text', 'Model', 18, HEADLINE),
  decode('modelYear', 'model_year', 'int32', 'Year', 7, HEADLINE),
  decode('bodyClass', 'body_class', 'text', 'Body class', 24, HEADLINE),
  decode('manufacturer', 'manufacturer', 'text', 'Manufacturer', 24),
  decode('series', 'series', 'text', 'Series', 14),
  decode('trim', 'trim', 'text', 'Trim', 14),
  decode('vehicleType', 'vehicle_type', 'text', 'Vehicle type', 18),
  decode('gvwr', 'gvwr', 'text', 'GVWR', 24),
  decode('driveType', 'drive_type', 'text', 'Drive type', 12),
  decode('fuelType', 'fuel_type', 'text', 'Fuel type', 12),
  decode('engineModel', 'engine_model', 'text', 'Engine model', 16),
  decode('engineCylinders', 'engine_cylinders', 'int32', 'Engine cylinders', 9),
  decode('displacementL', 'displacement_l', 'double', 'Displacement (L)', 9),
  decode('plantCountry', 'plant_country', 'text', 'Plant country', 20),
  decode('plantCity', 'plant_city', 'text', 'Plant city', 16),
  // vPIC's ErrorCode as it sent it: codes joined by commas ("0" = clean); codes never contain commas.
  decode('errorCodes', 'error_codes', 'text', 'vPIC error codes', 10, { nullable: false, storage: 'codes', listed: true }),
  decode('errorText', 'error_text', 'text', 'vPIC error text', 40),
  // Stored so the table can filter and flag rows with errors through an index; never exported (the codes are).
  decode('hasErrors', 'has_errors', 'int32', 'Has decode errors', null, { nullable: false, storage: 'flag', listed: true, exportName: null }),
  decode('source', 'source', 'text', 'Source', 8, { nullable: false, storage: 'source', listed: true }),
  decode('decodedAt', 'decoded_at', 'timestamp', 'Decoded', 18, { nullable: false, listed: true }),
  decode('snapshotVersion', 'snapshot_version', 'text', 'Offline snapshot', 12),
  decode('createdAt', 'created_at', 'timestamp', 'First stored', 18, { nullable: false, decoded: false }),
  decode('updatedAt', 'updated_at', 'timestamp', 'Last updated', 18, { nullable: false, decoded: false }),
  ...FLEET_COLUMNS,
  // Custom fields differ per imported file, so they travel as one JSON document; spreadsheets
  // spread them into one column per header instead.
  decode('attributes', 'attributes_json', 'json', 'Custom fields', null, { nullable: false, storage: 'attributes', decoded: false, listed: true }),
  // The whole vPIC record: only the Parquet export writes it, under a name that says what it is.
  decode('raw', 'raw_json', 'json', 'vPIC record', null, { nullable: false, storage: 'raw', exportName: 'vpic_record_json' }),
] as const satisfies readonly VehicleColumnDefinition[];

export type VehicleColumn = (typeof VEHICLE_COLUMNS)[number];
export type VehicleColumnName = VehicleColumn['column'];
export type VehicleColumnKey = VehicleColumn['key'];

/** Keys naming no field of the stored record: `never`, checked by vehicle-columns.test.ts (`hasErrors` is the table row's). */
export type UnrecordedColumnKey = Exclude<VehicleColumnKey, keyof Vehicle | FleetFieldKey | 'hasErrors'>;

/** What SQLite holds in a column of this type (integers and flags as numbers, the rest as text). */
type StoredCell<C extends VehicleColumnDefinition> =
  | (C['type'] extends 'int32' | 'int64' | 'double' ? number : string)
  | (C['nullable'] extends true ? null : never);

/** A stored row with the given columns, as SQLite returns it (snake_case; JSON as text). */
export type StoredVehicleRow<C extends VehicleColumnDefinition = VehicleColumn> = { readonly [K in C as K['column']]: StoredCell<K> };

const BY_KEY: ReadonlyMap<string, VehicleColumn> = new Map(VEHICLE_COLUMNS.map((c) => [c.key, c]));

/** The column of a record key; throws for a key no column has (a programming error). */
export function vehicleColumn(key: VehicleColumnKey): VehicleColumn {
  const column = BY_KEY.get(key);
  if (column === undefined) throw new Error(`Unknown vehicle column: ${key}`);
  return column;
}

/** The label people read for a column. */
export function vehicleColumnLabel(key: VehicleColumnKey): string {
  return vehicleColumn(key).label;
}

/** The VIN and the brief's four fields, in order: what every table and spreadsheet shows first. */
export const HEADLINE_COLUMNS: readonly VehicleColumn[] = VEHICLE_COLUMNS.filter((c) => c.headline);

/** The standard fleet fields' columns, in order. */
export const FLEET_FIELD_COLUMNS: readonly VehicleColumn[] = VEHICLE_COLUMNS.filter((c) => c.storage === 'fleet');

/** Anything holding the vehicle's fields by key: `Vehicle`, `VehicleRow`. */
interface VehicleFields {
  readonly fleet: object;
}

/** A column's value in a record; the fleet fields are read from its `fleet`. */
export function vehicleColumnValue(record: VehicleFields, column: VehicleColumn): unknown {
  const holder = (column.storage === 'fleet' ? record.fleet : record) as Readonly<Record<string, unknown>>;
  return holder[column.key];
}
