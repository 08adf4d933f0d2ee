import { EMPTY_FLEET_FIELDS } from '../../../../../shared/fleet-fields/fleet-field-values';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtureVin, makeDecodedVehicle } from '../../../../../testing/vehicle-fixtures';
import type { DecodedVehicle, Vehicle } from '../../../../../shared/vehicle';
import {
  VEHICLE_SORT_COLUMNS,
  vehicleListQuerySchema,
  type VehicleListQueryInput,
  type VehicleRow,
  type VehicleSortColumn,
} from '../../../../../shared/vehicles/vehicle-query';
import { openDatabase } from '../db/open-database';
import {
  countVehicles,
  getById,
  getByVin,
  getManyByVin,
  iterateVehicles,
  listOfflineVins,
  listVehicles,
  removeByVins,
  updateAttributes,
  upsertDecoded,
  upsertManyDecoded,
  vehicleFacets,
} from './vehicle-repository';
import { createUndoStash } from './undo-stash';

let dir: string;
let db: Database;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vehicle-repository-'));
  db = openDatabase(path.join(dir, 'cache.sqlite'));
});

afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const T0 = new Date('2025-02-01T08:00:00.000Z');
const T1 = new Date('2025-02-02T09:30:00.000Z');

function list(query: VehicleListQueryInput = {}) {
  return listVehicles(db, vehicleListQuerySchema.parse(query));
}

function ids(rows: readonly { id: number }[]): number[] {
  return rows.map((r) => r.id);
}

describe('upsertDecoded', () => {
  it('inserts a new VIN, then updates it in place: same id, merged fields and attributes, created_at kept', () => {
    const first = upsertDecoded(db, makeDecodedVehicle({ make: 'PETERBILT' }), T0, { unit: 'A-1', depot: 'North', Colour: 'red' });
    expect(first.created).toBe(true);

    const redecoded = makeDecodedVehicle({ make: 'PETERBILT MOTORS', model: '389', decodedAt: T1.toISOString() });
    const second = upsertDecoded(db, redecoded, T1, { unit: 'A-2', plate: 'TX 123', Trailer: 'T-9' });
    expect(second).toEqual({ id: first.id, created: false });

    const stored = getByVin(db, redecoded.vin);
    expect(stored).not.toBeNull();
    expect(stored!.id).toBe(first.id);
    expect(stored!.make).toBe('PETERBILT MOTORS');
    expect(stored!.model).toBe('389');
    // Standard fields land in their columns whatever the header said; the rest stay custom.
    expect(stored!.fleet).toEqual({ ...EMPTY_FLEET_FIELDS, unitNumber: 'A-2', department: 'North', plate: 'TX 123' });
    expect(stored!.attributes).toEqual({ Colour: 'red', Trailer: 'T-9' });
    expect(stored!.createdAt).toBe(T0.toISOString());
    expect(stored!.updatedAt).toBe(T1.toISOString());
    expect(countVehicles(db)).toBe(1);
  });

  it('keeps stored attributes when an update brings none', () => {
    upsertDecoded(db, makeDecodedVehicle(), T0, { unit: 'A-1', Colour: 'red' });
    upsertDecoded(db, makeDecodedVehicle({ model: '379' }), T1);
    expect(getByVin(db, makeDecodedVehicle().vin)).toMatchObject({ attributes: { Colour: 'red' }, fleet: { unitNumber: 'A-1' } });
  });

  it('round-trips every decoded field, and stores error codes and has_errors', () => {
    const vehicle = makeDecodedVehicle({
      vin: fixtureVin(1),
      errorCodes: ['1', '11', '14'],
      errorText: '1 - Check Digit (9th position) does not calculate properly',
      source: 'offline',
      snapshotVersion: '2025.01',
      displacementL: 12.9,
      engineCylinders: null,
    });
    const { id } = upsertDecoded(db, vehicle, T0);
    const stored = getById(db, id)!;
    const { id: _id, attributes, createdAt, updatedAt, fleet: _fleet, ...decoded } = stored;
    expect(decoded).toEqual(vehicle);
    expect({ attributes, createdAt, updatedAt }).toEqual({ attributes: {}, createdAt: T0.toISOString(), updatedAt: T0.toISOString() });
    const row = db.prepare('SELECT error_codes, has_errors, raw_json FROM vehicles WHERE id = ?').get(id);
    expect(row).toEqual({ error_codes: '1,11,14', has_errors: 1, raw_json: JSON.stringify(vehicle.raw) });
    // Codes 0, 1, 10 and 400 are clean: no errors flagged.
    upsertDecoded(db, makeDecodedVehicle({ vin: fixtureVin(2), errorCodes: ['1', '400'] }), T0);
    expect(list({ search: fixtureVin(2) }).rows[0]!.hasErrors).toBe(false);
    expect(list({ search: fixtureVin(1) }).rows[0]).toMatchObject({ hasErrors: true, errorCodes: ['1', '11', '14'] });
  });
});

