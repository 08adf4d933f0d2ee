import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BRIEF_VINS } from '../../testing/wmi-catalog';
import {
  computeCheckDigit,
  modelYearCandidates,
  modelYearCode,
  normalizeVin,
  validateVin,
  VIN_ALPHABET,
  VIN_LENGTH,
  type VinIssue,
} from './vin-rules';

function codes(issues: readonly VinIssue[]): string[] {
  return issues.map((i) => i.code);
}

/** VINs with a correct check digit that vPIC decodes cleanly (error code 0). */
const KNOWN_GOOD = [
  ...BRIEF_VINS.map((b) => b.vin),
  '1M8GDM9AXKP042788',
  '1FTMW1T88MFA00001',
  '3VV3B7AXXNM077525',
  '11111111111111111',
];

describe('normalizeVin', () => {
  it('trims, uppercases and removes inner whitespace and dashes', () => {
    expect(normalizeVin('  1xpwd40x1ed215307\t')).toBe('1XPWD40X1ED215307');
    expect(normalizeVin('1XP-WD40 X1E\u00a0D215307')).toBe('1XPWD40X1ED215307');
    expect(normalizeVin('')).toBe('');
  });
});

describe('validateVin', () => {
  it.each(KNOWN_GOOD)('accepts %s with no issues', (vin) => {
    const result = validateVin(vin);
    expect(result.valid).toBe(true);
    expect(result.issues).toEqual([]);
    expect(result.expectedCheckDigit).toBe(vin[8]);
  });

  it('accepts a lowercase, spaced VIN and reports the normalized form', () => {
    const result = validateVin(' 4v4nc9ejxen171694 ');
    expect(result).toMatchObject({ input: ' 4v4nc9ejxen171694 ', vin: '4V4NC9EJXEN171694', valid: true });
  });

  it('rejects an empty (or blank) VIN', () => {
    for (const input of ['', '   ', ' - ']) {
      const result = validateVin(input);
      expect(result.valid).toBe(false);
      expect(result.issues).toEqual([
        { code: 'EMPTY', severity: 'error', position: null, message: 'VIN is empty' },
      ]);
      expect(result.expectedCheckDigit).toBeNull();
    }
  });

  it('names the actual length when too short or too long', () => {
    const short = validateVin('1XPWD40X1ED21530');
    expect(codes(short.issues)).toEqual(['TOO_SHORT']);
    expect(short.issues[0].message).toBe('VIN has 16 characters; it needs 17');
    expect(short.valid).toBe(false);

    const long = validateVin('1XPWD40X1ED2153070');
    expect(codes(long.issues)).toEqual(['TOO_LONG']);
    expect(long.issues[0].message).toBe('VIN has 18 characters; it needs 17');
    expect(long.expectedCheckDigit).toBeNull();

    expect(validateVin('A').issues[0].message).toBe('VIN has 1 character; it needs 17');
  });

  it('reports I, O and Q at each position where they occur', () => {
    const result = validateVin('1XPWO40X1ED2153I7'.replace('E', 'Q'));
    expect(result.valid).toBe(false);
    expect(result.issues.map((i) => [i.code, i.position])).toEqual([
      ['FORBIDDEN_LETTER', 5],
      ['FORBIDDEN_LETTER', 10],
      ['FORBIDDEN_LETTER', 16],
    ]);
    expect(result.issues[0].message).toBe('Letter O at position 5 is never used in VINs (looks like 0)');
    expect(result.issues[2].message).toBe('Letter I at position 16 is never used in VINs (looks like 1)');
  });

  it('reports other symbols as invalid characters with their position', () => {
    const result = validateVin('1XPWD40X1ED2153#7');
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ code: 'INVALID_CHARACTER', severity: 'error', position: 16 });
    expect(result.issues[0].message).toContain('"#"');

    const accent = validateVin('1XPWD40X1ÉD215307');
    expect(accent.issues.map((i) => [i.code, i.position])).toEqual([['INVALID_CHARACTER', 10]]);
  });

  it('counts an astral character as one position', () => {
    const result = validateVin('1XPWD40X1ED21530🚚');
    expect(codes(result.issues)).toEqual(['INVALID_CHARACTER']);
    expect(result.issues[0].position).toBe(17);
  });

  it('reports length and character errors together, length first', () => {
    const result = validateVin('1XPWO40X1');
    expect(result.issues.map((i) => [i.code, i.position])).toEqual([
      ['TOO_SHORT', null],
      ['FORBIDDEN_LETTER', 5],
    ]);
  });

  it('treats a check-digit mismatch as a warning, the VIN staying valid', () => {
    // vPIC answers this VIN with error code 1 ("check digit does not calculate properly").
    const result = validateVin('WBA3A5C51CF256987');
    expect(result.valid).toBe(true);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ code: 'CHECK_DIGIT_MISMATCH', severity: 'warning', position: 9 });
    expect(result.issues[0].message).toContain('vPIC still decodes such VINs');
    expect(result.expectedCheckDigit).not.toBe('1');
    expect(result.expectedCheckDigit).toMatch(/^[0-9X]$/);
  });
});

describe('computeCheckDigit', () => {
  it('computes known check digits, including X for remainder 10', () => {
    expect(computeCheckDigit('1M8GDM9AXKP042788')).toBe('X');
    expect(computeCheckDigit('1XPWD40X1ED215307')).toBe('1');
    expect(computeCheckDigit('11111111111111111')).toBe('1');
    expect(computeCheckDigit('1FTMW1T88MFA00001')).toBe('8');
  });

  it('ignores whatever stands at position 9', () => {
    expect(computeCheckDigit('1M8GDM9A0KP042788')).toBe('X');
  });

  it('throws on input that is not 17 VIN characters', () => {
    expect(() => computeCheckDigit('1M8GDM9AXKP04278')).toThrow(RangeError);
    expect(() => computeCheckDigit('1M8GDM9AXKP04278O')).toThrow(RangeError);
  });
});

