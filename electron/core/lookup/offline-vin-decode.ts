/**
 * A VIN decoded on the snapshot the way NHTSA's decoder does it, as a DecodeVinValues record.
 *
 * The model year plan gives one year, or two when the year is inconclusive; each is decoded
 * and the decode vPIC would keep wins: fewest/lightest error codes, then the most weighty
 * elements filled, then the most pattern matches, then a year the WMI has VIN schemas for, then
 * the later year. Values are vPIC's names
 * from the snapshot's lookup tables, with the few vPIC has renamed since the snapshot was taken
 * written as vPIC writes them now, so offline and online records of one vehicle agree.
 */
import { decodeItems, type DecodingItem } from './offline-decode-pass';
import { ERROR_TEXTS, errorCodes, errorWeight, type ErrorResult } from './offline-error-codes';
import { vinKeys } from './offline-key-pattern';
import { isCarMpvOrLightTruck, planModelYears } from './offline-model-year';
import type { SnapshotData, WmiInfo } from './offline-snapshot-data';

/**
 * Lookup names vPIC has respelled since the snapshot was taken: snapshot spelling → vPIC's.
 * vPIC's own answers carry the new spelling (see the newest DecodeVinValues sample).
 */
const RENAMED_VALUES: Readonly<Record<string, string>> = {
  'Sport Utility Vehicle (SUV)/Multi-Purpose Vehicle (MPV)': 'Sport Utility Vehicle [SUV]/Multipurpose Vehicle [MPV]',
  'Off-road Vehicle - All Terrain Vehicle (ATV) (Motorcycle-style)': 'Off-Road Vehicle - All-Terrain Vehicle [ATV] (Motorcycle-Style)',
  'Off-road Vehicle - Dirt Bike / Off-Road': 'Off-Road Vehicle - Dirt Bike/Off-Road',
  'Low Speed Vehicle (LSV) / Neighborhood Electric Vehicle (NEV)': 'Low Speed Vehicle [LSV]/Neighborhood Electric Vehicle [NEV]',
};

/**
 * The WMI a VIN is filed under: positions 1-3, or 1-3 plus 12-14 for makers of fewer than
 * 1,000 vehicles a year, whose position 3 is "9" (49 CFR 565.15(a)).
 */
export function wmiOf(vin: string): string {
  const wmi = vin.slice(0, 3);
  return wmi[2] === '9' && vin.length >= 14 ? wmi + vin.slice(11, 14) : wmi;
}

/** vPIC's VehicleDescriptor: positions 1-8, `*`, then 10-11 (10-14 under a six-character WMI). */
export function vehicleDescriptor(vin: string): string {
  const tail = wmiOf(vin).length === 6 ? vin.slice(9, 14) : vin.slice(9, 11);
  return `${vin.slice(0, 8)}*${tail}`;
}

interface Pass {
  readonly order: number;
  readonly modelYear: number | null;
  /** VIN schemas of the WMI covering the year. */
  readonly schemas: number;
  readonly items: readonly DecodingItem[];
  readonly errors: ErrorResult;
}

function score(pass: Pass, data: SnapshotData): readonly number[] {
  const filled = new Set<number>();
  let patterns = 0;
  for (const item of pass.items) {
    if (item.value !== '') filled.add(item.elementId);
    if ((item.source === 'Pattern' || item.source === 'EngineModelPattern' || item.source === 'Formula Pattern') && item.value !== '') {
      patterns += 1;
    }
  }
  let weight = 0;
  for (const id of filled) weight += data.element(id)?.weight ?? 0;
  // Between decodes that tie, a year the WMI has VIN schemas for beats one it has none for: the
  // snapshot lacks some elements' patterns (notes, trailer lengths), so "no pattern matched"
  // under a covered year often means NHTSA matched one the snapshot does not ship.
  return [errorWeight(pass.errors.codes), weight, patterns, pass.schemas > 0 ? 1 : 0, pass.modelYear ?? -Infinity, -pass.order];
}

function better(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return a[i] > b[i];
  return false;
}

function itemValue(data: SnapshotData, item: DecodingItem): string | null {
  let value: string | null;
  if (item.value !== null) value = item.value;
  else {
    const table = data.element(item.elementId)?.lookupTable ?? null;
    if (table === null) value = item.attributeId;
    else {
      const id = Number(item.attributeId);
      value = Number.isInteger(id) ? (data.lookup(table, id) ?? null) : null;
    }
  }
  if (value === null) return null;
  const clean = value.replace(/[\t\r\n]/g, ' ').trim();
  return RENAMED_VALUES[clean] ?? clean;
}

export interface VinDecodeOptions {
  readonly data: SnapshotData;
  /** The clock's year: the latest model year accepted is two past it. */
  readonly currentYear: number;
  /** The clock as text comparable with `Wmi.PublicAvailabilityDate` ("YYYY-MM-DD HH:MM:SS"). */
  readonly now: string;
}

/** The DecodeVinValues record NHTSA's decoder would give for a normalised VIN. */
export function decodeVinRecord(vin: string, options: VinDecodeOptions): Record<string, string> {
  const { data } = options;
  const wmiCode = wmiOf(vin);
  const known = vin.length >= 3 ? data.wmi(wmiCode) : null;
  const wmi: WmiInfo | null =
    known !== null && (known.publicAvailabilityDate === null || known.publicAvailabilityDate <= options.now) ? known : null;
  const keys = vinKeys(vin);
  const plan = planModelYears(vin, known, options.currentYear, (year) =>
    known === null ? 0 : known.schemas.filter((s) => year >= s.yearFrom && year <= (s.yearTo ?? 2999)).length,
  );

  const run = (order: number, modelYear: number | null): Pass => {
    const items = wmi === null ? [] : decodeItems({ data, wmiCode, wmi, keys, modelYear });
    // Without a model year vPIC has no schema set to check positions against.
    const forYear = wmi === null || modelYear === null ? null : data.yearPatterns(wmi, wmiCode, modelYear);
    const validChars = forYear?.validChars ?? new Map<number, string>();
    const errors = errorCodes({
      vin,
      wmiCode,
      wmiFound: wmi !== null,
      carMpvOrLightTruck: isCarMpvOrLightTruck(known),
      items,
      modelYear,
      conclusive: plan.conclusive,
      validChars,
    });
    return { order, modelYear, schemas: forYear?.schemaCount ?? 0, items, errors };
  };

  let best = run(0, plan.primary);
  if (plan.alternate !== null) {
    const other = run(1, plan.alternate);
    if (better(score(other, data), score(best, data))) best = other;
  }

  // Every field vPIC shows is present, "" when there is no value, as in vPIC's own answers.
  const record: Record<string, string> = {};
  for (const field of data.shownFields) record[field] = '';
  for (const item of best.items) {
    const element = data.element(item.elementId);
    if (!element || !element.shown || element.code === '') continue;
    if (record[element.code]) continue;
    record[element.code] = itemValue(data, item) ?? '';
  }
  const codes = best.errors.codes;
  Object.assign(record, {
    VIN: vin,
    ErrorCode: codes.join(','),
    ErrorText: codes.map((c) => ERROR_TEXTS[c] ?? String(c)).join('; '),
    SuggestedVIN: best.errors.suggestedVin,
    PossibleValues: best.errors.possibleValues,
    AdditionalErrorText: best.errors.additionalText,
    VehicleDescriptor: vin.length >= 11 ? vehicleDescriptor(vin) : vin,
  });
  return record;
}
