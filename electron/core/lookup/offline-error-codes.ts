/**
 * vPIC's error codes for one decode, with SuggestedVIN, PossibleValues and the additional text.
 *
 * As NHTSA's decoder assigns them: 7 when the WMI is unknown, 8 when no pattern matched; else
 * each of positions 4-8 and 11-14 (4-8 and 11 under a six-character WMI) is checked against
 * every character the WMI's keys name there for that year — one wrong position with one
 * possible character is corrected (2), one that only one candidate's check digit confirms is
 * corrected too (3), one with several candidates is 4, more are 5 — and positions 4-8 and 11
 * that no matched pattern accounts for are "unused" (14). 1 is a wrong check digit, 6 a short
 * VIN, 11 no model year, 400 characters not allowed where they stand, 10 an off-road vehicle.
 * 0 is added when nothing but 14 (or 9, 10, 12) was found, and 14 when a clean decode has no
 * model. The codes and texts are vPIC's (see ../../shared/vpic-samples/SOURCES.md).
 */
import { computeCheckDigit } from '../../../shared/vin/vin-rules';
import { explicitChars } from './offline-key-pattern';
import { ELEMENT, type DecodingItem } from './offline-decode-pass';

export const ERROR_TEXTS: Readonly<Record<number, string>> = {
  0: '0 - VIN decoded clean. Check Digit (9th position) is correct',
  1: '1 - Check Digit (9th position) does not calculate properly',
  2: '2 - VIN corrected, error in one position',
  3: '3 - VIN corrected, error in one position (assuming Check Digit is correct)',
  4: '4 - VIN corrected, error in one position only (indicated by ! in Suggested VIN), multiple matches found',
  5: '5 - VIN has errors in few positions',
  6: '6 - Incomplete VIN',
  7: '7 - Manufacturer is not registered with NHTSA for sale or importation in the U.S. for use on U.S roads',
  8: '8 - No detailed data available currently',
  10: '10 - Off-Road Vehicle Warning – This is not a Vehicle Identification Number (VIN) for a motor vehicle. This indicates that the manufacturer did not certify this product as complying with the Federal Motor Vehicle Safety Standards that are applicable to motor vehicles as defined in 49 U.S.C. 30102.',
  11: '11 - Incorrect Model Year - Position 10 does not match valid model year codes (I, O, Q, U, Z, 0). Decoded data may not be accurate.',
  14: '14 - Unable to provide information for some of the characters in the VIN, based on the manufacturer submission.',
  400: '400 - Invalid Characters Present',
};

/** How much each code costs a decode when vPIC chooses between two model years. */
const ERROR_WEIGHTS: Readonly<Record<number, number>> = {
  1: -5,
  2: -100,
  3: -100,
  4: -200,
  5: -300,
  6: -10,
  7: -10000,
  8: -1000,
  11: -20,
  12: -20,
  14: -30,
  400: -40,
};

export function errorWeight(codes: readonly number[]): number {
  return codes.reduce((sum, c) => sum + (ERROR_WEIGHTS[c] ?? 0), 0);
}

/** Body classes (vPIC BodyStyle ids) of off-road vehicles, which carry a PIN rather than a VIN. */
const OFF_ROAD_BODY_CLASSES: ReadonlySet<string> = new Set(['69', '84', '86', '88', '97', '105', '113', '124', '126', '127']);
/** Body classes of incomplete vehicles (the additional text warns about alterations). */
const INCOMPLETE_BODY_CLASSES: ReadonlySet<string> = new Set(['65', '107', '70', '74', '63', '72', '112', '62', '64', '76', '78', '71', '77', '67', '116', '75']);
const INCOMPLETE_VEHICLE_TYPE = '10';

const POSSIBLE_VALUES_TEXT =
  'In the Possible values section, the Numeric value before the : indicates the position in error and the values after the : indicate the possible values that are allowed in this position.';
const SEVERAL_ERRORS_TEXT =
  'The error positions are indicated by ! in Suggested VIN. In the Possible values section, each pair of parenthesis indicate information about each error position in VIN . The Numeric value before the : indicates the position in error and the values after the : indicate the possible values that are allowed in this position';

