/**
 * Bench: removing 100,000 vehicles and undoing it, through the contract, while the main process's
 * event loop is watched.
 *
 * Both run in a worker thread, in short chunks (electron/core/storage/sqlite/vehicles/removal-worker.ts), with
 * the removed rows kept in a temporary SQLite table rather than in memory, so the window stays
 * responsive and memory stays flat. Measured: the event loop's delay (p99, max) during each operation, sampled
 * by Node's `monitorEventLoopDelay` as the main process would see it, and the growth of the
 * process's resident memory (peak during the operation minus before it; SQLite's page cache
 * counts, which is why RSS and not the JS heap). Targets: p99 < 50 ms, growth < 150 MB.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { RemoveAnswer } from '../../shared/vehicles/vehicles-contract';
import { sqliteDatabaseOf } from '../../electron/core/storage/sqlite/sqlite-fleet-store';
import { createAppContext } from '../../electron/core/app/app-context';
import { openDatabase } from '../../electron/core/storage/sqlite/db/open-database';
import { silentLogger } from '../../electron/core/logging/logger';
import { countVehicles } from '../../electron/core/storage/sqlite/vehicles/vehicle-repository';
import type { BenchRow } from '../bench-row';
import { fillCache } from './export-parquet';

const SCENARIO = 'remove-undo';
const P99_TARGET_MS = 50;
const GROWTH_TARGET_MB = 150;

export interface RemoveUndoBenchOptions {
  /** Vehicles removed and restored (default 100,000). */
  readonly vehicles?: number;
  readonly seed?: number;
}

interface Watched<T> {
  readonly value: T;
  readonly ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly growthMb: number;
}

/** Run `operation` with the event-loop delay histogram and an RSS sampler running. */
async function watch<T>(operation: () => Promise<T>): Promise<Watched<T>> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  histogram.enable();
  const started = performance.now();
  try {
    const value = await operation();
    const ms = performance.now() - started;
    peak = Math.max(peak, process.memoryUsage().rss);
    return {
      value,
      ms,
      p99Ms: histogram.percentile(99) / 1e6,
      maxMs: histogram.max / 1e6,
      growthMb: (peak - before) / (1024 * 1024),
    };
  } finally {
    histogram.disable();
    clearInterval(sampler);
  }
}

/**
 * `n` vehicles with realistic rows (~3.5 KB of vPIC record each): a thousand generated and
 * decoded ones, copied under fresh VINs by SQL so the bench spends its time on what it measures.
 */
function seedFleet(databasePath: string, n: number, seed: number): void {
  const template = Math.min(n, 1_000);
  fillCache(databasePath, template, seed);
  if (n === template) return;
  const db = openDatabase(databasePath);
  try {
    const columns = (db.prepare('PRAGMA table_info(vehicles)').all() as { name: string }[])
      .map((c) => c.name)
      .filter((c) => c !== 'id');
    const select = columns.map((c) => (c === 'vin' ? `printf('BENCH%012d', c.n) AS vin` : `t.${c}`)).join(', ');
    db.exec(`
      WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < ${n - template})
      INSERT INTO vehicles (${columns.join(', ')})
      SELECT ${select} FROM c JOIN vehicles t ON t.id = 1 + (c.n % ${template})`);
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

export async function runRemoveUndoBench(options: RemoveUndoBenchOptions = {}): Promise<BenchRow[]> {
  const n = options.vehicles ?? 100_000;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'fvl-bench-remove-'));
  try {
    const databasePath = path.join(dataDir, 'fleet.sqlite');
    seedFleet(databasePath, n, options.seed ?? 20_251_129);
    const ctx = await createAppContext({
      dataDir,
      runtime: 'cli',
      version: 'bench',
      logger: silentLogger(),
      emit: () => undefined,
      offline: true,
    });
    try {
      const ids = (sqliteDatabaseOf(ctx.store).prepare('SELECT id FROM vehicles ORDER BY id').pluck().all() as number[]).slice(0, n);
      if (ids.length !== n) throw new Error(`seeded ${ids.length} vehicles, expected ${n}`);
      const removal = await watch(async () => {
        const result = await ctx.dispatch('vehicles:remove', { ids });
        if (!result.ok) throw new Error(result.error.message);
        return result.value as RemoveAnswer;
      });
      if (removal.value.removed !== n || countVehicles(sqliteDatabaseOf(ctx.store)) !== 0) throw new Error(`removed ${removal.value.removed} of ${n}`);
      const undo = await watch(async () => {
        const result = await ctx.dispatch('vehicles:restore', { undoToken: removal.value.undoToken });
        if (!result.ok) throw new Error(result.error.message);
        return (result.value as { restored: number }).restored;
      });
      if (undo.value !== n || countVehicles(sqliteDatabaseOf(ctx.store)) !== n) throw new Error(`restored ${undo.value} of ${n}`);
      const label = n.toLocaleString('en-US');
      const rows = (what: string, w: Watched<unknown>): BenchRow[] => [
        { scenario: SCENARIO, metric: `${what} ${label}: main event-loop delay p99`, value: w.p99Ms, unit: 'ms', target: `< ${P99_TARGET_MS} ms`, pass: w.p99Ms < P99_TARGET_MS },
        { scenario: SCENARIO, metric: `${what} ${label}: main event-loop delay max`, value: w.maxMs, unit: 'ms' },
        { scenario: SCENARIO, metric: `${what} ${label}: memory growth (RSS)`, value: w.growthMb, unit: 'MB', target: `< ${GROWTH_TARGET_MB} MB`, pass: w.growthMb < GROWTH_TARGET_MB },
        { scenario: SCENARIO, metric: `${what} ${label}: duration`, value: w.ms / 1000, unit: 's' },
      ];
      return [...rows('remove', removal), ...rows('undo', undo)];
    } finally {
      await ctx.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