describe('model year codes', () => {
  it('maps the brief VINs to their model years', () => {
    for (const b of BRIEF_VINS) {
      expect(modelYearCandidates(b.vin)).toContain(b.modelYear);
      expect(modelYearCode(b.modelYear)).toBe(b.vin[9]);
    }
  });

  it('cycles every 30 years from 1980 to 2039', () => {
    expect(modelYearCode(1980)).toBe('A');
    expect(modelYearCode(2010)).toBe('A');
    expect(modelYearCode(2009)).toBe('9');
    expect(modelYearCode(2039)).toBe('9');
    expect(() => modelYearCode(1979)).toThrow(RangeError);
    expect(() => modelYearCode(2040)).toThrow(RangeError);
    expect(modelYearCandidates('1XPWD40X1ED215307')).toEqual([1984, 2014]);
    expect(modelYearCandidates('1XPWD40X1UD215307')).toEqual([]);
    expect(modelYearCandidates('1XP')).toEqual([]);
  });
});

describe('properties', () => {
  const NUM_RUNS = 2000;
  const vinChar = fc.constantFrom(...VIN_ALPHABET.split(''));
  /** 17 VIN characters with the correct check digit at position 9. */
  const validVin = fc
    .array(vinChar, { minLength: VIN_LENGTH, maxLength: VIN_LENGTH })
    .map((chars) => {
      const draft = chars.join('');
      return draft.slice(0, 8) + computeCheckDigit(draft) + draft.slice(9);
    });
  const anyString = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: fc.constantFrom(...'0123456789ABCDIOQXZ abc-#\t'.split('')), maxLength: 25 }),
  );

  it('normalizeVin is idempotent', () => {
    fc.assert(
      fc.property(anyString, (s) => normalizeVin(normalizeVin(s)) === normalizeVin(s)),
      { numRuns: NUM_RUNS },
    );
  });

  it('a VIN with the correct check digit validates with no issues', () => {
    fc.assert(
      fc.property(validVin, (vin) => {
        const result = validateVin(vin);
        expect(result.valid).toBe(true);
        expect(result.issues).toEqual([]);
        // Lowercase and separators do not change the verdict.
        const messy = validateVin(` ${vin.slice(0, 5).toLowerCase()}-${vin.slice(5)} `);
        expect(messy.vin).toBe(vin);
        expect(messy.issues).toEqual([]);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('a wrong check digit gives exactly one CHECK_DIGIT_MISMATCH warning', () => {
    const digits = '0123456789X'.split('');
    fc.assert(
      fc.property(validVin, fc.constantFrom(...digits), (vin, wrong) => {
        fc.pre(wrong !== vin[8]);
        const result = validateVin(vin.slice(0, 8) + wrong + vin.slice(9));
        expect(result.valid).toBe(true);
        expect(result.issues).toHaveLength(1);
        expect(result.issues[0]).toMatchObject({ code: 'CHECK_DIGIT_MISMATCH', severity: 'warning', position: 9 });
        expect(result.expectedCheckDigit).toBe(vin[8]);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('validateVin never throws and its verdict matches its issues', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const result = validateVin(s);
        expect(result.valid).toBe(!result.issues.some((i) => i.severity === 'error'));
        expect(result.vin).toBe(normalizeVin(s));
        for (const issue of result.issues) {
          if (issue.position !== null) {
            expect(issue.position).toBeGreaterThanOrEqual(1);
            expect(issue.position).toBeLessThanOrEqual(Array.from(result.vin).length);
          }
        }
        // A valid verdict implies a well-formed 17-character VIN.
        if (result.valid) expect(result.vin).toMatch(/^[0-9A-HJ-NPR-Z]{17}$/);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('check digit against the 49 CFR 565.15 tables (independent oracle)', () => {
  // Table I (transliteration) and Table II (weights) of 49 CFR 565.15(c), typed from the rule
  // rather than derived from the implementation, so a slip in either copy shows up.
  const TRANSLITERATION: Readonly<Record<string, number>> = {
    A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8,
    J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
    S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
  };
  const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
  const oracle = (vin: string): string => {
    let sum = 0;
    for (let i = 0; i < 17; i++) {
      const ch = vin[i]!;
      const value = /[0-9]/.test(ch) ? Number(ch) : TRANSLITERATION[ch]!;
      sum += value * WEIGHTS[i]!;
    }
    const remainder = sum % 11;
    return remainder === 10 ? 'X' : String(remainder);
  };

  it('the tables cover exactly the VIN alphabet', () => {
    const letters = VIN_ALPHABET.replace(/[0-9]/g, '').split('');
    expect(Object.keys(TRANSLITERATION).sort()).toEqual(letters.sort());
    expect(WEIGHTS).toHaveLength(VIN_LENGTH);
  });

  it('computeCheckDigit agrees with the tables on arbitrary VINs', () => {
    const vinChar = fc.constantFrom(...VIN_ALPHABET.split(''));
    fc.assert(
      fc.property(fc.array(vinChar, { minLength: 17, maxLength: 17 }), (chars) => {
        const vin = chars.join('');
        expect(computeCheckDigit(vin)).toBe(oracle(vin));
      }),
      { numRuns: 5000 },
    );
  });
});
