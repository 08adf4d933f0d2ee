/**
 * copyFleet between two SQLite stores in this process (the built CLI's test runs it against a
 * PostgreSQL server): what moves, what the target decides, and that a second run writes nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtureVin, makeDecodedVehicle } from '../../../testing/vehicle-fixtures';
import { copyFleet, rowColumnsOf, type CopyFleetProgress } from './copy-fleet';
import type { FleetStore } from './fleet-store';
import { openFleetStore } from './open-fleet-store';

const EARLY = new Date('2026-01-01T00:00:00.000Z');
const LATE = new Date('2026-02-01T00:00:00.000Z');

let dir: string;
let source: FleetStore;
let target: FleetStore;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'copy-fleet-'));
  source = await openFleetStore({ kind: 'sqlite', path: path.join(dir, 'source.sqlite') });
  target = await openFleetStore({ kind: 'sqlite', path: path.join(dir, 'target.sqlite') });
});

afterEach(async () => {
  await source.close();
  await target.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const vehicle = (n: number, decodedAt: Date, model = 'TRANSIT') =>
  makeDecodedVehicle({ vin: fixtureVin(n), make: 'FORD', model, modelYear: 2020, decodedAt: decodedAt.toISOString() });

describe('copyFleet', () => {
  it('copies vehicles with fleet fields, attributes and recalls answers; the target keeps its ids and a second run writes nothing', async () => {
    await source.vehicles.upsertManyDecoded(
      [1, 2, 3, 4, 5].map((n) => ({ vehicle: vehicle(n, EARLY), attributes: { Unit: `U${n}`, Odometer: `${n}000 km`, 'Warranty ref': `W${n}` } })),
      EARLY,
    );
    // A second "Unit #" column and a custom header spelled like a field's key stay custom.
    await source.vehicles.upsertDecoded({ vehicle: vehicle(1, EARLY), attributes: { Unit: 'U1', 'Unit #': 'second', unitNumber: 'custom' } }, EARLY);
    await source.recalls.save({ make: 'FORD', model: 'TRANSIT', modelYear: 2020 }, { status: 'none', campaigns: [] }, EARLY);
    // The target already has vehicle 3, decoded later, under its own id.
    const [existing] = await target.vehicles.upsertManyDecoded([{ vehicle: vehicle(3, LATE, 'NEWER'), attributes: { Driver: 'Ann' } }], LATE);

    const progress: CopyFleetProgress[] = [];
    const first = await copyFleet(source, target, { pageSize: 2, now: () => LATE, onProgress: (p) => progress.push(p) });
    expect(first).toEqual({ read: 5, added: 4, updated: 1, unchanged: 0, recallModels: 1 });
    expect(progress).toEqual([
      { read: 2, total: 5 },
      { read: 4, total: 5 },
      { read: 5, total: 5 },
    ]);

    const copiedOne = await target.vehicles.getByVin(fixtureVin(1));
    const sourceOne = await source.vehicles.getByVin(fixtureVin(1));
    expect(copiedOne).toMatchObject({ fleet: sourceOne!.fleet, attributes: sourceOne!.attributes, raw: sourceOne!.raw, decodedAt: EARLY.toISOString() });
    expect(sourceOne!.attributes).toMatchObject({ 'Unit #': 'second', unitNumber: 'custom' });
    expect(copiedOne!.fleet).toMatchObject({ unitNumber: 'U1', odometer: 1000 });
    // The VIN both held: its id and newer decode stay, the copied fields merge with the target's.
    expect(await target.vehicles.getByVin(fixtureVin(3))).toMatchObject({
      id: existing!.id,
      model: 'NEWER',
      fleet: { unitNumber: 'U3', driver: 'Ann' },
      attributes: { 'Warranty ref': 'W3' },
    });
    expect(await target.recalls.get({ make: 'FORD', model: 'TRANSIT', modelYear: 2020 })).toEqual({ status: 'none', campaigns: [], fetchedAt: EARLY.toISOString() });

    const before = await target.vehicles.getByVin(fixtureVin(2));
    const second = await copyFleet(source, target, { now: () => new Date('2026-03-01T00:00:00.000Z') });
    expect(second).toEqual({ read: 5, added: 0, updated: 0, unchanged: 5, recallModels: 0 });
    expect(await target.vehicles.getByVin(fixtureVin(2))).toEqual(before);
  });

  it('names each fleet field so it routes back to its field, even when a custom attribute holds the key', () => {
    const columns = rowColumnsOf({
      ...makeDecodedVehicle({ vin: fixtureVin(1) }),
      id: 1,
      createdAt: EARLY.toISOString(),
      updatedAt: EARLY.toISOString(),
      fleet: { unitNumber: 'U1', plate: null, plateRegion: null, department: null, driver: null, odometer: 12, inServiceDate: null, notes: null },
      attributes: { unitNumber: 'custom' },
    });
    expect(columns).toEqual({ unit_number: 'U1', odometer: '12', unitNumber: 'custom' });
  });
});
