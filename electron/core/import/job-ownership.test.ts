/**
 * Job ownership: a starting app or CLI marks a `running`/`queued` import `interrupted` only
 * when the process that owns it is gone (or silent), never merely because it is another process.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeFleetCsv } from '../../../testing/fleet-generator';
import { startVpicSimulator, type VpicSimulator } from '../../../testing/vpic-simulator/vpic-simulator';
import { createAppContext } from '../app/app-context';
import { silentLogger } from '../logging/logger';
import { createJob, getJob, setJobState } from '../storage/sqlite/sqlite-import-job-store';
import { sqliteImportStores } from '../storage/sqlite/sqlite-import-stores';
import { isJobOrphaned, STALE_HEARTBEAT_MS, HEARTBEAT_INTERVAL_MS, startHeartbeat, type JobOwner, type JobOwnership } from './job-ownership';
import { openTestDatabase, tempDir } from '../../../testing/import-test-support';
import { sqliteDatabaseOf } from '../storage/sqlite/sqlite-fleet-store';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'electron/cli/vinlookup.ts');
const self: JobOwner = { pid: 1000, instance: 'self-instance', host: 'desk-1' };
const now = new Date('2025-06-01T12:00:00.000Z');
const ago = (ms: number): string => new Date(now.getTime() - ms).toISOString();
const alive = (pids: number[]) => (pid: number) => pids.includes(pid);
const orphaned = (job: JobOwnership, pids: number[] = []): boolean => isJobOrphaned(job, { self, now, isAlive: alive(pids) });

describe('isJobOrphaned', () => {
  it('keeps jobs of this instance, and of other live owners with a fresh heartbeat', () => {
    expect(orphaned({ ownerPid: 1000, ownerInstance: 'self-instance', ownerHost: 'desk-1', updatedAt: ago(10 * STALE_HEARTBEAT_MS) })).toBe(false);
    expect(orphaned({ ownerPid: 2000, ownerInstance: 'other', ownerHost: 'desk-1', updatedAt: ago(5_000) }, [2000])).toBe(false);
  });

  it('marks jobs whose owner on this host is dead, unknown, a previous holder of our pid, or silent too long', () => {
    expect(orphaned({ ownerPid: 2000, ownerInstance: 'other', ownerHost: 'desk-1', updatedAt: ago(1_000) })).toBe(true);
    expect(orphaned({ ownerPid: null, ownerInstance: null, updatedAt: ago(1_000) }, [2000])).toBe(true);
    expect(orphaned({ ownerPid: 1000, ownerInstance: 'old-instance', ownerHost: 'desk-1', updatedAt: ago(1_000) }, [1000])).toBe(true);
    expect(orphaned({ ownerPid: 2000, ownerInstance: 'other', ownerHost: 'desk-1', updatedAt: ago(STALE_HEARTBEAT_MS + 1) }, [2000])).toBe(true);
    expect(orphaned({ ownerPid: 2000, ownerInstance: 'other', ownerHost: 'desk-1', updatedAt: 'garbage' }, [2000])).toBe(true);
  });

  it('never probes the pid of another host: only its heartbeat counts there', () => {
    // Pid 2000 is dead here, and pid 1000 is ours: neither says anything about desk-2's processes.
    expect(orphaned({ ownerPid: 2000, ownerInstance: 'teammate', ownerHost: 'desk-2', updatedAt: ago(STALE_HEARTBEAT_MS - 1) })).toBe(false);
    expect(orphaned({ ownerPid: 1000, ownerInstance: 'teammate', ownerHost: 'desk-2', updatedAt: ago(1_000) }, [1000])).toBe(false);
    expect(orphaned({ ownerPid: 2000, ownerInstance: 'teammate', ownerHost: 'desk-2', updatedAt: ago(STALE_HEARTBEAT_MS + 1) }, [2000])).toBe(true);
  });

  it('takes a job recorded before hosts were for one of this host', () => {
    expect(orphaned({ ownerPid: 2000, ownerInstance: 'other', ownerHost: null, updatedAt: ago(1_000) })).toBe(true);
    expect(orphaned({ ownerPid: 2000, ownerInstance: 'other', updatedAt: ago(1_000) }, [2000])).toBe(false);
  });

  it('gives a team several heartbeats of slack before a silent owner counts as gone', () => {
    expect(STALE_HEARTBEAT_MS / HEARTBEAT_INTERVAL_MS).toBeGreaterThanOrEqual(5);
    expect(STALE_HEARTBEAT_MS).toBeLessThanOrEqual(60_000);
  });
});

describe('startHeartbeat', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('beats on its interval, reports a failed beat and goes on, and stops when told', async () => {
    vi.useFakeTimers();
    const errors: unknown[] = [];
    let beats = 0;
    const stop = startHeartbeat(
      async () => {
        beats += 1;
        if (beats === 1) throw new Error('store busy');
      },
      (error) => errors.push(error),
      HEARTBEAT_INTERVAL_MS,
    );
    await vi.advanceTimersByTimeAsync(3 * HEARTBEAT_INTERVAL_MS);
    expect(beats).toBe(3);
    expect(errors).toEqual([new Error('store busy')]);
    stop();
    await vi.advanceTimersByTimeAsync(10 * HEARTBEAT_INTERVAL_MS);
    expect(beats).toBe(3);
  });
});

describe('the store applies it', () => {
  it('marks running and queued jobs of gone owners only; the heartbeat keeps a job alive', async () => {
    const dir = tempDir('job-owner-');
    const db = openTestDatabase(dir);
    try {
      const jobs = sqliteImportStores(db).importJobs;
      const other: JobOwner = { pid: 2000, instance: 'other', host: 'desk-1' };
      const dead: JobOwner = { pid: 3000, instance: 'dead', host: 'desk-1' };
      const teammate: JobOwner = { pid: 3000, instance: 'teammate', host: 'desk-2' };
      const old = new Date(now.getTime() - 2 * STALE_HEARTBEAT_MS);
      const live = createJob(db, { filePath: '/a.csv', fileName: 'a.csv', options: {}, owner: other }, old).jobId;
      setJobState(db, live, 'running', old, null, other);
      const orphan = createJob(db, { filePath: '/b.csv', fileName: 'b.csv', options: {}, owner: dead }, now).jobId;
      const remote = createJob(db, { filePath: '/d.csv', fileName: 'd.csv', options: {}, owner: teammate }, now).jobId;
      const done = createJob(db, { filePath: '/c.csv', fileName: 'c.csv', options: {}, owner: dead }, now).jobId;
      setJobState(db, done, 'done', now);
      // The live owner's heartbeat refreshes its job, so it is not stale any more.
      expect(await jobs.heartbeat(other, now)).toBe(1);
      const check = (at: Date) => (job: JobOwnership) => isJobOrphaned(job, { self, now: at, isAlive: alive([2000]) });
      expect(await jobs.markInterrupted(now, check(now))).toBe(1);
      expect(getJob(db, live)!.state).toBe('running');
      expect(getJob(db, orphan)!.state).toBe('interrupted');
      expect(getJob(db, remote)!.state).toBe('queued');
      expect(getJob(db, done)!.state).toBe('done');
      // Once the owners go silent for too long, their jobs are orphaned too, wherever they run.
      const later = new Date(now.getTime() + STALE_HEARTBEAT_MS + 1);
      expect(await jobs.markInterrupted(later, check(later))).toBe(2);
      expect(getJob(db, live)!.state).toBe('interrupted');
      expect(getJob(db, remote)!.state).toBe('interrupted');
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
