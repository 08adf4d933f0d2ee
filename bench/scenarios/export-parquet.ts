/**
 * Bench: exporting a 100,000-vehicle cache to Parquet, against DuckDB as the reference.
 *
 * What is measured, in one run on one generated cache (inserted with `upsertManyDecoded` in
 * chunks; each vehicle carries a ~130-field vPIC record like the real one, ~3 KB of JSON):
 * - worker export time: `runExportInWorker` from call to answer, i.e. what the user waits for
 *   (worker start, SQLite reads in 1000-row keyset batches, parquetjs-lite encoding, SNAPPY,
 *   fsync, rename). Target ≤ 2 s.
 * - memory: the same export run in-process (`runExportJob`), sampling this process's RSS after
 *   every batch; growth = peak − RSS before the export. Target ≤ 150 MB. The worker's own peak
 *   heap (reported in its `done` message) is listed too.
 * - DuckDB reference: the same rows are loaded into an in-memory DuckDB table from our CSV export
 *   (`read_csv` with explicit column types, not timed), then only
 *   `COPY fleet TO '<file>' (FORMAT parquet)` is timed (DuckDB's default codec is SNAPPY, like
 *   ours), once with DuckDB's default threads and once with `threads = 1` (our writer is one
 *   thread). Ratios: our worker time / DuckDB's single-thread COPY time, and file size ratio.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { openDatabase } from '../../electron/core/db/open-database';
import { runExportJob } from '../../electron/core/export/export-job';
import { runExportInWorker } from '../../electron/core/export/export-service';
import { upsertManyDecoded, type UpsertItem } from '../../electron/core/vehicles/vehicle-repository';
import type { DecodedVehicle } from '../../shared/vehicle';
import { generateVins } from '../../testing/fleet-generator';
import { makeDecodedVehicle } from '../../testing/vehicle-fixtures';
import type { BenchRow } from '../bench-row';

export interface ExportBenchOptions {
  readonly vehicles?: number;
  readonly seed?: number;
}

const SCENARIO = 'export-parquet';
const TIME_TARGET_MS = 2000;
const MEMORY_TARGET_MB = 150;
const RATIO_TARGET = 5;
const INSERT_CHUNK = 5000;
const MB = 1024 * 1024;

const MAKES = ['PETERBILT', 'KENWORTH', 'VOLVO TRUCK', 'FREIGHTLINER', 'INTERNATIONAL', 'MACK', 'FORD', 'RAM'];
const BODIES = ['Truck-Tractor', 'Pickup', 'Incomplete - Chassis Cab', 'Van', 'Sport Utility Vehicle (SUV)'];

/** A vPIC-sized record: the typed fields plus ~120 more keys, most of them empty as in real answers. */
function bigRaw(vehicle: DecodedVehicle, i: number): Record<string, string | null> {
  const raw: Record<string, string | null> = { ...vehicle.raw };
  for (let k = 0; k < 120; k += 1) raw[`VpicField${k}`] = k % 4 === 0 ? `value ${k} for vehicle ${i % 997}` : null;
  return raw;
}

function generatedVehicle(vin: string, i: number): DecodedVehicle {
  const base = makeDecodedVehicle({
    vin,
    make: MAKES[i % MAKES.length]!,
    model: `Model ${i % 37}`,
    modelYear: i % 11 === 0 ? null : 1995 + (i % 30),
    bodyClass: BODIES[i % BODIES.length]!,
    plantCity: i % 5 === 0 ? null : `City ${i % 101}`,
    decodedAt: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString(),
  });
  return { ...base, raw: bigRaw(base, i) };
}

