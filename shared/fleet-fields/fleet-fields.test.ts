import { describe, expect, it } from 'vitest';
import { parseFleetDate, parseOdometer, storedFleetValues } from './fleet-field-values';
import { FLEET_FIELDS, fleetFieldForHeader, isVinSynonym, normalizeFieldHeader, routeAttributes } from './fleet-fields';

describe('fleetFieldForHeader', () => {
  it.each([
    ['Unit #', 'unitNumber'],
    ['unit_number', 'unitNumber'],
    ['Fleet No.', 'unitNumber'],
    ['Einheit', 'unitNumber'],
    ['Kennzeichen', 'plate'],
    ['License Plate', 'plate'],
    ['immatriculation', 'plate'],
    ['Matrícula', 'plate'],
    ['Targa', 'plate'],
    ['Kenteken', 'plate'],
    ['Numer rejestracyjny', 'plate'],
    ['Abteilung', 'department'],
    ['Kostenstelle', 'department'],
    ['Plate State', 'plateRegion'],
    ['Fahrer', 'driver'],
    ['Kilometerstand', 'odometer'],
    ['Przebieg', 'odometer'],
    ['Erstzulassung', 'inServiceDate'],
    ['Bemerkungen', 'notes'],
  ] as const)('reads %s as %s', (header, key) => {
    expect(fleetFieldForHeader(header)).toBe(key);
  });

  it('leaves unknown headers as custom fields', () => {
    expect(fleetFieldForHeader('Colour')).toBeNull();
    expect(fleetFieldForHeader('')).toBeNull();
  });

  it('knows VIN headers in the common European languages', () => {
    for (const header of ['VIN', 'Fahrgestellnummer', 'châssis', 'Numéro de châssis', 'Número de bastidor', 'Telaio', 'Chassisnummer', 'Numer VIN']) {
      expect(isVinSynonym(header), header).toBe(true);
    }
    expect(isVinSynonym('Kennzeichen')).toBe(false);
  });

  it('never lists one synonym under two fields, nor a VIN synonym as a field', () => {
    const owner = new Map<string, string>();
    for (const field of FLEET_FIELDS) {
      for (const name of field.synonyms) {
        const n = normalizeFieldHeader(name);
        const seen = owner.get(n);
        expect(seen === undefined || seen === field.key, `${name}: ${seen} and ${field.key}`).toBe(true);
        owner.set(n, field.key);
        expect(isVinSynonym(name), name).toBe(false);
      }
    }
  });
});

describe('routeAttributes', () => {
  it('splits standard fields from custom ones; the first non-empty column wins a field', () => {
    expect(routeAttributes({ Unit: '', 'Unit #': 'U-1', unit_number: 'U-2', Colour: 'red' })).toEqual({
      fields: { unitNumber: 'U-1' },
      headers: { unitNumber: 'Unit #' },
      custom: { unit_number: 'U-2', Colour: 'red' },
    });
  });
});

describe('values', () => {
  it.each([
    ['123456', 123456],
    ['123,456', 123456],
    ['123.456', 123456],
    ["123'456 km", 123456],
    ['12 345 mi', 12345],
    ['1234.6', 1235],
    ['12,5', 13],
    ['n/a', null],
    ['', null],
  ] as const)('odometer %s → %s', (text, value) => {
    expect(parseOdometer(text)).toBe(value);
  });

  it.each([
    ['2021-03-25', '2021-03-25'],
    ['2021-03-25T10:00:00Z', '2021-03-25'],
    ['25.03.2021', '2021-03-25'],
    ['25/03/2021', '2021-03-25'],
    ['03/25/2021', '2021-03-25'],
    ['03/04/2021', null],
    ['31.02.2021', null],
    ['soon', null],
  ] as const)('date %s → %s', (text, value) => {
    expect(parseFleetDate(text)).toBe(value);
  });

  it('keeps an undecidable date as written and reports an unreadable odometer', () => {
    expect(storedFleetValues({ inServiceDate: '03/04/2021', odometer: 'lots', plate: ' AB 1 ' })).toEqual({
      values: { inServiceDate: '03/04/2021', plate: 'AB 1' },
      unreadable: ['odometer'],
    });
  });
});