describe('upsertManyDecoded', () => {
  it('never creates a second row for a VIN, even twice in one batch', () => {
    const vin = fixtureVin(7);
    const results = upsertManyDecoded(
      db,
      [
        { vehicle: makeDecodedVehicle({ vin, model: 'A' }), attributes: { unit: '1' } },
        { vehicle: makeDecodedVehicle({ vin: fixtureVin(8) }) },
        { vehicle: makeDecodedVehicle({ vin, model: 'B' }), attributes: { plate: 'P' } },
      ],
      T0,
    );
    expect(results.map((r) => r.created)).toEqual([true, true, false]);
    expect(results[2]!.id).toBe(results[0]!.id);
    expect(countVehicles(db)).toBe(2);
    expect(getByVin(db, vin)).toMatchObject({ model: 'B', fleet: { unitNumber: '1', plate: 'P' } });
  });

  it('stores all or nothing: one bad record rolls the whole batch back', () => {
    const bad = { ...makeDecodedVehicle({ vin: fixtureVin(2) }), source: 'bogus' } as unknown as DecodedVehicle;
    expect(() =>
      upsertManyDecoded(db, [{ vehicle: makeDecodedVehicle({ vin: fixtureVin(1) }) }, { vehicle: bad }], T0),
    ).toThrow(/CHECK constraint/);
    expect(countVehicles(db)).toBe(0);
  });
});

describe('updateAttributes', () => {
  it('merges attributes of a known VIN without touching the decode', () => {
    const vehicle = makeDecodedVehicle();
    upsertDecoded(db, vehicle, T0, { unit: 'A-1', depot: 'North', Colour: 'red' });
    const before = getByVin(db, vehicle.vin)!;
    expect(updateAttributes(db, vehicle.vin, { depot: 'South', driver: 'Kim', Tyres: 'winter' }, T1)).toBe(true);
    const after = getByVin(db, vehicle.vin)!;
    expect(after.fleet).toEqual({ ...EMPTY_FLEET_FIELDS, unitNumber: 'A-1', department: 'South', driver: 'Kim' });
    expect(after.attributes).toEqual({ Colour: 'red', Tyres: 'winter' });
    expect({ ...after, attributes: before.attributes, fleet: before.fleet, updatedAt: before.updatedAt }).toEqual(before);
    expect(after.updatedAt).toBe(T1.toISOString());
  });

  it('returns false for an unknown VIN and stores nothing', () => {
    expect(updateAttributes(db, fixtureVin(99), { unit: 'X' }, T1)).toBe(false);
    expect(countVehicles(db)).toBe(0);
  });
});

describe('reads by key', () => {
  it('getById and getByVin answer null for unknown keys', () => {
    expect(getById(db, 12345)).toBeNull();
    expect(getByVin(db, fixtureVin(1))).toBeNull();
  });

  it('getManyByVin finds stored VINs across IN-list chunks and skips unknown ones', () => {
    const stored = Array.from({ length: 1_200 }, (_, i) => fixtureVin(i));
    upsertManyDecoded(db, stored.map((vin) => ({ vehicle: makeDecodedVehicle({ vin }) })), T0);
    const asked = [...stored.filter((_, i) => i % 2 === 0), fixtureVin(5_000), fixtureVin(0)];
    const found = getManyByVin(db, asked);
    expect(found.size).toBe(600);
    expect(found.has(fixtureVin(5_000))).toBe(false);
    expect(found.get(fixtureVin(1_198))!.vin).toBe(fixtureVin(1_198));
    expect(found.has(fixtureVin(1))).toBe(false);
  });
});