export interface ErrorResult {
  readonly codes: readonly number[];
  readonly suggestedVin: string;
  readonly possibleValues: string;
  readonly additionalText: string;
}

export interface ErrorInput {
  readonly vin: string;
  readonly wmiCode: string;
  readonly wmiFound: boolean;
  /** The WMI is a passenger car, MPV or light truck (stricter serial-number characters). */
  readonly carMpvOrLightTruck: boolean;
  readonly items: readonly DecodingItem[];
  readonly modelYear: number | null;
  readonly conclusive: boolean;
  readonly validChars: ReadonlyMap<number, string>;
}

const VIN_CHAR = /[0-9A-HJ-NPR-Z*]/;
const YEAR_CHAR = /[1-9A-HJ-NPR-TV-Y]/;

function replaceAt(vin: string, position: number, text: string): string {
  return vin.slice(0, position - 1) + text + vin.slice(position);
}

const DIGIT = /[0-9]/;

/**
 * The check digit as vPIC computes it: "?" (never matching) when a character is not allowed
 * where it stands — the year code at 10, digits from 13 (cars and light trucks) or 14 on (15
 * under a six-character WMI). `serialFrom13` forces digits from 13, as vPIC's check when it
 * tries corrections. Null for a VIN that is not 17 characters.
 */
function vpicCheckDigit(vin: string, carMpvOrLightTruck: boolean, serialFrom13 = false): string | null {
  if (vin.length !== 17) return null;
  const smallMaker = vin[2] === '9';
  for (let i = 1; i <= 17; i += 1) {
    const c = vin[i - 1];
    const digitsOnly = i >= 15 || (!smallMaker && (i === 14 || (i === 13 && (carMpvOrLightTruck || serialFrom13))));
    const ok = i === 10 ? YEAR_CHAR.test(c) : digitsOnly ? DIGIT.test(c) : /[0-9A-HJ-NPR-Z]/.test(c);
    if (!ok) return '?';
  }
  return computeCheckDigit(vin);
}

/** Positions in error against the WMI's keys, and the suggested VIN (codes 2-5). */
function positionErrors(input: ErrorInput): { codes: number[]; suggestedVin: string; possibleValues: string } {
  const { vin, wmiCode, validChars } = input;
  const last = wmiCode.length === 6 ? 11 : 14;
  let corrected = '';
  let possibleValues = '';
  const errors: Array<{ position: number; chars: string }> = [];
  for (let position = 4; position <= Math.min(last, vin.length); position += 1) {
    const c = vin[position - 1];
    const allowed = validChars.get(position);
    if (position === 9 || position === 10 || !allowed || allowed.includes(c)) {
      corrected += c;
      continue;
    }
    possibleValues += `(${position}:${allowed})`;
    errors.push({ position, chars: allowed });
    corrected += '!';
  }
  corrected = wmiCode.length === 3 ? wmiCode + corrected : wmiCode.slice(0, 3) + corrected + wmiCode.slice(3);
  if (vin.length > corrected.length) corrected += vin.slice(corrected.length, corrected.length + 3);

  if (errors.length === 1) {
    const { position, chars } = errors[0];
    if (chars.length === 1) {
      return { codes: [2], suggestedVin: replaceAt(vin, position, chars), possibleValues };
    }
    const confirmed = [...chars].filter((c) => {
      const candidate = replaceAt(vin, position, c);
      return vpicCheckDigit(candidate, false, true) === candidate[8];
    });
    if (confirmed.length === 1) {
      return { codes: [3], suggestedVin: replaceAt(vin, position, confirmed[0]), possibleValues: `(${position}:${confirmed[0]})` };
    }
    return { codes: [4], suggestedVin: corrected, possibleValues: `(${position}:${chars})` };
  }
  if (errors.length > 1) return { codes: [5], suggestedVin: corrected, possibleValues };
  return { codes: [], suggestedVin: '', possibleValues: '' };
}

