/**
 * vPIC result object → DecodedVehicle.
 *
 * vPIC sends every value as a string and marks "no data" two ways: `""` and "Not Applicable"
 * (see the DecodeVinValues samples). Earlier implementations leaked both into the cache, so
 * empty fields were inconsistent; here both become `null` in the typed columns. `raw` keeps the
 * record exactly as vPIC sent it, because "Not Applicable" (the field does not exist for this
 * kind of vehicle) and "" (vPIC has no data) say different things. Unknown fields are kept in
 * `raw` and otherwise ignored, because vPIC's field set grows over the years (131 fields in
 * 2018, 154 now).
 */
import type { DecodedVehicle } from '../../../shared/vehicle';

/** Values vPIC uses to say "nothing here". */
const EMPTY_MARKERS: ReadonlySet<string> = new Set(['', 'not applicable']);

/** Normalises one vPIC value: trimmed string, or null for vPIC's empty markers. */
export function normaliseVpicValue(value: unknown): string | null {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
  else return null;
  const trimmed = text.trim();
  return EMPTY_MARKERS.has(trimmed.toLowerCase()) ? null : trimmed;
}

const NUMBER_PATTERN = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** Parses a numeric vPIC value ("2014", "12.8", "6"), null when it is not a plain number. */
export function parseVpicNumber(value: string | null): number | null {
  if (value === null || !NUMBER_PATTERN.test(value)) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

const CODE_LIST = /^\s*\d+(\s*,\s*\d+)*\s*,?\s*$/;
/** "<code> - <text>" at the start or after a separator, as older vPIC answers write codes. */
const CODE_WITH_TEXT = /(?:^|[,;]\s*)(\d+)\s+-\s/g;

/**
 * Splits vPIC's ErrorCode into codes: "5,6,14" → ["5","6","14"]; empty → [].
 *
 * Older answers put the text in the code field ("0 - VIN decoded clean. Check Digit (9th
 * position) is correct"); only the numbers before " - " are codes, so such a clean answer is
 * ["0"], not an error.
 */
export function splitErrorCodes(value: string | null): string[] {
  if (value === null) return [];
  if (CODE_LIST.test(value)) {
    return value
      .split(',')
      .map((c) => c.trim())
      .filter((c) => c.length > 0);
  }
  return [...value.matchAll(CODE_WITH_TEXT)].map((m) => m[1]);
}

/** A value as vPIC sent it, for `raw`: strings untouched, numbers and booleans as text. */
function rawValue(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/**
 * Maps one entry of vPIC's `Results` to the app's record.
 *
 * `requestedVin` wins over the result's own `VIN` field so the record is keyed by what the
 * caller asked for (vPIC echoes the input, but a record must never change identity).
 */
export function mapVpicResult(
  result: Readonly<Record<string, unknown>>,
  decodedAt: Date,
  requestedVin?: string,
): DecodedVehicle {
  const raw: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(result)) {
    raw[key] = rawValue(value);
  }
  const field = (name: string): string | null => normaliseVpicValue(raw[name]);

  return {
    vin: (requestedVin ?? field('VIN') ?? '').toUpperCase(),
    make: field('Make'),
    model: field('Model'),
    modelYear: parseVpicNumber(field('ModelYear')),
    bodyClass: field('BodyClass'),
    manufacturer: field('Manufacturer'),
    series: field('Series'),
    trim: field('Trim'),
    vehicleType: field('VehicleType'),
    gvwr: field('GVWR'),
    driveType: field('DriveType'),
    fuelType: field('FuelTypePrimary'),
    engineModel: field('EngineModel'),
    engineCylinders: parseVpicNumber(field('EngineCylinders')),
    displacementL: parseVpicNumber(field('DisplacementL')),
    plantCountry: field('PlantCountry'),
    plantCity: field('PlantCity'),
    errorCodes: splitErrorCodes(field('ErrorCode')),
    errorText: field('ErrorText'),
    source: 'vpic',
    decodedAt: decodedAt.toISOString(),
    snapshotVersion: null,
    raw,
  };
}