/** A small fleet with ties, mixed case and nulls in every sortable column. */
function seedFleet(): Vehicle[] {
  const specs: Partial<DecodedVehicle>[] = [
    { make: 'PETERBILT', model: '388', modelYear: 2014, bodyClass: 'Truck-Tractor', source: 'vpic' },
    { make: 'KENWORTH', model: 'W9 Series', modelYear: 2007, bodyClass: 'Truck-Tractor', source: 'offline' },
    { make: 'ford', model: 'F-150', modelYear: 2021, bodyClass: 'Pickup', source: 'vpic', errorCodes: ['1', '11'] },
    { make: 'Ford', model: 'Transit', modelYear: 2019, bodyClass: 'Van', source: 'offline' },
    { make: 'VOLVO TRUCK', model: 'VNL', modelYear: 2014, bodyClass: null, source: 'vpic' },
    { make: null, model: null, modelYear: null, bodyClass: null, source: 'vpic', errorCodes: ['6', '11'] },
    { make: 'FORD', model: 'e-series', modelYear: 2000, bodyClass: 'van', source: 'vpic' },
    { make: 'Tesla', model: 'Model S', modelYear: 2014, bodyClass: 'Hatchback', source: 'offline', errorCodes: ['400'] },
    { make: 'PETERBILT', model: '379', modelYear: 1999, bodyClass: 'Truck-Tractor', source: 'vpic', errorCodes: ['14'] },
    { make: 'Mack', model: 'Anthem', modelYear: 2023, bodyClass: 'Truck-Tractor', source: 'offline' },
    { make: 'kenworth', model: 't680', modelYear: 2021, bodyClass: 'truck-tractor', source: 'vpic' },
    { make: 'Freightliner', model: 'Cascadia', modelYear: 2007, bodyClass: 'Truck-Tractor', source: 'vpic' },
  ];
  // VINs deliberately not in insertion order, so sorting by VIN differs from sorting by id.
  const vins = specs.map((_, i) => fixtureVin((i * 7) % specs.length));
  return specs.map((spec, i) => {
    const decodedAt = new Date(Date.UTC(2025, 0, 1 + ((i * 5) % 4))).toISOString();
    const now = new Date(Date.UTC(2025, 1, 1 + ((i * 3) % 5)));
    const vehicle = makeDecodedVehicle({ ...spec, vin: vins[i]!, decodedAt, vehicleType: i % 2 ? 'TRUCK' : null });
    const fields = { unit: `U${i}`, Abteilung: `depot-${['north', 'south', 'east'][i % 3]!}`, Kennzeichen: `TX-${i}` };
    const { id } = upsertDecoded(db, vehicle, now, fields);
    return getById(db, id)!;
  });
}

type Sortable = string | number | null;

/** The value of a sort column and how SQLite compares it (NOCASE folds ASCII case for text). */
function sortKey(v: Vehicle, column: VehicleSortColumn): Sortable {
  switch (column) {
    case 'vin':
      return v.vin;
    case 'make':
      return v.make?.toLowerCase() ?? null;
    case 'model':
      return v.model?.toLowerCase() ?? null;
    case 'modelYear':
      return v.modelYear;
    case 'bodyClass':
      return v.bodyClass?.toLowerCase() ?? null;
    case 'source':
      return v.source;
    case 'decodedAt':
      return v.decodedAt;
    case 'updatedAt':
      return v.updatedAt;
    case 'id':
      return v.id;
    case 'unitNumber':
      return v.fleet.unitNumber?.toLowerCase() ?? null;
    case 'plate':
      return v.fleet.plate?.toLowerCase() ?? null;
    case 'department':
      return v.fleet.department?.toLowerCase() ?? null;
    case 'recalls':
      // Nothing fetched in this fleet: "not checked" (1) above "model unknown" (0).
      return v.make === null || v.model === null || v.modelYear === null ? 0 : 1;
  }
}

