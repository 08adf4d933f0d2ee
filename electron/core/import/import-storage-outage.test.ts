/**
 * The import engine while its store is unreachable, with the store's failures scripted (the real
 * server restart is `server-restart.test.ts`): the same chunk is committed again until the store
 * answers, a commit whose answer was lost counts once, the cancel ends the wait, and a job another
 * desk took for abandoned during the outage is left to that desk.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateFleetCsv } from '../../../testing/fleet-generator';
import { newJob, openTestDatabase, tempDir } from '../../../testing/import-test-support';
import { makeDecodedVehicle } from '../../../testing/vehicle-fixtures';
import type { ImportChunk, ImportJobStore } from '../storage/fleet-store';
import { sqliteImportStores } from '../storage/sqlite/sqlite-import-stores';
import { countVehicles } from '../storage/sqlite/vehicles/vehicle-repository';
import { StorageError } from '../storage/storage-error';
import type { ImportStores } from './import-stores';
import { processOwner } from './job-ownership';
import { runImportJob, type DecodeVins, type ImportRunProgress } from './run-import-job';

let dir: string;
let db: Database;
beforeEach(() => {
  dir = tempDir('import-outage-');
  db = openTestDatabase(dir);
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const decode: DecodeVins = async (vins) => ({ decoded: vins.map((vin) => makeDecodedVehicle({ vin })), failed: [] });
const serverDown = (): StorageError => new StorageError('unavailable', 'The PostgreSQL server at db.example:5432 refused the connection.');

function fleetFile(rows: number): { file: string; expected: ReturnType<typeof generateFleetCsv>['expected'] } {
  const { text, expected } = generateFleetCsv({ seed: 5, rows, invalidRatio: 0.05, duplicateRatio: 0.1 });
  const file = path.join(dir, 'fleet.csv');
  fs.writeFileSync(file, text);
  return { file, expected };
}

/** The SQLite stores with `commitChunk` replaced by `commit(real, call number, …)`. */
function storesWith(commit: (real: ImportJobStore['commitChunk'], call: number, jobId: string, chunk: ImportChunk, now: Date) => ReturnType<ImportJobStore['commitChunk']>): ImportStores {
  const stores = sqliteImportStores(db);
  let calls = 0;
  const real = stores.importJobs.commitChunk.bind(stores.importJobs);
  return { ...stores, importJobs: { ...stores.importJobs, commitChunk: (jobId, chunk, now) => commit(real, ++calls, jobId, chunk, now) } };
}

const fast = { minDelayMs: 1, maxDelayMs: 2 };

describe('an import while its store is unreachable', () => {
  it('commits the same chunk again until the store answers, a lost answer counted once, and says it waits', async () => {
    const { file, expected } = fleetFile(300);
    const committedRows: number[] = [];
    // Call 2: the server is gone. Call 3: the commit lands but its answer is lost. Then it answers.
    const stores = storesWith(async (real, call, jobId, chunk, now) => {
      committedRows.push(chunk.lastRow);
      if (call === 2) throw serverDown();
      const result = await real(jobId, chunk, now);
      if (call === 3) throw serverDown();
      return result;
    });
    const progress: ImportRunProgress[] = [];
    const job = await runImportJob({ stores, decode, now: () => new Date(), chunkSize: 50, storageRetry: fast, onProgress: (p) => progress.push(p) }, newJob(db, file));

    expect(job.state).toBe('done');
    expect(job.counts).toEqual({
      total: expected.total,
      added: expected.validUnique.length,
      updated: 0,
      duplicates: expected.duplicates,
      invalid: expected.invalid.length,
      failed: 0,
    });
    expect(countVehicles(db)).toBe(expected.validUnique.length);
    // The second chunk was offered three times (refused, answer lost, then answered from the cursor).
    expect(committedRows.slice(0, 5)).toEqual([50, 100, 100, 100, 150]);
    const waits = progress.filter((p) => p.waitingForStorage !== undefined);
    expect(waits.length).toBe(2);
    expect(waits[0]!.waitingForStorage).toMatchObject({ message: expect.stringContaining('db.example:5432'), retryInSeconds: 1 });
    expect(waits[0]!.etaSeconds).toBeNull();
    // Going on is reported too: the event after the last wait has none.
    const lastWait = progress.lastIndexOf(waits[waits.length - 1]!);
    expect(progress[lastWait + 1]?.waitingForStorage).toBeUndefined();
  });

  it('waits through reads that fail too (classifying a chunk asks the store which VINs it knows)', async () => {
    const { file, expected } = fleetFile(200);
    const stores = sqliteImportStores(db);
    let failures = 3;
    const getManyByVin = stores.vehicles.getManyByVin.bind(stores.vehicles);
    const flaky: ImportStores = {
      ...stores,
      vehicles: {
        getManyByVin: (vins) => {
          if (failures > 0) {
            failures -= 1;
            return Promise.reject(serverDown());
          }
          return getManyByVin(vins);
        },
      },
    };
    const job = await runImportJob({ stores: flaky, decode, now: () => new Date(), chunkSize: 40, storageRetry: fast }, newJob(db, file));
    expect(job.state).toBe('done');
    expect(job.counts).toMatchObject({ total: expected.total, added: expected.validUnique.length, duplicates: expected.duplicates });
    expect(countVehicles(db)).toBe(expected.validUnique.length);
  });

  it('stops waiting when the user cancels: the job is cancelled with what was committed', async () => {
    const { file } = fleetFile(200);
    const controller = new AbortController();
    const stores = storesWith(async (real, call, jobId, chunk, now) => {
      if (call >= 2) throw serverDown();
      return real(jobId, chunk, now);
    });
    const job = await runImportJob(
      {
        stores,
        decode,
        now: () => new Date(),
        chunkSize: 50,
        // Waits far longer than the test: only the cancel can end them.
        storageRetry: { minDelayMs: 60_000, maxDelayMs: 60_000 },
        onProgress: (p) => {
          if (p.waitingForStorage) controller.abort();
        },
      },
      newJob(db, file),
      controller.signal,
    );
    expect(job.state).toBe('cancelled');
    expect(job.rowsCommitted).toBe(50);
    expect(job.resumable).toBe(true);
  });

  it('gives the job up, writing nothing, when another desk marked it interrupted during the outage; a resume finishes it exactly', async () => {
    const { file, expected } = fleetFile(300);
    const jobId = newJob(db, file);
    const plain = sqliteImportStores(db);
    const stores = storesWith(async (real, call, id, chunk, now) => {
      if (call === 2) {
        // Meanwhile, on another desk: this owner's heartbeat is stale, so its job is orphaned.
        expect(await plain.importJobs.markInterrupted(now, () => true)).toBe(1);
        throw serverDown();
      }
      return real(id, chunk, now);
    });
    const stopped = await runImportJob({ stores, decode, now: () => new Date(), chunkSize: 50, storageRetry: fast }, jobId);
    expect(stopped).toMatchObject({ state: 'interrupted', rowsCommitted: 50, resumable: true });
    // The heartbeat found the job no longer ours: nothing after the first chunk was written.
    expect(countVehicles(db)).toBe(stopped.counts.added);

    const resumed = await runImportJob({ stores: plain, decode, now: () => new Date(), chunkSize: 50, owner: { ...processOwner(), instance: 'other-desk' } }, jobId);
    expect(resumed.state).toBe('done');
    expect(resumed.counts).toMatchObject({ total: expected.total, added: expected.validUnique.length, duplicates: expected.duplicates, invalid: expected.invalid.length });
    expect(countVehicles(db)).toBe(expected.validUnique.length);
  });
});
