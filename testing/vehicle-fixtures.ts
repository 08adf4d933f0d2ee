/**
 * Decoded vehicle records for tests.
 *
 * Test-only. Defaults describe one of the brief's VINs the way vPIC decodes it; `raw` is derived
 * from the final typed fields (unless overridden) so it never contradicts them.
 */
import type { DecodedVehicle } from '../shared/vehicle';

/** A distinct 17-character VIN-shaped string per `n` (not check-digit valid; the cache does not care). */
export function fixtureVin(n: number): string {
  return `1FTFX${String(n).padStart(12, '0')}`;
}

export function makeDecodedVehicle(overrides: Partial<DecodedVehicle> = {}): DecodedVehicle {
  const base: Omit<DecodedVehicle, 'raw'> = {
    vin: '1XPWD40X1ED215307',
    make: 'PETERBILT',
    model: '388',
    modelYear: 2014,
    bodyClass: 'Truck-Tractor',
    manufacturer: 'PACCAR INC',
    series: null,
    trim: null,
    vehicleType: 'TRUCK',
    gvwr: 'Class 8: 33,001 lb and above (14,969 kg and above)',
    driveType: '6x4',
    fuelType: 'Diesel',
    engineModel: null,
    engineCylinders: 6,
    displacementL: 14.9,
    plantCountry: 'UNITED STATES (USA)',
    plantCity: 'DENTON',
    errorCodes: ['0'],
    errorText: '0 - VIN decoded clean. Check Digit (9th position) is correct',
    source: 'vpic',
    decodedAt: '2025-01-15T10:00:00.000Z',
    snapshotVersion: null,
    ...overrides,
  };
  const raw: Record<string, string | null> = {
    VIN: base.vin,
    Make: base.make,
    Model: base.model,
    ModelYear: base.modelYear === null ? null : String(base.modelYear),
    BodyClass: base.bodyClass,
    Manufacturer: base.manufacturer,
    ErrorCode: base.errorCodes.join(','),
    ErrorText: base.errorText,
    DisplacementL: base.displacementL === null ? null : String(base.displacementL),
    Trim2: null,
  };
  return { ...base, raw: overrides.raw ?? raw };
}
