/**
 * Crash test: the CLI import runs in a child process that is SIGKILLed at seeded
 * random moments, at least 20 times. After every kill the database passes
 * `PRAGMA integrity_check`, and what is committed is consistent (vehicles = added, rejects =
 * invalid + failed, counted rows = cursor: a chunk is all in or all out). `vinlookup resume`
 * then continues, and the finished job has exactly the generator's counts with exactly the
 * expected VINs stored, once each.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFleetCsv } from '../../../testing/fleet-generator';
import { mulberry32 } from '../../../testing/prng';
import { startVpicSimulator, type VpicSimulator } from '../../../testing/vpic-simulator/vpic-simulator';
import { tempDir } from '../../../testing/import-test-support';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'electron/cli/vinlookup.ts');
const KILLS = 20;
const ROWS = 1500;
const CHUNK = 50;

let sim: VpicSimulator;
beforeAll(async () => {
  sim = await startVpicSimulator({ referenceYear: 2025, latencyMs: 20 });
});
afterAll(async () => {
  await sim.close();
});

interface JobRow {
  id: string;
  state: string;
  total: number;
  added: number;
  updated: number;
  duplicates: number;
  invalid: number;
  failed: number;
  rows_committed: number;
}

function runCli(dataDir: string, args: readonly string[]): { child: ChildProcess; exit: Promise<{ code: number | null; signal: string | null; stdout: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--data-dir', dataDir, '--vpic-url', sim.url, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.resume();
  const exit = new Promise<{ code: number | null; signal: string | null; stdout: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout })),
  );
  return { child, exit };
}

/** Resolves when the job's cursor has moved past `after` (or the child exited). */
function committedPast(dbFile: string, after: number, exited: Promise<unknown>): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    void exited.then(() => {
      done = true;
      resolve();
    });
    const poll = (): void => {
      if (done) return;
      if (fs.existsSync(dbFile)) {
        try {
          const db = new BetterSqlite3(dbFile, { readonly: true, fileMustExist: true });
          try {
            const row = db.prepare('SELECT MAX(rows_committed) AS c FROM import_jobs').get() as { c: number | null } | undefined;
            if ((row?.c ?? 0) > after) {
              done = true;
              resolve();
              return;
            }
          } finally {
            db.close();
          }
        } catch {
          // Not migrated yet, or busy: look again.
        }
      }
      setTimeout(poll, 15);
    };
    poll();
  });
}

function inspect(dbFile: string): { integrity: string; job: JobRow | undefined; vehicles: number; distinct: number; rejects: number } {
  const db = new BetterSqlite3(dbFile);
  try {
    const integrity = (db.pragma('integrity_check', { simple: true }) as string) ?? '';
    const hasJobs = db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'import_jobs'").get() as { n: number };
    const job = hasJobs.n ? (db.prepare('SELECT * FROM import_jobs ORDER BY created_at LIMIT 1').get() as JobRow | undefined) : undefined;
    const vehicles = hasJobs.n ? (db.prepare('SELECT COUNT(*) AS n FROM vehicles').get() as { n: number }).n : 0;
    const distinct = hasJobs.n ? (db.prepare('SELECT COUNT(DISTINCT vin) AS n FROM vehicles').get() as { n: number }).n : 0;
    const rejects = hasJobs.n ? (db.prepare('SELECT COUNT(*) AS n FROM import_rejects').get() as { n: number }).n : 0;
    return { integrity, job, vehicles, distinct, rejects };
  } finally {
    db.close();
  }
}

describe('import crash safety', () => {
  it(`survives ${KILLS} SIGKILLs at random moments and resumes to the exact counts`, async () => {
    const rng = mulberry32(20_250_601);
    let kills = 0;
    let round = 0;
    while (kills < KILLS) {
      round += 1;
      const dataDir = tempDir('import-crash-');
      const file = path.join(dataDir, 'fleet.csv');
      const expected = await writeFleetCsv(file, {
        seed: 100 + round,
        rows: ROWS,
        invalidRatio: 0.05,
        duplicateRatio: 0.08,
        checkDigitMismatchRatio: 0.02,
        extraColumns: true,
        crlf: round % 2 === 0,
      });
      const dbFile = path.join(dataDir, 'fleet.sqlite');
      let jobId: string | null = null;
      let final: { code: number | null; stdout: string } | null = null;

      while (final === null) {
        const args = jobId === null ? ['import', file, '--chunk-size', String(CHUNK), '--json'] : ['resume', jobId, '--chunk-size', String(CHUNK), '--json'];
        const before = fs.existsSync(dbFile) ? (inspect(dbFile).job?.rows_committed ?? 0) : 0;
        const { child, exit } = runCli(dataDir, args);
        // Most kills land after some progress (mid-import); some at a blind moment (start-up included).
        const blind = rng() < 0.25;
        if (blind) await Promise.race([exit, new Promise((r) => setTimeout(r, 300 + rng() * 1500))]);
        else await committedPast(dbFile, before, exit);
        if (!blind) await Promise.race([exit, new Promise((r) => setTimeout(r, rng() * 250))]);
        const killed = kills < KILLS && child.exitCode === null && child.kill('SIGKILL');
        const outcome = await exit;
        if (killed && outcome.signal === 'SIGKILL') {
          kills += 1;
        } else {
          expect(outcome.code).toBe(0);
          final = outcome;
        }

        if (!fs.existsSync(dbFile)) continue;
        const state = inspect(dbFile);
        expect(state.integrity).toBe('ok');
        if (state.job) {
          jobId = state.job.id;
          const j = state.job;
          // All of a chunk or none of it.
          expect(j.total).toBe(j.rows_committed);
          expect(j.total).toBe(j.added + j.updated + j.duplicates + j.invalid + j.failed);
          expect(state.vehicles).toBe(j.added);
          expect(state.distinct).toBe(state.vehicles);
          expect(state.rejects).toBe(j.invalid + j.failed);
        }
      }

      const answer = JSON.parse(final.stdout) as { total: number; added: number; updated: number; duplicates: number; invalid: number; failed: number; rejects: { row: number }[] };
      expect({ ...answer, rejects: undefined, jobId: undefined, state: undefined }).toMatchObject({
        total: ROWS,
        added: expected.validUnique.length,
        updated: 0,
        duplicates: expected.duplicates,
        invalid: expected.invalid.length,
        failed: 0,
      });
      expect(answer.rejects.map((r) => r.row)).toEqual(expected.invalid.map((r) => r.row));
      const db = new BetterSqlite3(dbFile, { readonly: true });
      const vins = (db.prepare('SELECT vin FROM vehicles ORDER BY vin').all() as { vin: string }[]).map((r) => r.vin);
      db.close();
      expect(vins).toEqual([...expected.validUnique].sort());
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    expect(kills).toBeGreaterThanOrEqual(KILLS);
  }, 120_000);
});
