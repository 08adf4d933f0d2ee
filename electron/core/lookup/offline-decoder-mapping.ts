/**
 * The app's record for an offline decode.
 *
 * The offline decoder writes a vPIC DecodeVinValues record (vPIC field names and spellings,
 * vPIC error codes), so it goes through the same mapper as online answers (`vpic-record.ts`)
 * and both kinds of record read alike. It is stamped `offline` with the snapshot version, and
 * names the fields the snapshot could not provide in `OfflineMissingFields`, so the details can
 * say which blanks are the snapshot's and not the vehicle's.
 */
import { OFFLINE_MISSING_FIELDS, type DecodedVehicle } from '../../../shared/vehicle';
import { mapVpicResult } from './vpic-record';

/** A failure of the snapshot itself (not of the VIN): the caller must not cache a record. */
export class OfflineDecodeError extends Error {
  override readonly name = 'OfflineDecodeError';
}

export interface OfflineRecordInput {
  readonly vin: string;
  readonly record: Readonly<Record<string, string>>;
  readonly decodedAt: Date;
  readonly snapshotVersion: string;
  readonly missingFields: readonly string[];
}

export function mapOfflineRecord(input: OfflineRecordInput): DecodedVehicle {
  const raw = { ...input.record, [OFFLINE_MISSING_FIELDS]: input.missingFields.join(',') };
  const mapped = mapVpicResult(raw, input.decodedAt, input.vin);
  return { ...mapped, source: 'offline', snapshotVersion: input.snapshotVersion };
}
