/**
 * What the simulator "knows" about a VIN: a vPIC-shaped result built from the WMI catalog.
 *
 * Test-only. The answer is a pure function of the VIN (and the reference year used to resolve
 * the 30-year model-year cycle), so tests and the fleet generator can predict it.
 */
import { computeCheckDigit, VIN_ALPHABET } from '../../shared/vin/vin-rules';
import { BRIEF_VINS, findMakerByWmi, findModel, type CatalogMaker, type CatalogModel } from '../wmi-catalog';
import { VPIC_FIELDS } from './vpic-fields';

/** vPIC's own wording for the error codes the simulator produces. */
export const VPIC_ERROR_TEXT: Readonly<Record<string, string>> = {
  '0': '0 - VIN decoded clean. Check Digit (9th position) is correct',
  '1': '1 - Check Digit (9th position) does not calculate properly',
  '6': '6 - Incomplete VIN',
  '7':
    '7 - Manufacturer is not registered with NHTSA for sale or importation in the U.S. for use on U.S roads; Please contact the manufacturer directly for more information',
  '11': '11 - Incorrect Model Year, decoded data may not be accurate',
  '400': '400 - Invalid Characters Present',
};

/** Model-year codes of VIN position 10 (49 CFR 565.15(d)), starting at 1980 ('A'). */
const YEAR_CODES = 'ABCDEFGHJKLMNPRSTVWXY123456789';

/**
 * Candidate model years for a position-10 code, newest first (the code repeats every 30 years).
 *
 * Only years up to `referenceYear + 1` count, since a model year may run one year ahead.
 */
export function modelYearCandidates(code: string, referenceYear: number): number[] {
  const index = YEAR_CODES.indexOf(code.toUpperCase());
  if (index < 0) return [];
  const years: number[] = [];
  for (let year = 1980 + index; year <= referenceYear + 1; year += 30) years.unshift(year);
  return years;
}

/**
 * Model year of a VIN: the newest candidate not beyond next year.
 *
 * Position 7 disambiguates cars under 565.15(d), but not heavy trucks (e.g. 1XPWD40X1ED215307
 * has a digit at 7 and is a 2014 Peterbilt), so the simulator picks the newest year, which is
 * what vPIC answers for the brief's VINs.
 */
export function modelYearOf(vin: string, referenceYear: number, hint?: number): number | null {
  const candidates = modelYearCandidates(vin.charAt(9), referenceYear);
  if (hint !== undefined && candidates.includes(hint)) return hint;
  return candidates[0] ?? null;
}

/** FNV-1a hash of a string: stable across runs and platforms. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * The catalog model a VIN decodes to.
 *
 * The brief's five VINs decode to their known models; any other VIN picks a model of its maker
 * by a hash of its vehicle descriptor section (positions 4-8), so the same VDS always gives the
 * same model, as it does with real manufacturers.
 */
export function modelForVin(maker: CatalogMaker, vin: string): CatalogModel {
  const brief = BRIEF_VINS.find((b) => b.vin === vin);
  if (brief !== undefined) {
    const known = findModel(maker, brief.model);
    if (known !== undefined) return known;
  }
  const models = maker.models;
  const chosen = models[hash(vin.slice(3, 8)) % models.length];
  if (chosen === undefined) throw new Error(`Catalog maker ${maker.wmi} has no models`);
  return chosen;
}

/** vPIC writes decimals with at least one fraction digit ("12.8", "15.0", "12800.0"). */
function formatDecimal(n: number): string {
  return Number.isInteger(n) ? n.toFixed(1) : String(n);
}

export interface SimulatedDecodeOptions {
  /** Model year supplied with the request (`VIN,modelyear` or `?modelyear=`). */
  readonly modelYear?: number;
  /** Year used to resolve the 30-year model-year cycle. */
  readonly referenceYear: number;
}

/** A complete vPIC `DecodeVinValues` result for `input`: every field present, every value a string. */
export function simulateDecode(input: string, options: SimulatedDecodeOptions): Record<string, string> {
  const vin = input.trim().toUpperCase();
  const out: Record<string, string> = {};
  for (const name of VPIC_FIELDS) out[name] = '';
  out.VIN = vin;

  const codes: string[] = [];
  const invalidChars = Array.from(vin).some((ch) => !VIN_ALPHABET.includes(ch) && ch !== '*');
  if (invalidChars) codes.push('400');
  if (vin.length < 17) codes.push('6');

  const maker = vin.length >= 3 ? findMakerByWmi(vin.slice(0, 3)) : undefined;
  if (maker === undefined) codes.push('7');

  const year = vin.length >= 10 ? modelYearOf(vin, options.referenceYear, options.modelYear) : null;
  if (year !== null) out.ModelYear = String(year);
  else if (vin.length >= 10) codes.push('11');

  if (vin.length === 17 && !invalidChars && computeCheckDigit(vin) !== vin.charAt(8)) codes.push('1');

  if (maker !== undefined) {
    const model = modelForVin(maker, vin);
    out.Make = maker.make;
    out.Manufacturer = maker.manufacturer;
    out.Model = model.model;
    out.BodyClass = model.bodyClass;
    out.VehicleType = model.vehicleType;
    out.Series = model.series ?? '';
    out.FuelTypePrimary = model.fuelType;
    out.DriveType = model.driveType ?? '';
    out.GVWR = model.gvwr ?? '';
    out.PlantCountry = maker.plantCountry;
    if (model.engineCylinders !== undefined) out.EngineCylinders = String(model.engineCylinders);
    if (model.displacementL !== undefined) {
      out.DisplacementL = formatDecimal(model.displacementL);
      out.DisplacementCC = formatDecimal(Math.round(model.displacementL * 1000));
    }
    // vPIC marks attributes that cannot apply to this kind of vehicle "Not Applicable".
    out.Trim = 'Not Applicable';
    for (const name of ['BusFloorConfigType', 'BusType', 'CustomMotorcycleType', 'MotorcycleChassisType', 'MotorcycleSuspensionType']) {
      out[name] = 'Not Applicable';
    }
    if (model.bodyClass !== 'Trailer') {
      out.TrailerBodyType = 'Not Applicable';
      out.TrailerType = 'Not Applicable';
    }
  }
  if (vin.length >= 11) out.VehicleDescriptor = `${vin.slice(0, 8)}*${vin.slice(9, 11)}`;

  const finalCodes = codes.length === 0 ? ['0'] : codes;
  out.ErrorCode = finalCodes.join(',');
  out.ErrorText = finalCodes.map((c) => VPIC_ERROR_TEXT[c] ?? c).join('; ');
  return out;
}