function compareKeys(a: Sortable, b: Sortable): number {
  if (a === b) return 0;
  if (a === null) return -1; // SQLite: NULL sorts first ascending.
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

describe('listVehicles', () => {
  it.each(VEHICLE_SORT_COLUMNS.flatMap((column) => (['asc', 'desc'] as const).map((direction) => [column, direction] as const)))(
    'sorts by %s %s with ties broken by id',
    (column, direction) => {
      const fleet = seedFleet();
      const sign = direction === 'asc' ? 1 : -1;
      const expected = [...fleet].sort(
        (a, b) => sign * (compareKeys(sortKey(a, column), sortKey(b, column)) || a.id - b.id),
      );
      const page = list({ sort: { column, direction } });
      expect(ids(page.rows)).toEqual(ids(expected));
      expect(page.total).toBe(fleet.length);
    },
  );

  it('sorts by several keys, most significant first, ties broken by id in the first key\'s direction', () => {
    const fleet = seedFleet();
    const keys = [
      { column: 'make', direction: 'asc' },
      { column: 'modelYear', direction: 'desc' },
    ] as const;
    const expected = [...fleet].sort(
      (a, b) =>
        compareKeys(sortKey(a, 'make'), sortKey(b, 'make')) ||
        -compareKeys(sortKey(a, 'modelYear'), sortKey(b, 'modelYear')) ||
        a.id - b.id,
    );
    expect(ids(list({ sort: [...keys] }).rows)).toEqual(ids(expected));
    // The second key decides somewhere, or the test proves nothing.
    expect(ids(list({ sort: [keys[0]] }).rows)).not.toEqual(ids(expected));
    // A single key in a list sorts like the single key.
    expect(ids(list({ sort: [{ column: 'vin', direction: 'desc' }] }).rows)).toEqual(ids(list({ sort: { column: 'vin', direction: 'desc' } }).rows));
  });

  it('filters per column: VIN and model contain (literal text), body class exactly', () => {
    const fleet = seedFleet();
    const vinPart = fleet[2]!.vin.slice(5, 11).toLowerCase();
    expect(ids(list({ vinContains: vinPart }).rows)).toEqual(fleet.filter((v) => v.vin.toLowerCase().includes(vinPart)).map((v) => v.id));
    const modelPart = (fleet.find((v) => v.model !== null)!.model ?? '').slice(1, 3);
    const byModel = fleet.filter((v) => v.model?.toLowerCase().includes(modelPart.toLowerCase()));
    expect(byModel.length).toBeGreaterThan(0);
    expect(ids(list({ modelContains: modelPart.toUpperCase() }).rows)).toEqual(byModel.map((v) => v.id));
    expect(list({ modelContains: '%' }).total).toBe(0);
    // FTS syntax in a column filter is text, not query syntax; a VIN part never matches a model.
    expect(list({ modelContains: 'a" OR vin : "1' }).total).toBe(0);
    expect(list({ modelContains: vinPart }).total).toBe(0);
    // Two and three characters (LIKE and the trigram index) agree with a plain substring test.
    for (const part of [modelPart.slice(0, 2), (byModel[0]!.model ?? '').slice(0, 3)]) {
      expect(ids(list({ modelContains: part }).rows), part).toEqual(
        fleet.filter((v) => v.model?.toLowerCase().includes(part.toLowerCase())).map((v) => v.id),
      );
    }
    const body = fleet.find((v) => v.bodyClass !== null)!.bodyClass!;
    expect(ids(list({ bodyClass: body.toUpperCase() }).rows)).toEqual(
      fleet.filter((v) => v.bodyClass?.toLowerCase() === body.toLowerCase()).map((v) => v.id),
    );
  });

  it('returns lightweight rows (no raw record) with attributes', () => {
    const [first] = seedFleet();
    const row = list({ limit: 1 }).rows[0]!;
    const expected: VehicleRow = {
      id: first!.id,
      vin: first!.vin,
      make: first!.make,
      model: first!.model,
      modelYear: first!.modelYear,
      bodyClass: first!.bodyClass,
      source: first!.source,
      decodedAt: first!.decodedAt,
      hasErrors: false,
      errorCodes: ['0'],
      fleet: { ...EMPTY_FLEET_FIELDS, unitNumber: 'U0', department: 'depot-north', plate: 'TX-0' },
      attributes: {},
    };
    expect(row).toEqual(expected);
  });

  it('filters by make (case-insensitive), year range, source and errors, together with a correct total', () => {
    const fleet = seedFleet();
    const expectIds = (query: VehicleListQueryInput, keep: (v: Vehicle) => boolean): void => {
      const page = list(query);
      const expected = fleet.filter(keep).map((v) => v.id);
      expect(ids(page.rows)).toEqual(expected);
      expect(page.total).toBe(expected.length);
    };
    expectIds({ make: 'ford' }, (v) => v.make?.toLowerCase() === 'ford');
    expectIds({ yearFrom: 2007, yearTo: 2014 }, (v) => v.modelYear !== null && v.modelYear >= 2007 && v.modelYear <= 2014);
    expectIds({ yearFrom: 2020 }, (v) => v.modelYear !== null && v.modelYear >= 2020);
    expectIds({ source: 'offline' }, (v) => v.source === 'offline');
    expectIds({ hasErrors: true }, (v) => ['1,11', '6,11', '14'].includes(v.errorCodes.join(',')));
    expectIds({ hasErrors: false }, (v) => !['1,11', '6,11', '14'].includes(v.errorCodes.join(',')));
    expectIds({ checkDigitWrong: true }, (v) => v.errorCodes.includes('1'));
    expectIds({ checkDigitWrong: false }, (v) => !v.errorCodes.includes('1'));
    expectIds(
      { make: 'KENWORTH', source: 'vpic', yearFrom: 2020 },
      (v) => v.make?.toLowerCase() === 'kenworth' && v.source === 'vpic' && (v.modelYear ?? 0) >= 2020,
    );
    expectIds({ make: 'Nobody' }, () => false);
  });

  it('matches every word: 3+ characters anywhere in the searched columns, 1-2 characters at the start of VIN, unit, plate, make or model', () => {
    const fleet = seedFleet();
    // The reference: what the search promises, computed in plain TypeScript.
    const anywhere = (v: Vehicle): (string | null)[] => [
      v.vin, v.make, v.model, v.modelYear === null ? null : String(v.modelYear), v.bodyClass, v.vehicleType,
      v.fleet.unitNumber, v.fleet.plate, v.fleet.plateRegion, v.fleet.department, v.fleet.driver, v.fleet.notes,
    ];
    const starts = (v: Vehicle): (string | null)[] => [v.vin, v.fleet.unitNumber, v.fleet.plate, v.make, v.model];
    const wordMatches = (v: Vehicle, word: string): boolean => {
      const w = word.toLowerCase();
      return [...word].length >= 3
        ? anywhere(v).some((s) => s !== null && s.toLowerCase().includes(w))
        : starts(v).some((s) => s !== null && s.toLowerCase().startsWith(w));
    };
    const matching = (text: string): number[] =>
      fleet.filter((v) => text.trim().split(/\s+/).every((w) => wordMatches(v, w))).map((v) => v.id);
    const cases = [
      'ford', 'FORD', 'terbil', 'ford van', 'Ford Transit 2019', 'peterbilt 2014', 'truck-tractor 2007', 'kenworth w9',
      'w9 s', 'anth', 'e-ser', '1ftfx00000000000', fixtureVin(3).slice(-6).toLowerCase(), 'T6', '38', 'zzz', 'x',
      'U1', 'u1 ford', 'north', 'south kenworth', 'depot-south 2021', 'TX-7', 'ford zzz',
    ];
    for (const text of cases) {
      const page = list({ search: text });
      expect(ids(page.rows), text).toEqual(matching(text));
      expect(page.total, text).toBe(matching(text).length);
    }
    // The checks are not vacuous: several words narrow, fleet fields and years are searched.
    expect(matching('ford').length).toBe(3);
    expect(matching('ford van').length).toBe(2);
    expect(matching('south kenworth').length).toBeGreaterThan(0);
    expect(matching('U1').length).toBe(3); // U1, U10, U11: a unit-number prefix
    expect(list({ search: '   ' }).total).toBe(fleet.length); // blank search filters nothing
  });

  it('treats LIKE, GLOB and FTS syntax in the search text literally', () => {
    upsertDecoded(db, makeDecodedVehicle({ vin: fixtureVin(1), model: 'F_150%' }), T0);
    upsertDecoded(db, makeDecodedVehicle({ vin: fixtureVin(2), model: 'FX1500' }), T0);
    upsertDecoded(db, makeDecodedVehicle({ vin: fixtureVin(3), model: 'Say "hi" OR NOT' }), T0);
    upsertDecoded(db, makeDecodedVehicle({ vin: fixtureVin(4), model: '%off' }), T0);
    const vinsFor = (search: string): string[] => list({ search }).rows.map((r) => r.vin);
    expect(vinsFor('F_')).toEqual([fixtureVin(1)]); // prefix path: '_' is not a wildcard
    expect(vinsFor('%')).toEqual([fixtureVin(4)]);
    expect(vinsFor('F_1')).toEqual([fixtureVin(1)]); // trigram path
    expect(vinsFor('"hi" NOT')).toEqual([fixtureVin(3)]);
    expect(vinsFor('hi OR NOT*')).toEqual([]);
    expect(vinsFor('*')).toEqual([]); // GLOB path: '*' is not a wildcard
  });

  it('is harmless against SQL injection in the search and make', () => {
    seedFleet();
    for (const attack of ["'; DROP TABLE vehicles; --", "' OR '1'='1", '" OR 1=1 --', "x') OR 1=1 --", '*', 'NEAR(a b)']) {
      expect(list({ search: attack }).total, attack).toBe(0);
      expect(list({ make: attack }).total, attack).toBe(0);
    }
    expect(countVehicles(db)).toBe(12);
  });

  it('pages through the whole result with a stable order and a constant total', () => {
    const fleet = seedFleet();
    const sort = { column: 'make', direction: 'desc' } as const;
    const all = ids(list({ sort, limit: 500 }).rows);
    const paged: number[] = [];
    for (let offset = 0; offset < fleet.length + 5; offset += 5) {
      const page = list({ sort, offset, limit: 5 });
      expect(page.total).toBe(fleet.length);
      expect(page.offset).toBe(offset);
      expect(page.rows.length).toBe(Math.max(0, Math.min(5, fleet.length - offset)));
      paged.push(...ids(page.rows));
    }
    expect(paged).toEqual(all);
    expect(new Set(paged).size).toBe(fleet.length);
  });

  it('keeps the search index in step with updates and deletes', () => {
    const vehicle = makeDecodedVehicle({ vin: fixtureVin(1), make: 'KENWORTH', model: 'T680' });
    const { id } = upsertDecoded(db, vehicle, T0);
    upsertDecoded(db, { ...vehicle, make: 'PETERBILT', model: '579' }, T1);
    expect(list({ search: 'kenw' }).total).toBe(0);
    expect(ids(list({ search: 'peterb' }).rows)).toEqual([id]);
    removeByVins(db, [vehicle.vin]);
    expect(list({ search: 'peterb' }).total).toBe(0);
  });
});

describe('remove and restore', () => {
  /** Remove through the undo stash in one chunk; the returned function undoes it in chunks of `size`. */
  function removeWithUndo(removeIds: readonly number[]): { removed: number; undo: (size?: number) => number } {
    const stash = createUndoStash(db);
    const writer = stash.begin();
    const { moved } = writer.moveChunk(removeIds);
    const { token } = writer.seal();
    return {
      removed: moved,
      undo: (size = 2) => {
        const stashed = stash.peek(token);
        if (!stashed) return 0;
        let restored = 0;
        for (let step = stashed.restoreChunk(size); ; step = stashed.restoreChunk(size)) {
          restored += step.restored;
          if (step.done) break;
        }
        stash.discard(token);
        return restored;
      },
    };
  }

  it('restores removed vehicles exactly: same ids, same data, searchable again', () => {
    const fleet = seedFleet();
    const chosen = [fleet[2]!, fleet[7]!, fleet[0]!];
    const removal = removeWithUndo([...ids(chosen), 99_999]);
    expect(removal.removed).toBe(3);
    expect(countVehicles(db)).toBe(fleet.length - 3);
    expect(getById(db, chosen[0]!.id)).toBeNull();

    // A vehicle added after the delete takes a fresh id: AUTOINCREMENT never reuses one.
    const later = upsertDecoded(db, makeDecodedVehicle({ vin: fixtureVin(500) }), T1);
    expect(Math.min(...ids(chosen))).toBeLessThan(later.id);
    expect(fleet.every((v) => v.id < later.id)).toBe(true);

    expect(removal.undo()).toBe(3);
    for (const vehicle of chosen) expect(getById(db, vehicle.id)).toEqual(vehicle);
    expect(ids(list({ search: chosen[1]!.vin.toLowerCase() }).rows)).toEqual([chosen[1]!.id]);
    expect(removal.undo()).toBe(0); // a second undo changes nothing
    expect(countVehicles(db)).toBe(fleet.length + 1);
  });

  it('removeByVins says which VINs were removed', () => {
    const fleet = seedFleet();
    const result = removeByVins(db, [fleet[1]!.vin, fixtureVin(777), fleet[1]!.vin]);
    expect(result).toEqual([
      { vin: fleet[1]!.vin, removed: true },
      { vin: fixtureVin(777), removed: false },
      { vin: fleet[1]!.vin, removed: false },
    ]);
    expect(getByVin(db, fleet[1]!.vin)).toBeNull();
    expect(countVehicles(db)).toBe(fleet.length - 1);
  });

  it('skips a VIN that was stored again after its removal, keeping the newer row', () => {
    const fleet = seedFleet();
    const removal = removeWithUndo([fleet[3]!.id, fleet[4]!.id]);
    const again = upsertDecoded(db, makeDecodedVehicle({ vin: fleet[3]!.vin, model: 'Re-added' }), T1);
    expect(again.created).toBe(true);
    expect(removal.undo(1)).toBe(1);
    expect(getByVin(db, fleet[3]!.vin)).toMatchObject({ id: again.id, model: 'Re-added' });
    expect(getById(db, fleet[3]!.id)).toBeNull();
    expect(getById(db, fleet[4]!.id)).toEqual(fleet[4]);
  });
});

describe('iterateVehicles', () => {
  it('yields every row exactly once, in id order, in batches', () => {
    const items = Array.from({ length: 2_500 }, (_, i) => ({
      vehicle: makeDecodedVehicle({ vin: fixtureVin(i), source: i % 3 === 0 ? 'offline' : 'vpic' }),
    }));
    upsertManyDecoded(db, items, T0);
    removeByVins(db, [fixtureVin(10), fixtureVin(11)]); // gaps in the ids

    const batches = [...iterateVehicles(db, {}, 1_000)];
    expect(batches.map((b) => b.length)).toEqual([1_000, 1_000, 498]);
    const seen = batches.flat().map((v) => v.id);
    expect(new Set(seen).size).toBe(2_498);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.length).toBe(countVehicles(db));

    const offline = [...iterateVehicles(db, { source: 'offline' }, 400)];
    expect(offline.flat().every((v) => v.source === 'offline')).toBe(true);
    expect(offline.flat().length).toBe(list({ source: 'offline' }).total);
    expect(offline.flat().length).toBe(834);
  });

  it('ends cleanly on an exact multiple of the batch size and on an empty table', () => {
    expect([...iterateVehicles(db)]).toEqual([]);
    upsertManyDecoded(db, Array.from({ length: 6 }, (_, i) => ({ vehicle: makeDecodedVehicle({ vin: fixtureVin(i) }) })), T0);
    expect([...iterateVehicles(db, {}, 3)].map((b) => b.length)).toEqual([3, 3]);
    expect(() => iterateVehicles(db, {}, 0).next()).toThrow(RangeError);
  });
});

