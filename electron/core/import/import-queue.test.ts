/**
 * The import queue survives a worker that cannot start: the job is recorded as failed, the
 * next import still runs, and `whenIdle` settles (before, a synchronous throw jammed the queue).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportJobSummary } from '../../../shared/import/import-contract';
import { openDatabase } from '../storage/sqlite/db/open-database';
import { silentLogger } from '../logging/logger';
import { createImportService } from './import-service';
import { sqliteImportStores } from '../storage/sqlite/sqlite-import-stores';
import { workerRunner } from './import-worker-relay';
import { tempDir } from '../../../testing/import-test-support';
import { createKeyStore } from './key-store';

let dir: string;
beforeEach(() => {
  dir = tempDir('import-queue-');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('import queue', () => {
  it('records a job whose worker cannot start as failed and keeps serving the queue', async () => {
    const db = openDatabase(path.join(dir, 'fleet.sqlite'));
    const finished: ImportJobSummary[] = [];
    const service = await createImportService({
      stores: sqliteImportStores(db),
      // An empty path makes `new Worker` throw synchronously (ERR_WORKER_PATH).
      runner: workerRunner({
        location: { kind: 'sqlite', path: path.join(dir, 'fleet.sqlite') },
        dataDir: dir,
        decodeOnline: () => Promise.reject(new Error('not used')),
        logger: silentLogger(),
        workerEntry: { file: '', typescript: false },
      }),
      databasePath: path.join(dir, 'fleet.sqlite'),
      logger: silentLogger(),
      now: () => new Date(),
      keyStore: createKeyStore({ dataDir: dir }),
      chooseSavePath: async () => null,
      emitProgress: () => undefined,
      emitFinished: (summary) => finished.push(summary),
      onVehiclesChanged: () => undefined,
    });
    const file = path.join(dir, 'fleet.csv');
    fs.writeFileSync(file, 'VIN\n1XPWD40X1ED215307\n');
    const first = await service.start({ path: file });
    const second = await service.start({ path: file });
    await service.whenIdle();

    expect(finished.map((s) => [s.jobId, s.state])).toEqual([
      [first.jobId, 'failed'],
      [second.jobId, 'failed'],
    ]);
    expect(finished[0]!.error).toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/could not start/) });
    await service.close();
    db.close();
  });
});
