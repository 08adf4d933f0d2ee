/**
 * Job ownership: a starting app or CLI marks a `running`/`queued` import `interrupted` only
 * when the process that owns it is gone (or silent), never merely because it is another process.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFleetCsv } from '../../../testing/fleet-generator';
import { startVpicSimulator, type VpicSimulator } from '../../../testing/vpic-simulator/vpic-simulator';
import { createAppContext } from '../app/app-context';
import { silentLogger } from '../logging/logger';
import {
  createJob,
  getJob,
  isJobOrphaned,
  markInterruptedJobs,
  setJobState,
  STALE_HEARTBEAT_MS,
  touchOwnedJobs,
  type JobOwner,
} from './import-job-repository';
import { openTestDatabase, tempDir } from '../../../testing/import-test-support';
import { sqliteDatabaseOf } from '../storage/sqlite/sqlite-fleet-store';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'electron/cli/vinlookup.ts');
const self: JobOwner = { pid: 1000, instance: 'self-instance' };
const now = new Date('2025-06-01T12:00:00.000Z');
const ago = (ms: number): string => new Date(now.getTime() - ms).toISOString();
const alive = (pids: number[]) => (pid: number) => pids.includes(pid);

describe('isJobOrphaned', () => {
  it('keeps jobs of this process and of other live processes with a fresh heartbeat', () => {
    expect(isJobOrphaned({ ownerPid: 1000, ownerInstance: 'self-instance', updatedAt: ago(10 * STALE_HEARTBEAT_MS) }, self, now, alive([]))).toBe(false);
    expect(isJobOrphaned({ ownerPid: 2000, ownerInstance: 'other', updatedAt: ago(5_000) }, self, now, alive([2000]))).toBe(false);
  });

  it('marks jobs whose owner is dead, unknown, a previous holder of our pid, or silent too long', () => {
    expect(isJobOrphaned({ ownerPid: 2000, ownerInstance: 'other', updatedAt: ago(1_000) }, self, now, alive([]))).toBe(true);
    expect(isJobOrphaned({ ownerPid: null, ownerInstance: null, updatedAt: ago(1_000) }, self, now, alive([2000]))).toBe(true);
    expect(isJobOrphaned({ ownerPid: 1000, ownerInstance: 'old-instance', updatedAt: ago(1_000) }, self, now, alive([1000]))).toBe(true);
    expect(isJobOrphaned({ ownerPid: 2000, ownerInstance: 'other', updatedAt: ago(STALE_HEARTBEAT_MS + 1) }, self, now, alive([2000]))).toBe(true);
    expect(isJobOrphaned({ ownerPid: 2000, ownerInstance: 'other', updatedAt: 'garbage' }, self, now, alive([2000]))).toBe(true);
  });

  it('markInterruptedJobs applies it to running and queued jobs only; the heartbeat keeps a job alive', () => {
    const dir = tempDir('job-owner-');
    const db = openTestDatabase(dir);
    try {
      const other: JobOwner = { pid: 2000, instance: 'other' };
      const dead: JobOwner = { pid: 3000, instance: 'dead' };
      const old = new Date(now.getTime() - 2 * STALE_HEARTBEAT_MS);
      const live = createJob(db, { filePath: '/a.csv', fileName: 'a.csv', options: {}, owner: other }, old).jobId;
      setJobState(db, live, 'running', old, null, other);
      const orphan = createJob(db, { filePath: '/b.csv', fileName: 'b.csv', options: {}, owner: dead }, now).jobId;
      const done = createJob(db, { filePath: '/c.csv', fileName: 'c.csv', options: {}, owner: dead }, now).jobId;
      setJobState(db, done, 'done', now);
      // The live owner's heartbeat refreshes its job, so it is not stale any more.
      expect(touchOwnedJobs(db, other, now)).toBe(1);
      expect(markInterruptedJobs(db, now, { self, isAlive: alive([2000]) })).toBe(1);
      expect(getJob(db, live)!.state).toBe('running');
      expect(getJob(db, orphan)!.state).toBe('interrupted');
      expect(getJob(db, done)!.state).toBe('done');
      // Once the live owner goes silent for too long, it is orphaned too.
      const later = new Date(now.getTime() + STALE_HEARTBEAT_MS + 1);
      expect(markInterruptedJobs(db, later, { self, isAlive: alive([2000]) })).toBe(1);
      expect(getJob(db, live)!.state).toBe('interrupted');
    } finally {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('job ownership across processes', () => {
  let sim: VpicSimulator;
  beforeAll(async () => {
    sim = await startVpicSimulator({ referenceYear: 2025, latencyMs: 150 });
  });
  afterAll(async () => {
    await sim.close();
  });

  function openContext(dataDir: string): ReturnType<typeof createAppContext> {
    return createAppContext({ dataDir, runtime: 'cli', version: 'test', logger: silentLogger(), vpicUrl: sim.url, emit: () => undefined });
  }

  function jobRow(dbFile: string): { id: string; state: string; rows_committed: number } | undefined {
    const db = new BetterSqlite3(dbFile, { readonly: true, fileMustExist: true });
    try {
      return db.prepare('SELECT id, state, rows_committed FROM import_jobs').get() as { id: string; state: string; rows_committed: number } | undefined;
    } finally {
      db.close();
    }
  }

  it('a second context leaves a live CLI import running; after the CLI is killed the next start interrupts it', async () => {
    const dataDir = tempDir('job-owner-e2e-');
    const file = path.join(dataDir, 'fleet.csv');
    await writeFleetCsv(file, { seed: 5, rows: 3000 });
    const dbFile = path.join(dataDir, 'fleet.sqlite');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CLI, '--data-dir', dataDir, '--vpic-url', sim.url, 'import', file, '--chunk-size', '50', '--json'],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'ignore'] },
    );
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    try {
      // Wait until the child has committed a chunk (it is mid-import and owns the job).
      for (;;) {
        const row = fs.existsSync(dbFile) ? (() => {
          try {
            return jobRow(dbFile);
          } catch {
            return undefined; // not migrated yet
          }
        })() : undefined;
        if (row && row.rows_committed > 0) break;
        expect(child.exitCode).toBeNull();
        await new Promise((r) => setTimeout(r, 20));
      }
      const second = await openContext(dataDir);
      const during = getJob(sqliteDatabaseOf(second.store), jobRow(dbFile)!.id)!;
      await second.close();
      expect(during.state).toBe('running');
      expect(jobRow(dbFile)!.state).toBe('running');

      child.kill('SIGKILL');
      await exited;
      expect(jobRow(dbFile)!.state).toBe('running'); // nobody has looked yet
      const third = await openContext(dataDir);
      const after = getJob(sqliteDatabaseOf(third.store), jobRow(dbFile)!.id)!;
      await third.close();
      expect(after.state).toBe('interrupted');
      expect(after.resumable).toBe(true);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);
});
