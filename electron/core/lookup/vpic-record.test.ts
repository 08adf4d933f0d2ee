import { describe, expect, it } from 'vitest';
import { hasDecodeErrors } from '../../../shared/vehicle';
import { mapVpicResult, normaliseVpicValue, parseVpicNumber, splitErrorCodes } from './vpic-record';

const decodedAt = new Date('2025-03-04T05:06:07.000Z');

/** A hand-written result in vPIC's shape: strings everywhere, "" and "Not Applicable" for no data. */
const tractor: Record<string, unknown> = {
  VIN: '1XPWD40X1ED215307',
  Make: 'PETERBILT',
  Model: '388',
  ModelYear: '2014',
  BodyClass: 'Truck-Tractor',
  Manufacturer: 'PACCAR INC',
  Series: '',
  Trim: 'Not Applicable',
  VehicleType: 'TRUCK ',
  GVWR: 'Class 8: 33,001 lb and above (14,969 kg and above)',
  DriveType: '6x4',
  FuelTypePrimary: 'Diesel',
  EngineModel: 'ISX',
  EngineCylinders: '6',
  DisplacementL: '14.9',
  PlantCountry: 'UNITED STATES (USA)',
  PlantCity: 'DENTON',
  ErrorCode: '0',
  ErrorText: '0 - VIN decoded clean. Check Digit (9th position) is correct',
  BusType: 'Not Applicable',
  SomeFieldAddedIn2030: 'kept',
};

describe('mapVpicResult', () => {
  it('maps the typed columns and marks the source', () => {
    const record = mapVpicResult(tractor, decodedAt);
    expect(record).toMatchObject({
      vin: '1XPWD40X1ED215307',
      make: 'PETERBILT',
      model: '388',
      modelYear: 2014,
      bodyClass: 'Truck-Tractor',
      manufacturer: 'PACCAR INC',
      vehicleType: 'TRUCK',
      gvwr: 'Class 8: 33,001 lb and above (14,969 kg and above)',
      driveType: '6x4',
      fuelType: 'Diesel',
      engineModel: 'ISX',
      engineCylinders: 6,
      displacementL: 14.9,
      plantCountry: 'UNITED STATES (USA)',
      plantCity: 'DENTON',
      errorCodes: ['0'],
      source: 'vpic',
      decodedAt: '2025-03-04T05:06:07.000Z',
      snapshotVersion: null,
    });
  });

  it('turns "" and "Not Applicable" into null in the columns, and keeps raw as vPIC sent it', () => {
    const record = mapVpicResult(tractor, decodedAt);
    expect(record.series).toBeNull();
    expect(record.trim).toBeNull();
    for (const [key, value] of Object.entries(tractor)) expect(record.raw[key], key).toBe(value);
    expect(record.raw.SomeFieldAddedIn2030).toBe('kept');
    expect(record.vehicleType).toBe('TRUCK');
  });

  it('leaves fields absent from the result null', () => {
    const record = mapVpicResult({ VIN: '5UXWX7C5*BA', Make: 'BMW', ErrorCode: '6' }, decodedAt);
    expect(record.model).toBeNull();
    expect(record.modelYear).toBeNull();
    expect(record.plantCity).toBeNull();
    expect(record.errorText).toBeNull();
    expect(record.errorCodes).toEqual(['6']);
  });

  it('splits a multi-code ErrorCode and keys the record by the requested VIN', () => {
    const record = mapVpicResult(
      { VIN: '5yjsa3ds*ef', Make: 'TESLA', ModelYear: '2014', ErrorCode: '5, 6,14', EngineCylinders: 'N/A', DisplacementL: '' },
      decodedAt,
      '5YJSA3DS*EF',
    );
    expect(record.vin).toBe('5YJSA3DS*EF');
    expect(record.errorCodes).toEqual(['5', '6', '14']);
    expect(record.engineCylinders).toBeNull();
    expect(record.displacementL).toBeNull();
  });

  it('reads an old-format ErrorCode that carries its text as the code, not as an error', () => {
    const clean = mapVpicResult({ VIN: 'X', ErrorCode: '0 - VIN decoded clean. Check Digit (9th position) is correct' }, decodedAt);
    expect(clean.errorCodes).toEqual(['0']);
    expect(hasDecodeErrors(clean.errorCodes)).toBe(false);
    expect(clean.raw.ErrorCode).toBe('0 - VIN decoded clean. Check Digit (9th position) is correct');
    const partial = mapVpicResult(
      { VIN: 'X', ErrorCode: '1 - Check Digit (9th position) does not calculate properly; 11 - Incorrect Model Year, decoded data may not be accurate' },
      decodedAt,
    );
    expect(partial.errorCodes).toEqual(['1', '11']);
  });

  it('ignores values that are not strings or numbers', () => {
    const record = mapVpicResult({ VIN: 'X', Make: { nested: true }, Model: null, ModelYear: 2011 }, decodedAt);
    expect(record.make).toBeNull();
    expect(record.model).toBeNull();
    expect(record.modelYear).toBe(2011);
  });
});

describe('value helpers', () => {
  it('normalises empty markers case-insensitively', () => {
    expect(normaliseVpicValue('  ')).toBeNull();
    expect(normaliseVpicValue('not applicable')).toBeNull();
    expect(normaliseVpicValue(' Diesel ')).toBe('Diesel');
    expect(normaliseVpicValue(undefined)).toBeNull();
  });

  it('parses only plain numbers', () => {
    expect(parseVpicNumber('12.8')).toBe(12.8);
    expect(parseVpicNumber('2014')).toBe(2014);
    expect(parseVpicNumber('6 cyl')).toBeNull();
    expect(parseVpicNumber('')).toBeNull();
    expect(parseVpicNumber(null)).toBeNull();
  });

  it('splits error codes, dropping empties', () => {
    expect(splitErrorCodes('1,11,14')).toEqual(['1', '11', '14']);
    expect(splitErrorCodes(null)).toEqual([]);
    expect(splitErrorCodes('0,')).toEqual(['0']);
  });
});
