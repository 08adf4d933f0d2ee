import { describe, expect, it } from 'vitest';
import { computeCheckDigit } from '../../../shared/vin/vin-rules';
import type { DecodingItem } from './offline-decode-pass';
import { ERROR_TEXTS, errorCodes, type ErrorInput } from './offline-error-codes';

/** A VIN with its check digit made right. */
function valid(vin: string): string {
  return vin.slice(0, 8) + computeCheckDigit(vin) + vin.slice(9);
}

function pattern(elementId: number, keys: string): DecodingItem {
  return { elementId, attributeId: '1', value: null, source: 'Pattern', priority: 2014, createdOn: null, patternId: 1, keys };
}

const MODEL = 28;
const BODY_CLASS = 5;

/** A decode whose matched patterns name every one of positions 4-8 and 11 of `vin`. */
function input(vin: string, overrides: Partial<ErrorInput> = {}): ErrorInput {
  return {
    vin,
    wmiCode: vin.slice(0, 3),
    wmiFound: true,
    carMpvOrLightTruck: false,
    items: [pattern(MODEL, `${vin.slice(3, 8)}|*${vin[10]}`)],
    modelYear: 2014,
    conclusive: true,
    validChars: new Map(),
    ...overrides,
  };
}

describe('errorCodes (vPIC error codes)', () => {
  const vin = valid('1XPWD40X1ED215307');

  it('0: clean when every position is accounted for and the check digit is right', () => {
    expect(errorCodes(input(vin))).toMatchObject({ codes: [0], suggestedVin: '', possibleValues: '', additionalText: '' });
  });

  it('1: a wrong check digit is reported, and alone it is no "0"', () => {
    const wrong = `${vin.slice(0, 8)}${vin[8] === '1' ? '2' : '1'}${vin.slice(9)}`;
    expect(errorCodes(input(wrong)).codes).toEqual([1]);
  });

  it('2: one position wrong with one possible character is corrected', () => {
    const result = errorCodes(input(vin, { validChars: new Map([[5, 'C']]) }));
    expect(result.codes).toEqual([2]);
    expect(result.suggestedVin).toBe(`1XPWC${vin.slice(5)}`);
    expect(result.possibleValues).toBe('(5:C)');
  });

  it('3: one position wrong, corrected to the one candidate the check digit confirms', () => {
    // Candidates B, C, D at position 5; the check digit is made for C.
    const target = valid('1XPWC40X1ED215307');
    const typo = `1XPWZ${target.slice(5)}`;
    const result = errorCodes(input(typo, { validChars: new Map([[5, 'BCD']]) }));
    expect(result.codes).toContain(3);
    expect(result.suggestedVin).toBe(target);
    expect(result.possibleValues).toBe('(5:C)');
  });

  it('4: one position wrong with several candidates is marked ! with its possible values', () => {
    const typo = valid('1XPWZ40X1ED215307');
    const result = errorCodes(input(typo, { validChars: new Map([[5, 'BCD']]) }));
    expect(result.codes).toContain(4);
    expect(result.suggestedVin).toBe(`1XPW!${typo.slice(5)}`);
    expect(result.possibleValues).toBe('(5:BCD)');
    expect(result.additionalText).toContain('In the Possible values section');
  });

  it('5: several positions wrong', () => {
    const result = errorCodes(input(vin, { validChars: new Map([[4, 'A'], [6, 'BC']]) }));
    expect(result.codes).toContain(5);
    expect(result.suggestedVin).toBe(`1XP!D!${vin.slice(6)}`);
    expect(result.possibleValues).toBe('(4:A)(6:BC)');
  });

  it('6: a short VIN', () => {
    expect(errorCodes(input(vin.slice(0, 15))).codes).toContain(6);
  });

  it('7: a WMI the snapshot does not know', () => {
    expect(errorCodes(input(vin, { wmiFound: false, items: [] })).codes).toEqual([7]);
  });

  it('8: a known WMI but no pattern matched', () => {
    expect(errorCodes(input(vin, { items: [] })).codes).toEqual([8]);
  });

  it('10: an off-road body class warns but stays clean', () => {
    const items = [...input(vin).items, pattern(BODY_CLASS, '*****')].map((i) => (i.elementId === BODY_CLASS ? { ...i, attributeId: '69' } : i));
    expect(errorCodes(input(vin, { items })).codes).toEqual([0, 10]);
  });

  it('11: no model year', () => {
    expect(errorCodes(input(vin, { modelYear: null })).codes).toEqual([11]);
  });

  it('14: positions no matched pattern names, listed in the additional text; also a clean decode without a model', () => {
    const result = errorCodes(input(vin, { items: [pattern(MODEL, `${vin.slice(3, 6)}`)] }));
    expect(result.codes).toEqual([0, 14]);
    expect(result.additionalText).toBe('Unused position(s): 7,8,11.');
    const noModel = errorCodes(input(vin, { items: [pattern(BODY_CLASS, `${vin.slice(3, 8)}|*${vin[10]}`)] }));
    expect(noModel.codes).toEqual([0, 14]);
  });

  it('400: characters not allowed where they stand, marked ! in the suggested VIN', () => {
    const bad = `${vin.slice(0, 14)}A${vin.slice(15)}`;
    const result = errorCodes(input(bad));
    expect(result.codes).toContain(400);
    expect(result.suggestedVin).toBe(`${vin.slice(0, 14)}!${vin.slice(15)}`);
    expect(result.additionalText).toContain('Invalid character(s): 15:A.');
    // Passenger cars and light trucks keep positions 13-17 numeric, others 14-17.
    const at13 = `${vin.slice(0, 12)}A${vin.slice(13)}`;
    expect(errorCodes(input(at13)).codes).not.toContain(400);
    expect(errorCodes(input(at13, { carMpvOrLightTruck: true })).codes).toContain(400);
  });

  it('1 with 400: vPIC computes no check digit for a VIN with a character out of place', () => {
    // Arithmetically right check digit, but a letter where digits belong.
    const bad = valid('1XPWD40X1ED2153A7');
    expect(computeCheckDigit(bad)).toBe(bad[8]);
    expect(errorCodes(input(bad)).codes).toEqual([1, 400]);
  });

  it("says an inconclusive model year may be wrong, in vPIC's words", () => {
    expect(errorCodes(input(vin, { conclusive: false })).additionalText).toMatch(/^The Model Year decoded for this VIN may be incorrect/);
  });

  it("has vPIC's text for every code it produces", () => {
    for (const code of [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 14, 400]) expect(ERROR_TEXTS[code]).toMatch(new RegExp(`^${code} - `));
  });
});
