import { describe, expect, expectTypeOf, it } from 'vitest';
import { EMPTY_FLEET_FIELDS } from '../fleet-fields/fleet-field-values';
import { FLEET_FIELDS } from '../fleet-fields/fleet-fields';
import type { Vehicle } from '../vehicle';
import {
  FLEET_FIELD_COLUMNS,
  HEADLINE_COLUMNS,
  VEHICLE_COLUMNS,
  vehicleColumn,
  vehicleColumnLabel,
  vehicleColumnValue,
  type UnrecordedColumnKey,
} from './vehicle-columns';

/** Every field of a stored vehicle, so a field added to the record without a column is caught here. */
const VEHICLE: { readonly [K in keyof Vehicle]-?: Vehicle[K] } = {
  id: 1,
  vin: '1XPWD40X1ED215307',
  make: 'PETERBILT',
  model: '388',
  modelYear: 2014,
  bodyClass: 'Truck-Tractor',
  manufacturer: 'PETERBILT MOTORS COMPANY',
  series: null,
  trim: null,
  vehicleType: 'TRUCK',
  gvwr: null,
  driveType: null,
  fuelType: 'Diesel',
  engineModel: null,
  engineCylinders: 6,
  displacementL: 14.9,
  plantCountry: 'UNITED STATES (USA)',
  plantCity: 'DENTON',
  errorCodes: ['0'],
  errorText: null,
  source: 'vpic',
  decodedAt: '2026-01-02T03:04:05.000Z',
  snapshotVersion: null,
  raw: {},
  fleet: { ...EMPTY_FLEET_FIELDS, unitNumber: 'T-1' },
  attributes: {},
  createdAt: '2026-01-02T03:04:05.000Z',
  updatedAt: '2026-01-02T03:04:05.000Z',
};

describe('the vehicle column definition', () => {
  it('has one column per record field and per fleet field, each key and column name once', () => {
    const keys = VEHICLE_COLUMNS.map((c) => c.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(VEHICLE_COLUMNS.map((c) => c.column)).size).toBe(keys.length);
    const recordKeys = Object.keys(VEHICLE).filter((k) => k !== 'fleet');
    expect(keys.filter((k) => !FLEET_FIELD_COLUMNS.some((c) => c.key === k) && k !== 'hasErrors').sort()).toEqual(recordKeys.sort());
    expect(FLEET_FIELD_COLUMNS.map((c) => [c.key, c.column, c.label])).toEqual(FLEET_FIELDS.map((f) => [f.key, f.column, f.label]));
    expectTypeOf<UnrecordedColumnKey>().toEqualTypeOf<never>();
  });

  it('puts the VIN and the four headline fields first', () => {
    expect(HEADLINE_COLUMNS.map((c) => c.label)).toEqual(['VIN', 'Make', 'Model', 'Year', 'Body class']);
  });

  it('reads a column from a record, the fleet fields from its fleet', () => {
    expect(vehicleColumnValue(VEHICLE, vehicleColumn('modelYear'))).toBe(2014);
    expect(vehicleColumnValue(VEHICLE, vehicleColumn('unitNumber'))).toBe('T-1');
    expect(vehicleColumnLabel('decodedAt')).toBe('Decoded');
  });

  it('refuses a key no column has', () => {
    expect(() => vehicleColumn('colour' as 'vin')).toThrow(/Unknown vehicle column: colour/);
  });
});
