/**
 * Exports carry each vehicle's recall status, campaign count and campaign numbers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { fixtureVin, makeDecodedVehicle } from '../../../testing/vehicle-fixtures';
import type { Database } from 'better-sqlite3';
import { openDatabase } from '../storage/sqlite/db/open-database';
import { EXPORT_COLUMNS } from '../export/export-columns';
import { iterateExportRows } from '../storage/sqlite/sqlite-export-rows';
import { upsertManyDecoded } from '../storage/sqlite/vehicles/vehicle-repository';
import { saveRecallModel } from '../storage/sqlite/recalls/recall-repository';

let dir: string;
let db: Database;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recalls-export-'));
  db = openDatabase(path.join(dir, 'fleet.sqlite'));
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const campaign = (campaignNumber: string, parkIt = false) => ({
  campaignNumber,
  reportReceivedDate: '2015-03-04',
  component: 'STEERING',
  summary: 'May fail.',
  consequence: 'Crash.',
  remedy: 'Repair.',
  notes: null,
  parkIt,
  parkOutside: false,
  overTheAirUpdate: false,
});

it('writes recall_status, recall_campaign_count and recall_campaign_numbers per vehicle', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  upsertManyDecoded(
    db,
    [
      makeDecodedVehicle({ vin: fixtureVin(1), make: 'PETERBILT', model: '388', modelYear: 2014 }),
      makeDecodedVehicle({ vin: fixtureVin(2), make: 'peterbilt', model: '388', modelYear: 2014 }),
      makeDecodedVehicle({ vin: fixtureVin(3), make: 'KENWORTH', model: 'T680', modelYear: 2020 }),
      makeDecodedVehicle({ vin: fixtureVin(4), make: 'KENWORTH', model: 'T800', modelYear: 2020 }),
      makeDecodedVehicle({ vin: fixtureVin(5), make: null, model: null, modelYear: null }),
    ].map((vehicle) => ({ vehicle })),
    now,
  );
  saveRecallModel(db, { make: 'PETERBILT', model: '388', modelYear: 2014 }, { status: 'found', campaigns: [campaign('15V001000', true), campaign('16V002000')] }, now);
  saveRecallModel(db, { make: 'KENWORTH', model: 'T680', modelYear: 2020 }, { status: 'no-data', campaigns: [] }, now);

  const rows = [...iterateExportRows(db)].flat();
  const cells = (name: string): unknown[] => {
    const column = EXPORT_COLUMNS.find((c) => c.name === name)!;
    return rows.map((r) => column.value(r));
  };
  expect(cells('recall_status')).toEqual(['found', 'found', 'no-data', 'not-checked', 'unknown-model']);
  expect(cells('recall_campaign_count')).toEqual([2, 2, null, null, null]);
  expect(cells('recall_campaign_numbers')).toEqual(['15V001000 16V002000', '15V001000 16V002000', null, null, null]);
});
