/**
 * The decoded vehicle record, as every layer sees it.
 *
 * vPIC (online) and the offline snapshot both produce this shape, the cache stores it, the
 * contract carries it and the exporters write it. Empty values are `null` in every typed field:
 * vPIC's `""` and "Not Applicable" are normalised away at the edge (see vpic-record.ts); `raw`
 * keeps them, since they say different things.
 */
import type { FleetFieldRecord } from './fleet-fields/fleet-field-values';

/** Where a decode came from. */
export type DecodeSource = 'vpic' | 'offline';

export interface DecodedVehicle {
  readonly vin: string;
  /** The brief's four fields. */
  readonly make: string | null;
  readonly model: string | null;
  readonly modelYear: number | null;
  readonly bodyClass: string | null;
  /** Common fleet fields. */
  readonly manufacturer: string | null;
  readonly series: string | null;
  readonly trim: string | null;
  readonly vehicleType: string | null;
  readonly gvwr: string | null;
  readonly driveType: string | null;
  readonly fuelType: string | null;
  readonly engineModel: string | null;
  readonly engineCylinders: number | null;
  readonly displacementL: number | null;
  readonly plantCountry: string | null;
  readonly plantCity: string | null;
  /** vPIC's ErrorCode split on commas ("0" means clean), and its ErrorText. */
  readonly errorCodes: readonly string[];
  readonly errorText: string | null;
  readonly source: DecodeSource;
  /** ISO-8601 instant of the decode. */
  readonly decodedAt: string;
  /** Version of the offline snapshot for `offline` records, else null. */
  readonly snapshotVersion: string | null;
  /** The whole vPIC record as vPIC sent it (field name → value; null only where vPIC sent no string). */
  readonly raw: Readonly<Record<string, string | null>>;
}

/** A stored vehicle: a decoded record plus the cache's identity and fleet attributes. */
export interface Vehicle extends DecodedVehicle {
  /** The standard fleet fields (unit number, plate, department…) from imported files. */
  readonly fleet: FleetFieldRecord;
  /** Stable integer id: never changes once assigned, whatever updates the row. */
  readonly id: number;
  /** Custom fleet attributes from imported files: columns that are no standard field, by header. */
  readonly attributes: Readonly<Record<string, string>>;
  /** ISO-8601 instant the vehicle was first stored. */
  readonly createdAt: string;
  readonly updatedAt: string;
}

/**
 * vPIC error codes that still count as a clean decode.
 *
 * NHTSA treats a decode as clean when every code is in {0, 1, 10, 400}
 * (1 = check digit wrong but decoded).
 */
export const CLEAN_ERROR_CODES: ReadonlySet<string> = new Set(['0', '1', '10', '400']);

export function hasDecodeErrors(codes: readonly string[]): boolean {
  return codes.some((c) => !CLEAN_ERROR_CODES.has(c));
}

/**
 * Field of an offline record's `raw` listing the vPIC fields the offline snapshot cannot
 * provide (comma-separated), so a blank can be told apart from "vPIC has no data".
 */
export const OFFLINE_MISSING_FIELDS = 'OfflineMissingFields';
