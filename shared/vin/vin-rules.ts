/**
 * VIN rules: normalisation, validation and the check digit.
 *
 * Implements the structure of the 17-character Vehicle Identification Number laid down by
 * 49 CFR Part 565 (https://www.ecfr.gov/current/title-49/subtitle-B/chapter-V/part-565):
 * 17 characters from the digits and the letters A-Z except I, O and Q (Subpart B), position 9
 * a check digit computed from the other 16 (565.15(c)), position 10 the model year code
 * (565.15(d)).
 *
 * Runs anywhere (renderer form, IPC boundary, CLI): no node:*, electron or DOM imports.
 */

export const VIN_LENGTH = 17;

/** Every character a VIN may contain (Part 565: digits and capitals, never I, O or Q). */
export const VIN_ALPHABET = '0123456789ABCDEFGHJKLMNPRSTUVWXYZ';

/** Position (1-based) of the check digit. */
export const CHECK_DIGIT_POSITION = 9;

/** Position (1-based) of the model year code. */
export const MODEL_YEAR_POSITION = 10;

export type VinIssueCode =
  | 'EMPTY'
  | 'TOO_SHORT'
  | 'TOO_LONG'
  | 'INVALID_CHARACTER'
  | 'FORBIDDEN_LETTER'
  | 'CHECK_DIGIT_MISMATCH';

export type VinIssueSeverity = 'error' | 'warning';

export interface VinIssue {
  readonly code: VinIssueCode;
  readonly severity: VinIssueSeverity;
  /** 1-based position in the normalized VIN (counted in Unicode code points), or null. */
  readonly position: number | null;
  readonly message: string;
}

export interface VinValidation {
  /** What the caller passed. */
  readonly input: string;
  /** The normalized VIN (see normalizeVin). */
  readonly vin: string;
  /** True when no issue has severity 'error' (a check-digit mismatch is only a warning). */
  readonly valid: boolean;
  readonly issues: readonly VinIssue[];
  /** The check digit the VIN should carry; null when the VIN has errors. */
  readonly expectedCheckDigit: string | null;
}

/** Separators people type or paste inside VINs: whitespace of any kind and dashes. */
const SEPARATORS = /[\s\-\u2010-\u2015\u2212]+/gu;

/**
 * Canonical form of a typed or pasted VIN.
 *
 * Uppercases and removes whitespace and dashes anywhere ("1xp wd40x-1ed215307 " is the same
 * vehicle as "1XPWD40X1ED215307"); it does not fix anything else, so validation still reports
 * what the user really typed. Idempotent.
 */
export function normalizeVin(input: string): string {
  return input.toUpperCase().replace(SEPARATORS, '');
}

/** Letters Part 565 excludes, and the character each is confused with. */
const FORBIDDEN_LETTERS: Readonly<Record<string, string>> = { I: '1', O: '0', Q: '0' };

/**
 * Transliteration of letters to values for the check digit, 565.15(c).
 *
 * Digits stand for themselves.
 */
const TRANSLITERATION: Readonly<Record<string, number>> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8,
  J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
  S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};

/** Position weights, 565.15(c) (position 9, the check digit itself, weighs 0). */
const WEIGHTS: readonly number[] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

function characterValue(ch: string, position: number): number {
  if (ch >= '0' && ch <= '9') return ch.charCodeAt(0) - 48;
  const value = TRANSLITERATION[ch];
  if (value === undefined) {
    throw new RangeError(`Character ${describeCharacter(ch)} at position ${position} is not a VIN character`);
  }
  return value;
}

/**
 * The check digit (position 9) a 17-character VIN must carry: '0'-'9' or 'X'.
 *
 * Sum of transliterated values times weights, modulo 11, remainder 10 written as X
 * (565.15(c)). The character currently at position 9 is ignored (its weight is 0).
 * Throws RangeError when the VIN is not 17 VIN characters; call validateVin first for input.
 */
export function computeCheckDigit(vin17: string): string {
  const vin = vin17.toUpperCase();
  if (vin.length !== VIN_LENGTH) {
    throw new RangeError(`VIN has ${vin.length} characters; it needs ${VIN_LENGTH}`);
  }
  let sum = 0;
  for (let i = 0; i < VIN_LENGTH; i += 1) {
    if (i === CHECK_DIGIT_POSITION - 1) continue;
    sum += characterValue(vin[i], i + 1) * WEIGHTS[i];
  }
  const remainder = sum % 11;
  return remainder === 10 ? 'X' : String(remainder);
}

