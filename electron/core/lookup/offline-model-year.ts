/**
 * Which model years NHTSA's decoder tries for a VIN.
 *
 * Position 10 names a year in a 30-year cycle (49 CFR 565.15(d)). vPIC reads letters as
 * 2010-2030 and digits as 2031-2039, then:
 * - passenger cars, MPVs and trucks of 10,000 lb GVWR or less (the WMI's vehicle type, and
 *   truck type 1 for trucks) follow 565.15(d)'s position-7 rule: a digit there means the
 *   1980-2009 cycle, a letter the 2010-2039 one — the year is then conclusive;
 * - a year more than two years past the current one is taken from the older cycle (and is then
 *   conclusive too);
 * - for everything else (heavy trucks, trailers, buses, motorcycles, incomplete vehicles) the
 *   year is inconclusive: vPIC decodes the VIN for both candidates and keeps the decode that
 *   scores best, which is how a 1996 Kenworth is not dated 2026.
 * A conclusive year with no VIN schema of the WMI covering it is swapped for the other cycle's
 * year when that one has schemas.
 */

/** How the WMI is classified in the snapshot (`Wmi.VehicleTypeId`, `Wmi.TruckTypeId`). */
export interface WmiClass {
  readonly vehicleTypeId: number | null;
  readonly truckTypeId: number | null;
}

const PASSENGER_CAR = 2;
const TRUCK = 3;
const MPV = 7;
const LIGHT_TRUCK = 1;

/** True for the vehicle types the position-7 rule binds. */
export function isCarMpvOrLightTruck(kind: WmiClass | null): boolean {
  if (kind === null) return false;
  return (
    kind.vehicleTypeId === PASSENGER_CAR ||
    kind.vehicleTypeId === MPV ||
    (kind.vehicleTypeId === TRUCK && kind.truckTypeId === LIGHT_TRUCK)
  );
}

const LETTER_YEARS = 'ABCDEFGHJKLMNPRSTVWXY';

/** Position 10 read in the 2010-2039 cycle; null when it is no year code. */
function newerCycleYear(code: string): number | null {
  const letter = LETTER_YEARS.indexOf(code);
  if (letter >= 0) return 2010 + letter;
  if (code >= '1' && code <= '9') return 2031 + Number(code) - 1;
  return null;
}

export interface ModelYearPlan {
  /** The year decoded first; null when position 10 is no year code. */
  readonly primary: number | null;
  /** The other cycle's year, decoded too when the primary is inconclusive. */
  readonly alternate: number | null;
  readonly conclusive: boolean;
}

/**
 * The years to decode a VIN with.
 *
 * `currentYear` is the clock's year (injected so tests and the conformance run do not drift);
 * `schemaCount(year)` counts the WMI's VIN schemas whose year range holds `year`.
 */
export function planModelYears(
  vin: string,
  kind: WmiClass | null,
  currentYear: number,
  schemaCount: (year: number) => number,
): ModelYearPlan {
  let year = vin.length >= 10 ? newerCycleYear(vin[9]) : null;
  if (year === null) return { primary: null, alternate: null, conclusive: true };
  const limit = currentYear + 2;
  let conclusive = false;
  if (isCarMpvOrLightTruck(kind)) {
    if (/[0-9]/.test(vin[6] ?? '')) year -= 30;
    conclusive = true;
  }
  if (year > limit) {
    year -= 30;
    conclusive = true;
  }
  if (!conclusive) return { primary: year, alternate: year - 30, conclusive: false };

  let other: number | null = null;
  if (year >= 1980 && year <= limit - 30) other = year + 30;
  else if (year >= 2010 && year <= limit) other = year - 30;
  if (other !== null && schemaCount(year) === 0 && schemaCount(other) > 0) year = other;
  return { primary: year, alternate: null, conclusive: true };
}
