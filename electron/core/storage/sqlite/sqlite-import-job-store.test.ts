/**
 * The SQLite import-job store's one crash-safety write: a chunk's vehicles, counts, rejects and
 * cursor land together or not at all, and a re-decode of a vehicle removed meanwhile is stored
 * again as an addition.
 */
import fs from 'node:fs';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DecodedVehicle } from '../../../../shared/vehicle';
import { newJob, openTestDatabase, tempDir } from '../../../../testing/import-test-support';
import { fixtureVin, makeDecodedVehicle } from '../../../../testing/vehicle-fixtures';
import { ZERO_COUNTS } from '../../import/import-job-record';
import { countVehicles, getByVin, removeByVins, upsertDecoded } from './vehicles/vehicle-repository';
import type { ImportChunk } from '../fleet-store';
import { createSqliteImportJobStore } from './sqlite-import-job-store';

let dir: string;
let db: Database;
const T = new Date('2025-06-01T12:00:00.000Z');

beforeEach(() => {
  dir = tempDir('sqlite-import-jobs-');
  db = openTestDatabase(dir);
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function chunk(overrides: Partial<ImportChunk>): ImportChunk {
  return { upserts: [], attributeUpdates: [], redecoded: [], lastRow: 0, delta: ZERO_COUNTS, rejects: [], vins: [], ...overrides };
}

describe('createSqliteImportJobStore().commitChunk', () => {
  it('commits vehicles, counts, rejects, seen VINs and cursor together', async () => {
    const jobs = createSqliteImportJobStore(db);
    const jobId = newJob(db, '/fleet.csv');
    const results = await jobs.commitChunk(
      jobId,
      chunk({
        upserts: [{ vehicle: makeDecodedVehicle({ vin: fixtureVin(1) }), attributes: { Colour: 'red' } }],
        lastRow: 3,
        delta: { total: 3, added: 1, updated: 0, duplicates: 1, invalid: 1, failed: 0 },
        rejects: [{ row: 2, value: 'nope', code: 'TOO_SHORT', reason: 'too short', kind: 'invalid' }],
        vins: [fixtureVin(1)],
      }),
      T,
    );
    expect(results).toEqual([{ id: expect.any(Number), created: true }]);
    const job = (await jobs.get(jobId))!;
    expect(job).toMatchObject({ rowsCommitted: 3, rejects: 1, counts: { total: 3, added: 1, duplicates: 1, invalid: 1 } });
    expect(await jobs.seenVins(jobId, [fixtureVin(1), fixtureVin(2)])).toEqual(new Set([fixtureVin(1)]));
    expect(getByVin(db, fixtureVin(1))!.attributes).toEqual({ Colour: 'red' });
  });

  it('leaves nothing of a chunk whose write fails halfway', async () => {
    const jobs = createSqliteImportJobStore(db);
    const jobId = newJob(db, '/fleet.csv');
    // The second vehicle breaks the table's CHECK on `source`, after the first was written.
    const broken = { ...makeDecodedVehicle({ vin: fixtureVin(2) }), source: 'bogus' } as unknown as DecodedVehicle;
    await expect(
      jobs.commitChunk(
        jobId,
        chunk({
          upserts: [{ vehicle: makeDecodedVehicle({ vin: fixtureVin(1) }) }, { vehicle: broken }],
          lastRow: 2,
          delta: { ...ZERO_COUNTS, total: 2, added: 2 },
          rejects: [{ row: 9, value: 'x', code: 'TOO_SHORT', reason: 'too short', kind: 'invalid' }],
          vins: [fixtureVin(1), fixtureVin(2)],
        }),
        T,
      ),
    ).rejects.toThrow();
    expect(countVehicles(db)).toBe(0);
    expect(await jobs.get(jobId)).toMatchObject({ rowsCommitted: 0, rejects: 0, counts: ZERO_COUNTS });
    expect((await jobs.seenVins(jobId, [fixtureVin(1)])).size).toBe(0);
  });

  it('stores a re-decode of a vehicle removed meanwhile again, counted as added', async () => {
    const jobs = createSqliteImportJobStore(db);
    const jobId = newJob(db, '/fleet.csv', { refresh: true });
    upsertDecoded(db, makeDecodedVehicle({ vin: fixtureVin(1), model: 'old' }), T);
    upsertDecoded(db, makeDecodedVehicle({ vin: fixtureVin(2), model: 'old' }), T);
    // Classified as refreshes of two stored vehicles; one is removed before the chunk commits.
    removeByVins(db, [fixtureVin(2)]);
    await jobs.commitChunk(
      jobId,
      chunk({
        redecoded: [makeDecodedVehicle({ vin: fixtureVin(1), model: 'new' }), makeDecodedVehicle({ vin: fixtureVin(2), model: 'new' })],
        attributeUpdates: [{ vin: fixtureVin(2), attributes: { Colour: 'blue' } }],
        lastRow: 2,
        delta: { ...ZERO_COUNTS, total: 2, updated: 2 },
        vins: [fixtureVin(1), fixtureVin(2)],
      }),
      T,
    );
    expect(getByVin(db, fixtureVin(1))!.model).toBe('new');
    expect(getByVin(db, fixtureVin(2))).toMatchObject({ model: 'new', attributes: { Colour: 'blue' } });
    expect((await jobs.get(jobId))!.counts).toMatchObject({ total: 2, added: 1, updated: 1 });
  });
});