/** A readable rendering of one character for messages (control and invisible ones as U+XXXX). */
function describeCharacter(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x21 || (cp >= 0x7f && cp <= 0xa0) || /\p{C}|\p{Z}/u.test(ch)) {
    return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return `"${ch}"`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Validate a typed or pasted VIN against 49 CFR 565.
 *
 * Never throws. Errors: EMPTY, TOO_SHORT/TOO_LONG (naming the actual length), and one
 * FORBIDDEN_LETTER (I, O, Q) or INVALID_CHARACTER issue per offending position. The check
 * digit is verified only when there are no errors, and a mismatch is a warning: vPIC still
 * decodes such VINs (its error code 1), and real fleets carry a few of them.
 */
export function validateVin(input: string): VinValidation {
  const vin = normalizeVin(input);
  const issues: VinIssue[] = [];

  if (vin.length === 0) {
    issues.push({ code: 'EMPTY', severity: 'error', position: null, message: 'VIN is empty' });
    return { input, vin, valid: false, issues, expectedCheckDigit: null };
  }

  // The common case (a well-formed VIN) skips the per-character scan: cached lookups are
  // answered in microseconds and this check runs on every one of them.
  if (WELL_FORMED_VIN.test(vin)) return withCheckDigit(input, vin, issues);

  // Count code points, not UTF-16 units, so an emoji is one character in positions and lengths.
  const chars = Array.from(vin);
  if (chars.length < VIN_LENGTH) {
    issues.push({
      code: 'TOO_SHORT',
      severity: 'error',
      position: null,
      message: `VIN has ${plural(chars.length, 'character')}; it needs ${VIN_LENGTH}`,
    });
  } else if (chars.length > VIN_LENGTH) {
    issues.push({
      code: 'TOO_LONG',
      severity: 'error',
      position: null,
      message: `VIN has ${plural(chars.length, 'character')}; it needs ${VIN_LENGTH}`,
    });
  }

  chars.forEach((ch, index) => {
    const position = index + 1;
    const lookalike = FORBIDDEN_LETTERS[ch];
    if (lookalike !== undefined) {
      issues.push({
        code: 'FORBIDDEN_LETTER',
        severity: 'error',
        position,
        message: `Letter ${ch} at position ${position} is never used in VINs (looks like ${lookalike})`,
      });
    } else if (!VIN_ALPHABET.includes(ch)) {
      issues.push({
        code: 'INVALID_CHARACTER',
        severity: 'error',
        position,
        message:
          `Character ${describeCharacter(ch)} at position ${position} is not allowed in VINs ` +
          '(only digits and letters A-Z except I, O, Q)',
      });
    }
  });

  if (issues.length > 0) {
    return { input, vin, valid: false, issues, expectedCheckDigit: null };
  }
  return withCheckDigit(input, vin, issues);
}

/** 17 characters of the VIN alphabet (no I, O, Q). */
const WELL_FORMED_VIN = /^[A-HJ-NPR-Z0-9]{17}$/;

/** The result for a well-formed VIN: valid, with a warning when the check digit does not match. */
function withCheckDigit(input: string, vin: string, issues: VinIssue[]): VinValidation {
  const expectedCheckDigit = computeCheckDigit(vin);
  const actual = vin[CHECK_DIGIT_POSITION - 1];
  if (actual !== expectedCheckDigit) {
    issues.push({
      code: 'CHECK_DIGIT_MISMATCH',
      severity: 'warning',
      position: CHECK_DIGIT_POSITION,
      message:
        `Check digit at position ${CHECK_DIGIT_POSITION} is ${actual} but should be ${expectedCheckDigit}; ` +
        'the VIN may be mistyped (vPIC still decodes such VINs)',
    });
  }
  return { input, vin, valid: true, issues, expectedCheckDigit };
}

/**
 * Model year codes for position 10, in order from 1980 (565.15(d)).
 *
 * The 30 codes repeat every 30 years: A = 1980 and 2010, Y = 2000 and 2030, 9 = 2009 and 2039.
 * U, Z and 0 are never used, besides I, O and Q.
 */
export const MODEL_YEAR_CODES = 'ABCDEFGHJKLMNPRSTVWXY123456789';

const FIRST_MODEL_YEAR = 1980;
const LAST_MODEL_YEAR = FIRST_MODEL_YEAR + 2 * MODEL_YEAR_CODES.length - 1; // 2039

/** The position-10 code for a model year in 1980-2039. Throws RangeError outside that span. */
export function modelYearCode(year: number): string {
  if (!Number.isInteger(year) || year < FIRST_MODEL_YEAR || year > LAST_MODEL_YEAR) {
    throw new RangeError(`Model year ${year} is outside ${FIRST_MODEL_YEAR}-${LAST_MODEL_YEAR}`);
  }
  return MODEL_YEAR_CODES[(year - FIRST_MODEL_YEAR) % MODEL_YEAR_CODES.length];
}

/**
 * The model years (1980-2039) a VIN's position-10 code can stand for, oldest first.
 *
 * Two candidates, 30 years apart; empty when position 10 is missing or not a year code.
 * (For cars and light trucks Part 565 also ties the choice to position 7, which heavy trucks
 * do not follow, so we leave the choice to the decoder.)
 */
export function modelYearCandidates(vin: string): readonly number[] {
  const code = normalizeVin(vin)[MODEL_YEAR_POSITION - 1];
  if (code === undefined) return [];
  const index = MODEL_YEAR_CODES.indexOf(code);
  if (index < 0) return [];
  return [FIRST_MODEL_YEAR + index, FIRST_MODEL_YEAR + index + MODEL_YEAR_CODES.length];
}