/** Positions 4-8 and 11 whose character no matched pattern names. */
function unusedPositions(vin: string, items: readonly DecodingItem[]): string {
  const named = new Set<string>();
  for (const item of items) {
    if (!item.source.toLowerCase().includes('pattern') || item.keys === '') continue;
    for (const [position, chars] of explicitChars(item.keys)) for (const c of chars) named.add(`${position}${c}`);
  }
  const unused: number[] = [];
  for (const position of [4, 5, 6, 7, 8, 11]) {
    if (position > vin.length) break;
    if (!named.has(`${position}${vin[position - 1]}`)) unused.push(position);
  }
  return unused.join(',');
}

function append(text: string | null, more: string): string {
  return `${text ?? ''} ${more}`.trim().slice(0, 500);
}

export function errorCodes(input: ErrorInput): ErrorResult {
  const { vin, items } = input;
  const codes = new Set<number>();
  let suggestedVin = '';
  let possibleValues = '';
  let unused = '';
  if (!input.wmiFound) {
    codes.add(7);
  } else if (!items.some((i) => i.patternId !== null)) {
    codes.add(8);
  } else {
    const positional = positionErrors(input);
    for (const c of positional.codes) codes.add(c);
    suggestedVin = positional.suggestedVin;
    possibleValues = positional.possibleValues;
    unused = unusedPositions(vin, items);
    if (unused !== '') codes.add(14);
  }

  const bodyClass = items.find((i) => i.elementId === ELEMENT.bodyClass)?.attributeId;
  const offRoad = bodyClass !== undefined && OFF_ROAD_BODY_CLASSES.has(bodyClass);
  if (offRoad) codes.add(10);
  if (input.modelYear === null) codes.add(11);

  // Characters not allowed where they stand: the last five (six for cars and light trucks, three
  // under a six-character WMI) are digits, position 9 a digit or X, position 10 a year code.
  const digitsFrom = input.wmiCode.length === 6 ? 15 : input.carMpvOrLightTruck ? 13 : 14;
  const invalid: string[] = [];
  let stamped = suggestedVin === '' ? vin : suggestedVin;
  for (let j = 1; j <= vin.length; j += 1) {
    if (j === 9 && offRoad) continue;
    const c = vin[j - 1];
    const bad =
      (j !== 9 && j < digitsFrom && !VIN_CHAR.test(c)) ||
      (j !== 9 && j >= digitsFrom && !/[0-9*]/.test(c)) ||
      (j === 9 && !/[0-9X*]/.test(c)) ||
      (j === 10 && !YEAR_CHAR.test(c));
    if (bad) {
      invalid.push(`${j}:${c}`);
      stamped = replaceAt(stamped, j, '!');
    }
  }
  if (invalid.length > 0) {
    codes.add(400);
    suggestedVin = stamped;
  }

  if (vin.length < 17) codes.add(6);
  else if (vpicCheckDigit(vin, input.carMpvOrLightTruck) !== vin[8]) codes.add(1);

  const serious = [...codes].filter((c) => c !== 9 && c !== 10 && c !== 12);
  if (serious.length === 0 || (serious.length === 1 && serious[0] === 14)) codes.add(0);
  if (codes.has(0) && !items.some((i) => i.elementId === ELEMENT.model)) codes.add(14);

  let info: string | null = null;
  if (codes.has(4)) info = POSSIBLE_VALUES_TEXT;
  if (codes.has(5)) info = SEVERAL_ERRORS_TEXT;
  if (codes.has(14)) info = unused === '' ? null : append(info, `Unused position(s): ${unused}.`);
  if (codes.has(400)) info = append(info, `Invalid character(s): ${invalid.join(', ')}.`);
  const vehicleType = items.find((i) => i.elementId === ELEMENT.vehicleType)?.attributeId;
  if (vehicleType === INCOMPLETE_VEHICLE_TYPE || (bodyClass !== undefined && INCOMPLETE_BODY_CLASSES.has(bodyClass))) {
    info = append(
      info,
      'Incomplete Vehicle Warning - Please be advised that the vehicle may have been altered and may not be an accurate representation of the vehicle in its current condition.',
    );
  }
  if (!input.conclusive) {
    info = append(
      info,
      'The Model Year decoded for this VIN may be incorrect. If you know the Model year, please enter it and decode again to get more accurate information.',
    );
  }
  return {
    codes: [...codes].sort((a, b) => a - b),
    suggestedVin,
    possibleValues,
    additionalText: info ?? '',
  };
}
