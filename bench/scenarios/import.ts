/**
 * Bench: fleet CSV import.
 *
 * 1. 10,000 rows (20 % already cached, 5 % invalid) imported through the app's import service
 *    (queue in main, worker thread, vPIC through main's one client with its DEFAULT politeness)
 *    against the simulator at 50 ms latency, in this process. Target: total time ≤ 1.3 × the ideal
 *    max(requests / concurrency × latency, requests / rate cap), requests = ceil(new VINs / 50);
 *    and the main thread's event-loop delay p99 < 50 ms while it runs.
 * 2. The same file offline (vPIC switched off): decoded VINs per second ≥ 500.
 * 3. A 1,000,000-row CSV read and validated (streamed, no storing): peak RSS growth < 200 MB.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { sqliteDatabaseOf } from '../../electron/core/storage/sqlite/sqlite-fleet-store';
import { createAppContext, type AppContext } from '../../electron/core/app/app-context';
import { scanImportFile } from '../../electron/core/import/scan-import-file';
import { silentLogger } from '../../electron/core/logging/logger';
import { VPIC_BATCH_LIMIT } from '../../electron/core/lookup/vpic-client';
import { idealBatchTimeMs } from '../ideal-time';
import { upsertManyDecoded } from '../../electron/core/storage/sqlite/vehicles/vehicle-repository';
import { writeFleetCsv } from '../../testing/fleet-generator';
import { makeDecodedVehicle } from '../../testing/vehicle-fixtures';
import { startVpicSimulator } from '../../testing/vpic-simulator/vpic-simulator';
import type { BenchRow } from '../bench-row';

const SCENARIO = 'import';

export interface ImportBenchOptions {
  readonly rows?: number;
  readonly cachedRatio?: number;
  readonly invalidRatio?: number;
  readonly latencyMs?: number;
  /** Rows of the parse-only file (default 1,000,000). */
  readonly bigRows?: number;
  readonly seed?: number;
}

async function openContext(dataDir: string, databasePath: string, vpicUrl: string | null): Promise<AppContext> {
  return createAppContext({
    dataDir,
    databasePath,
    runtime: 'cli',
    version: 'bench',
    logger: silentLogger(),
    emit: () => undefined,
    ...(vpicUrl ? { vpicUrl } : { offline: true }),
  });
}

/** Import `file` through the service and wait for it; returns elapsed ms and the final counts. */
async function importThroughService(ctx: AppContext, file: string): Promise<{ ms: number; added: number; updated: number; failed: number }> {
  const started = performance.now();
  const { jobId } = await ctx.services.imports.start({ path: file });
  await ctx.services.imports.whenIdle();
  const ms = performance.now() - started;
  const job = (await ctx.services.imports.jobs()).find((j) => j.jobId === jobId);
  if (!job || job.state !== 'done') throw new Error(`import ended ${job?.state ?? 'missing'}: ${job?.error?.message ?? ''}`);
  return { ms, added: job.counts.added, updated: job.counts.updated, failed: job.counts.failed };
}

function precache(ctx: AppContext, vins: readonly string[]): void {
  upsertManyDecoded(
    sqliteDatabaseOf(ctx.store),
    vins.map((vin) => ({ vehicle: makeDecodedVehicle({ vin }) })),
    new Date(),
  );
}

export async function runImportBench(options: ImportBenchOptions = {}): Promise<BenchRow[]> {
  const rowsWanted = options.rows ?? 10_000;
  const cachedRatio = options.cachedRatio ?? 0.2;
  const latencyMs = options.latencyMs ?? 50;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-import-'));
  const rows: BenchRow[] = [];
  const simulator = await startVpicSimulator({ latencyMs });
  try {
    const file = path.join(dir, 'fleet.csv');
    const expected = await writeFleetCsv(file, {
      seed: options.seed ?? 60_606,
      rows: rowsWanted,
      invalidRatio: options.invalidRatio ?? 0.05,
      extraColumns: true,
    });
    const cached = expected.validUnique.slice(0, Math.round(rowsWanted * cachedRatio));
    const newVins = expected.validUnique.length - cached.length;

    // 1. Online, through the worker, while watching main's event loop.
    const online = await openContext(dir, path.join(dir, 'online.sqlite'), simulator.url);
    try {
      precache(online, cached);
      const delay = monitorEventLoopDelay({ resolution: 10 });
      delay.enable();
      const result = await importThroughService(online, file);
      delay.disable();
      if (result.added !== newVins || result.updated !== cached.length) {
        throw new Error(`online import added ${result.added}/${newVins}, updated ${result.updated}/${cached.length}`);
      }
      const requests = Math.ceil(newVins / VPIC_BATCH_LIMIT);
      const idealMs = idealBatchTimeMs(requests, latencyMs);
      const ratio = result.ms / idealMs;
      const p99 = delay.percentile(99) / 1e6;
      rows.push(
        { scenario: SCENARIO, metric: `online ${rowsWanted} rows: total`, value: Math.round(result.ms), unit: 'ms' },
        { scenario: SCENARIO, metric: 'online: ideal (rate cap/concurrency/latency)', value: Math.round(idealMs), unit: 'ms' },
        { scenario: SCENARIO, metric: 'online: time / ideal', value: Number(ratio.toFixed(2)), unit: '×', target: '≤ 1.3', pass: ratio <= 1.3 },
        { scenario: SCENARIO, metric: 'online: vPIC requests sent', value: simulator.stats.requests, unit: 'requests' },
        { scenario: SCENARIO, metric: 'online: main event-loop delay p99', value: Number(p99.toFixed(1)), unit: 'ms', target: '< 50', pass: p99 < 50 },
      );
    } finally {
      await online.close();
    }

    // 2. Offline: the worker decodes with the snapshot (unpacked once beforehand, not timed).
    const offline = await openContext(dir, path.join(dir, 'offline.sqlite'), null);
    try {
      await offline.services.offlineDecoder();
      precache(offline, cached);
      const result = await importThroughService(offline, file);
      if (result.added !== newVins) throw new Error(`offline import added ${result.added}/${newVins} (${result.failed} failed)`);
      const perSecond = result.added / (result.ms / 1000);
      rows.push({
        scenario: SCENARIO,
        metric: `offline ${rowsWanted} rows: decoded VINs/s`,
        value: Math.round(perSecond),
        unit: 'VIN/s',
        target: '≥ 500',
        pass: perSecond >= 500,
      });
    } finally {
      await offline.close();
    }

    // 3. A million rows, read and validated as the import reads them.
    const bigRows = options.bigRows ?? 1_000_000;
    const big = path.join(dir, 'million.csv');
    await writeFleetCsv(big, { seed: 7, rows: bigRows, invalidRatio: 0.05, duplicateRatio: 0.05, extraColumns: true });
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const started = performance.now();
    let scanned: Awaited<ReturnType<typeof scanImportFile>>;
    try {
      scanned = await scanImportFile(big);
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    if (scanned.rows !== bigRows) throw new Error(`parsed ${scanned.rows}/${bigRows} rows`);
    const growthMb = (peak - baseline) / 1024 / 1024;
    rows.push(
      { scenario: SCENARIO, metric: `${bigRows} rows parsed + validated`, value: Math.round(performance.now() - started), unit: 'ms' },
      { scenario: SCENARIO, metric: `${bigRows} rows: peak RSS growth`, value: Number(growthMb.toFixed(1)), unit: 'MB', target: '< 200', pass: growthMb < 200 },
    );
    return rows;
  } finally {
    await simulator.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
