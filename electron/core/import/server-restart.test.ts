/**
 * An import survives its team database restarting: a 3,000-row fleet file imported through the
 * app's own path (import service → worker thread → PostgreSQL store) on a PRIVATE server (so the
 * restart disturbs no other test file), the server shut down the way an administrator restarts
 * it (`pg_ctl stop -m fast`) once chunks are committed, started again while the import waits.
 *
 * Checked: while the server is down the service reports the job running and waiting for the
 * database; the job then goes on and ends `done` with the generator's exact counts, every VIN
 * stored once; and the store's LISTEN connection is back (another desk's change is heard).
 */
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportJobSummary, ImportProgress, ImportReject, ImportReportPage, ImportStartAnswer } from '../../../shared/import/import-contract';
import type { EventChannel, EventContract } from '../../../shared/ipc/contract';
import { generateFleetCsv } from '../../../testing/fleet-generator';
import { dispatchOrThrow, grantIdFor, tempDir } from '../../../testing/import-test-support';
import { findPostgresBinaries, startPostgresServer, type PostgresServer } from '../../../testing/postgres-server';
import { createTestDatabase, type TestDatabase } from '../../../testing/postgres-test-database';
import { startVpicSimulator, type VpicSimulator } from '../../../testing/vpic-simulator/vpic-simulator';
import { createAppContext, type AppContext } from '../app/app-context';
import { silentLogger } from '../logging/logger';
import type { FleetStore, StoreChange } from '../storage/fleet-store';
import { openFleetStore } from '../storage/open-fleet-store';

const ROWS = 3000;
const CHUNK = 100;
/** vPIC's answers while the server is being stopped: slow enough that the import cannot finish first. */
const SLOW_VPIC_MS = 400;

const binaries = findPostgresBinaries();
if (binaries === null) console.warn('server-restart test skipped: PostgreSQL is not installed (no initdb/pg_ctl under /usr/lib/postgresql/*/bin)');

/** A promise and its resolver, for waiting on an event. */
function signal<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe.skipIf(binaries === null)('an import while its PostgreSQL server restarts', () => {
  let server: PostgresServer;
  let database: TestDatabase;
  let sim: VpicSimulator;
  let dir: string;
  let ctx: AppContext;
  const progress: ImportProgress[] = [];
  const chunksCommitted = signal<void>();
  const waiting = signal<ImportProgress>();
  const finished = signal<ImportJobSummary>();

  beforeAll(async () => {
    server = await startPostgresServer(binaries!);
    database = await createTestDatabase(server.baseUrl);
    sim = await startVpicSimulator({ referenceYear: 2025, latencyMs: 5 });
    dir = tempDir('import-server-restart-');
    ctx = await createAppContext({
      dataDir: dir,
      runtime: 'cli',
      version: 'test',
      logger: silentLogger(),
      vpicUrl: sim.url,
      vpicOptions: { concurrency: 4, ratePerSecond: 1000, timeoutMs: 5000 },
      storage: { kind: 'postgres', url: database.url },
      importChunkSize: CHUNK,
      // Every progress event is kept (the waiting state must not be throttled away).
      emit: <E extends EventChannel>(channel: E, payload: EventContract[E]) => {
        if (channel === 'import:progress') {
          const p = payload as ImportProgress;
          progress.push(p);
          if (p.counts.total >= 2 * CHUNK) chunksCommitted.resolve();
          if (p.waitingForStorage) waiting.resolve(p);
        }
        if (channel === 'import:finished') finished.resolve(payload as ImportJobSummary);
      },
    });
  }, 120_000);

  afterAll(async () => {
    await ctx?.close();
    await sim?.close();
    await database?.drop().catch(() => undefined);
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  async function allRejects(jobId: string): Promise<ImportReject[]> {
    const out: ImportReject[] = [];
    for (;;) {
      const page = await dispatchOrThrow<ImportReportPage>(ctx, 'import:report', { jobId, offset: out.length, limit: 500 });
      out.push(...page.rejects);
      if (page.rejects.length === 0 || out.length >= page.total) return out;
    }
  }

  it('waits while the server is down, goes on when it is back, and ends with exact counts, every VIN stored once', async () => {
    const { text, expected } = generateFleetCsv({ seed: 31, rows: ROWS, invalidRatio: 0.04, duplicateRatio: 0.06, extraColumns: true });
    const file = path.join(dir, 'fleet.csv');
    fs.writeFileSync(file, text);

    const { jobId } = await dispatchOrThrow<ImportStartAnswer>(ctx, 'import:start', { grantId: await grantIdFor(ctx, file) });
    await Promise.race([
      chunksCommitted.promise,
      finished.promise.then((s): never => {
        throw new Error(`the import ended ${s.state} before two chunks were committed: ${s.error?.message ?? 'no error'}`);
      }),
    ]);
    sim.setLatency(SLOW_VPIC_MS);
    await server.halt();
    const endedFirst = finished.promise.then((s): never => {
      throw new Error(`the import ended ${s.state} before it waited for the server: ${s.error?.message ?? 'no error'}`);
    });
    const waitingEvent = await Promise.race([waiting.promise, endedFirst]);
    const port = new URL(server.baseUrl).port;
    expect(waitingEvent).toMatchObject({ jobId, state: 'running' });
    expect(waitingEvent.waitingForStorage!.message).toContain(`127.0.0.1:${port}`);
    expect(waitingEvent.counts.total).toBeLessThan(ROWS);

    sim.setLatency(0);
    await server.resume();
    const summary = await finished.promise;

    expect(summary.jobId).toBe(jobId);
    expect(summary.state).toBe('done');
    expect(summary.counts).toEqual({
      total: ROWS,
      added: expected.validUnique.length,
      updated: 0,
      duplicates: expected.duplicates,
      invalid: expected.invalid.length,
      failed: 0,
    });
    expect(summary.rowsCommitted).toBe(ROWS);
    // The job went on after waiting: later events carry no wait.
    const lastWait = progress.findLastIndex((p) => p.waitingForStorage !== undefined);
    expect(progress.slice(lastWait + 1).some((p) => p.state === 'running' && p.counts.total > waitingEvent.counts.total)).toBe(true);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ vin: string }>('SELECT vin FROM vehicles');
      const vins = rows.map((r) => r.vin);
      expect(vins.length).toBe(expected.validUnique.length);
      expect(new Set(vins)).toEqual(new Set(expected.validUnique));
    } finally {
      await client.end();
    }
    const rejects = await allRejects(jobId);
    expect(rejects.map((r) => r.row)).toEqual(expected.invalid.map((r) => r.row));
  }, 120_000);

  it('hears another desk’s changes again: the LISTEN connection came back with the server', async () => {
    let other: FleetStore | null = null;
    try {
      other = await openFleetStore({ kind: 'postgres', url: database.url });
      const heard = signal<StoreChange>();
      const off = ctx.store.onRemoteChange((change) => heard.resolve(change));
      // The listening connection reconnects on its own schedule; a notice sent before it is back
      // is lost by design (NOTIFY has no memory), so the other desk says it again until heard.
      let change: StoreChange | null = null;
      while (change === null) {
        await other.announce({ reason: 'import', count: 7 });
        change = await Promise.race([heard.promise, delay(200).then(() => null)]);
      }
      off();
      expect(change).toEqual({ reason: 'import', count: 7 });
    } finally {
      await other?.close();
    }
  }, 60_000);
});
