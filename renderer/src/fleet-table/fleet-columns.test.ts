import { describe, expect, it } from 'vitest';
import type { VehicleRow } from '../../../shared/vehicles/vehicle-query';
import { columnLabels, fleetColumns } from './fleet-columns';

const ROW: VehicleRow = {
  id: 7,
  vin: '1XPWD40X1ED215307',
  make: 'PETERBILT',
  model: '388',
  modelYear: 2014,
  bodyClass: 'Truck-Tractor',
  source: 'vpic',
  decodedAt: '2026-01-02T03:04:05.000Z',
  hasErrors: false,
  errorCodes: ['0'],
  fleet: {
    unitNumber: 'T-1',
    plate: 'ABC 123',
    plateRegion: 'OR',
    department: 'Haul',
    driver: null,
    odometer: 123456,
    inServiceDate: '2020-05-01',
    notes: null,
  },
  attributes: { 'Cost centre': 'CC-9' },
};

describe('fleet table columns', () => {
  it('keeps the ids and headers the table, saved views and view exports rely on', () => {
    expect(columnLabels(['Cost centre'])).toEqual([
      { id: 'vin', label: 'VIN' },
      { id: 'make', label: 'Make' },
      { id: 'model', label: 'Model' },
      { id: 'modelYear', label: 'Year' },
      { id: 'bodyClass', label: 'Body class' },
      { id: 'unitNumber', label: 'Unit number' },
      { id: 'plate', label: 'Plate' },
      { id: 'plateRegion', label: 'Plate state/region' },
      { id: 'department', label: 'Department' },
      { id: 'driver', label: 'Driver' },
      { id: 'odometer', label: 'Odometer' },
      { id: 'inServiceDate', label: 'In-service date' },
      { id: 'notes', label: 'Notes' },
      { id: 'source', label: 'Source' },
      { id: 'decodedAt', label: 'Decoded' },
      { id: 'recalls', label: 'Recalls' },
      { id: 'attr:Cost centre', label: 'Cost centre' },
    ]);
  });

  it("reads each cell's text from the row: decode fields, fleet fields (empty when unknown), custom fields", () => {
    const text = Object.fromEntries(
      fleetColumns(['Cost centre', 'Missing']).flatMap((c) => ('accessorFn' in c && c.id !== undefined ? [[c.id, c.accessorFn(ROW, 0)]] : [])),
    );
    expect(text).toMatchObject({
      vin: ROW.vin,
      make: 'PETERBILT',
      modelYear: '2014',
      bodyClass: 'Truck-Tractor',
      unitNumber: 'T-1',
      driver: '',
      odometer: '123456',
      inServiceDate: '2020-05-01',
      'attr:Cost centre': 'CC-9',
      'attr:Missing': '',
    });
  });
});