describe('counts, facets and offline VINs', () => {
  it('reports facets for the filter dropdowns', () => {
    expect(vehicleFacets(db)).toEqual({ makes: [], bodyClasses: [], yearMin: null, yearMax: null, total: 0 });
    seedFleet();
    const facets = vehicleFacets(db);
    expect(facets.total).toBe(12);
    expect(facets.yearMin).toBe(1999);
    expect(facets.yearMax).toBe(2023);
    // One entry per make whatever its case (the make filter is case-insensitive too).
    expect(facets.makes.map((m) => m.toLowerCase())).toEqual([
      'ford',
      'freightliner',
      'kenworth',
      'mack',
      'peterbilt',
      'tesla',
      'volvo truck',
    ]);
    expect(facets.bodyClasses.length).toBeGreaterThan(0);
    expect(new Set(facets.bodyClasses.map((b) => b.toLowerCase())).size).toBe(facets.bodyClasses.length);
  });

  it('lists VINs decoded offline, up to a limit', () => {
    const fleet = seedFleet();
    const offline = fleet.filter((v) => v.source === 'offline').map((v) => v.vin);
    expect(listOfflineVins(db, 100)).toEqual(offline);
    expect(listOfflineVins(db, 2)).toEqual(offline.slice(0, 2));
    expect(countVehicles(db)).toBe(fleet.length);
  });
});
