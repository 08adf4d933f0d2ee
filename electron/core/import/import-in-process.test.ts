/**
 * The service with the in-process runner (the CLI's): a job runs to its counts through the same
 * queue and lifecycle as the app's worker, and a store failure keeps its cause for the exit code.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportJobSummary } from '../../../shared/import/import-contract';
import { BRIEF_VINS } from '../../../testing/wmi-catalog';
import { openTestDatabase, tempDir } from '../../../testing/import-test-support';
import { makeDecodedVehicle } from '../../../testing/vehicle-fixtures';
import { sqliteCodeOf } from '../storage/sqlite/db/open-database';
import { silentLogger } from '../logging/logger';
import type { OnlineBatchDecode } from '../lookup/decode-with-fallback';
import { inProcessRunner } from './import-in-process';
import { createImportService } from './import-service';
import { sqliteImportStores } from '../storage/sqlite/sqlite-import-stores';
import { type ImportStores } from './import-stores';
import { createKeyStore } from './key-store';

let dir: string;
let db: Database;
let file: string;

beforeEach(() => {
  dir = tempDir('import-in-process-');
  db = openTestDatabase(dir);
  file = path.join(dir, 'fleet.csv');
  fs.writeFileSync(file, `VIN,Colour\n${BRIEF_VINS[0]!.vin},red\n${BRIEF_VINS[1]!.vin},blue\nnot-a-vin,green\n`);
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const decodeOnline: OnlineBatchDecode = async (vins) => ({ decoded: vins.map((vin) => makeDecodedVehicle({ vin })), failed: [] });

async function serviceOver(stores: ImportStores, finished: ImportJobSummary[]) {
  return createImportService({
    stores,
    runner: inProcessRunner({
      stores,
      decodeOnline,
      offline: () => Promise.reject(new Error('no snapshot in this test')),
      now: () => new Date(),
      logger: silentLogger(),
    }),
    logger: silentLogger(),
    now: () => new Date(),
    keyStore: createKeyStore({ dataDir: dir }),
    chooseSavePath: async () => null,
    emitProgress: () => undefined,
    emitFinished: (summary) => finished.push(summary),
    onVehiclesChanged: () => undefined,
  });
}

describe('import service, in process', () => {
  it('runs a job to its counts and announces it', async () => {
    const finished: ImportJobSummary[] = [];
    const service = await serviceOver(sqliteImportStores(db), finished);
    const { jobId } = await service.start({ path: file });
    await service.whenIdle();
    const job = await service.job(jobId);
    expect(job.state).toBe('done');
    expect(job.counts).toMatchObject({ total: 3, added: 2, invalid: 1, failed: 0 });
    expect(finished.map((s) => [s.jobId, s.state])).toEqual([[jobId, 'done']]);
    expect(service.failureCause(jobId)).toBeUndefined();
    await service.close();
  });

  it('records a store failure as STORAGE_ERROR and keeps the error itself', async () => {
    const finished: ImportJobSummary[] = [];
    const real = sqliteImportStores(db);
    const locked = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    const stores: ImportStores = { ...real, importJobs: { ...real.importJobs, commitChunk: () => Promise.reject(locked) } };
    const service = await serviceOver(stores, finished);
    const { jobId } = await service.start({ path: file });
    await service.whenIdle();
    const job = await service.job(jobId);
    expect(job.state).toBe('failed');
    expect(job.error).toMatchObject({ code: 'STORAGE_ERROR' });
    expect(job.rowsCommitted).toBe(0);
    expect(sqliteCodeOf(service.failureCause(jobId))).toBe('SQLITE_BUSY');
    expect(finished.map((s) => s.state)).toEqual(['failed']);
    await service.close();
  });
});