export function fillCache(databasePath: string, n: number, seed: number): void {
  const db = openDatabase(databasePath);
  try {
    const vins = generateVins(seed, n, { unique: true });
    const now = new Date('2025-06-01T00:00:00.000Z');
    for (let start = 0; start < n; start += INSERT_CHUNK) {
      const items: UpsertItem[] = [];
      for (let i = start; i < Math.min(n, start + INSERT_CHUNK); i += 1) {
        items.push({ vehicle: generatedVehicle(vins[i]!, i), attributes: { unit: `U-${i}`, depot: `Depot ${i % 12}` } });
      }
      upsertManyDecoded(db, items, now);
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

const CSV_TYPES = {
  id: 'BIGINT',
  model_year: 'INTEGER',
  engine_cylinders: 'INTEGER',
  displacement_l: 'DOUBLE',
  decoded_at: 'TIMESTAMP',
  created_at: 'TIMESTAMP',
  updated_at: 'TIMESTAMP',
};

async function duckDbReference(csvFile: string, dir: string): Promise<{ multiMs: number; singleMs: number; bytes: number; threads: number }> {
  const duck = await DuckDBInstance.create(':memory:');
  const con = await duck.connect();
  try {
    const types = Object.entries(CSV_TYPES)
      .map(([k, v]) => `'${k}': '${v}'`)
      .join(', ');
    await con.run(`CREATE TABLE fleet AS SELECT * FROM read_csv('${csvFile}', header = true, all_varchar = false, types = {${types}})`);
    const threads = Number((await con.runAndReadAll(`SELECT current_setting('threads') AS t`)).getRowObjectsJS()[0]!.t);
    const multiFile = path.join(dir, 'duckdb-multi.parquet');
    let started = performance.now();
    await con.run(`COPY fleet TO '${multiFile}' (FORMAT parquet)`);
    const multiMs = performance.now() - started;
    await con.run('SET threads = 1');
    const singleFile = path.join(dir, 'duckdb-single.parquet');
    started = performance.now();
    await con.run(`COPY fleet TO '${singleFile}' (FORMAT parquet)`);
    const singleMs = performance.now() - started;
    return { multiMs, singleMs, bytes: fs.statSync(singleFile).size, threads };
  } finally {
    con.closeSync();
    duck.closeSync();
  }
}

export async function runExportBench(options: ExportBenchOptions = {}): Promise<BenchRow[]> {
  const n = options.vehicles ?? 100_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-export-'));
  try {
    const databasePath = path.join(dir, 'fleet.sqlite');
    fillCache(databasePath, n, options.seed ?? 20_250_301);

    // 1. What the user waits for: the worker export.
    const workerFile = path.join(dir, 'worker.parquet');
    const started = performance.now();
    const worker = await runExportInWorker({ databasePath, target: workerFile, format: 'parquet' });
    const workerMs = performance.now() - started;
    if (worker.rows !== n) throw new Error(`worker exported ${worker.rows} of ${n} rows`);
    const ourBytes = fs.statSync(workerFile).size;

    // 2. Memory: the same export in this process, RSS sampled after every batch.
    globalThis.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const inProcessStarted = performance.now();
    await runExportJob(
      { databasePath, target: path.join(dir, 'in-process.parquet'), format: 'parquet' },
      { onProgress: () => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)) },
    );
    const inProcessMs = performance.now() - inProcessStarted;
    const growthMb = (rssPeak - rssBefore) / MB;

    // 3. DuckDB's writer on the same rows (fed from our CSV export).
    const csvFile = path.join(dir, 'fleet.csv');
    await runExportJob({ databasePath, target: csvFile, format: 'csv' });
    const duck = await duckDbReference(csvFile, dir);
    const timeRatio = workerMs / duck.singleMs;
    const sizeRatio = ourBytes / duck.bytes;

    return [
      { scenario: SCENARIO, metric: `worker export time (${n} vehicles)`, value: Math.round(workerMs), unit: 'ms', target: `≤ ${TIME_TARGET_MS}`, pass: workerMs <= TIME_TARGET_MS },
      { scenario: SCENARIO, metric: 'in-process export time', value: Math.round(inProcessMs), unit: 'ms' },
      { scenario: SCENARIO, metric: 'peak RSS growth (in-process export)', value: Math.round(growthMb), unit: 'MB', target: `≤ ${MEMORY_TARGET_MB}`, pass: growthMb <= MEMORY_TARGET_MB },
      { scenario: SCENARIO, metric: 'worker peak heap', value: Math.round(worker.peakHeapBytes / MB), unit: 'MB' },
      { scenario: SCENARIO, metric: 'our file size', value: Math.round(ourBytes / 1024), unit: 'KB' },
      { scenario: SCENARIO, metric: `DuckDB COPY TO time (${duck.threads} threads)`, value: Math.round(duck.multiMs), unit: 'ms' },
      { scenario: SCENARIO, metric: 'DuckDB COPY TO time (1 thread)', value: Math.round(duck.singleMs), unit: 'ms' },
      { scenario: SCENARIO, metric: 'DuckDB file size', value: Math.round(duck.bytes / 1024), unit: 'KB' },
      { scenario: SCENARIO, metric: 'time ratio ours / DuckDB (1 thread)', value: Number(timeRatio.toFixed(1)), unit: '×', target: `≤ ${RATIO_TARGET}`, pass: timeRatio <= RATIO_TARGET },
      { scenario: SCENARIO, metric: 'file size ratio ours / DuckDB', value: Number(sizeRatio.toFixed(2)), unit: '×' },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
