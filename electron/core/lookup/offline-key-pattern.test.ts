import { describe, expect, it } from 'vitest';
import { compileKeys, explicitChars, formulaKeys, formulaValue, matchesKeys, vinKeys } from './offline-key-pattern';

describe('vPIC pattern keys', () => {
  it("builds a VIN's keys from positions 4-8, a bar for the check digit, and 10-17", () => {
    expect(vinKeys('1XPWD40X1ED215307')).toBe('WD40X|ED215307');
    expect(vinKeys('1XPWD40')).toBe('WD40');
  });

  it('matches like SQL LIKE with a trailing %: * is one character, [..] a class, case-insensitive', () => {
    const keys = vinKeys('1XPWD40X1ED215307');
    expect(matchesKeys(compileKeys('WD40X'), keys)).toBe(true);
    expect(matchesKeys(compileKeys('*D4'), keys)).toBe(true);
    expect(matchesKeys(compileKeys('*****|*D'), keys)).toBe(true);
    expect(matchesKeys(compileKeys('*****|*E'), keys)).toBe(false);
    expect(matchesKeys(compileKeys('[UVW]d'), keys)).toBe(true);
    expect(matchesKeys(compileKeys('[A-V]'), keys)).toBe(false);
    expect(matchesKeys(compileKeys('[^A-V]'), keys)).toBe(true);
    expect(matchesKeys(compileKeys('WD40X|ED2153070'), keys)).toBe(false);
  });

  it('matches formula keys on the digits and takes the value between the first and last #', () => {
    const keys = vinKeys('1XPWD40X1ED215307');
    expect(matchesKeys(compileKeys('**##'), formulaKeys(keys))).toBe(true);
    expect(formulaValue(keys, '**##')).toBe('40');
    expect(matchesKeys(compileKeys('##'), formulaKeys(keys))).toBe(false);
  });

  it('lists the characters a key names per VIN position (the check-digit bar and * name none)', () => {
    expect(explicitChars('*[AB]#**|*C')).toEqual([
      [5, 'AB'],
      [6, '0123456789'],
      [11, 'C'],
    ]);
    expect(explicitChars('[B-D]')).toEqual([[4, 'BCD']]);
  });
});
