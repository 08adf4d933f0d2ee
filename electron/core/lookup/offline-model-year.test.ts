import { describe, expect, it } from 'vitest';
import { planModelYears, type WmiClass } from './offline-model-year';

const CAR: WmiClass = { vehicleTypeId: 2, truckTypeId: null };
const MPV: WmiClass = { vehicleTypeId: 7, truckTypeId: null };
const LIGHT_TRUCK: WmiClass = { vehicleTypeId: 3, truckTypeId: 1 };
const HEAVY_TRUCK: WmiClass = { vehicleTypeId: 3, truckTypeId: 2 };
const UNCLASSIFIED_TRUCK: WmiClass = { vehicleTypeId: 3, truckTypeId: null };
const MOTORCYCLE: WmiClass = { vehicleTypeId: 1, truckTypeId: null };
const TRAILER: WmiClass = { vehicleTypeId: 6, truckTypeId: null };
const BUS: WmiClass = { vehicleTypeId: 5, truckTypeId: null };
const INCOMPLETE: WmiClass = { vehicleTypeId: 10, truckTypeId: null };

/** Every year has schemas: no swap between cycles. */
const everyYear = (): number => 1;

/** A VIN with the given position 7 and position 10. */
function vin(position7: string, position10: string): string {
  return `1AB123${position7}89${position10}A000001`;
}

describe('planModelYears', () => {
  it.each([
    ['passenger car', CAR],
    ['MPV', MPV],
    ['light truck', LIGHT_TRUCK],
  ])('reads a %s by position 7: digit → 1980-2009, letter → 2010-2039, conclusively', (_name, kind) => {
    expect(planModelYears(vin('5', 'C'), kind, 2026, everyYear)).toEqual({ primary: 1982, alternate: null, conclusive: true });
    expect(planModelYears(vin('C', 'C'), kind, 2026, everyYear)).toEqual({ primary: 2012, alternate: null, conclusive: true });
    expect(planModelYears(vin('C', '5'), kind, 2026, everyYear)).toEqual({ primary: 2005, alternate: null, conclusive: true });
  });

  it.each([
    ['heavy truck', HEAVY_TRUCK],
    ['truck without a truck type', UNCLASSIFIED_TRUCK],
    ['motorcycle', MOTORCYCLE],
    ['trailer', TRAILER],
    ['bus', BUS],
    ['incomplete vehicle', INCOMPLETE],
    ['WMI unknown to the snapshot', null],
  ])('tries both cycles for a %s, newer first, ignoring position 7', (_name, kind) => {
    expect(planModelYears(vin('0', 'E'), kind, 2026, everyYear)).toEqual({ primary: 2014, alternate: 1984, conclusive: false });
    expect(planModelYears(vin('A', 'T'), kind, 2026, everyYear)).toEqual({ primary: 2026, alternate: 1996, conclusive: false });
  });

  it('accepts up to two years past the current one, and takes the older cycle beyond', () => {
    // "W" is 2028 in 2026 (NHTSA's answers date year-code W VINs 2028), "X" would be 2029.
    expect(planModelYears(vin('A', 'W'), TRAILER, 2026, everyYear)).toEqual({ primary: 2028, alternate: 1998, conclusive: false });
    expect(planModelYears(vin('A', 'X'), TRAILER, 2026, everyYear)).toEqual({ primary: 1999, alternate: null, conclusive: true });
    expect(planModelYears(vin('A', 'X'), TRAILER, 2027, everyYear)).toEqual({ primary: 2029, alternate: 1999, conclusive: false });
    expect(planModelYears(vin('A', 'Y'), CAR, 2026, everyYear)).toEqual({ primary: 2000, alternate: null, conclusive: true });
  });

  it("swaps a conclusive year for the other cycle's when only that one has VIN schemas", () => {
    const only = (year: number) => (y: number) => (y === year ? 1 : 0);
    expect(planModelYears(vin('5', 'C'), CAR, 2026, only(2012)).primary).toBe(2012);
    expect(planModelYears(vin('5', 'C'), CAR, 2026, only(1982)).primary).toBe(1982);
    expect(planModelYears(vin('5', 'C'), CAR, 2026, () => 0).primary).toBe(1982);
  });

  it('has no year for a position 10 that is no year code', () => {
    for (const code of ['0', 'U', 'Z', 'I', 'O', 'Q']) {
      expect(planModelYears(vin('A', code), CAR, 2026, everyYear)).toEqual({ primary: null, alternate: null, conclusive: true });
    }
  });
});
