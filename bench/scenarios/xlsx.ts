/**
 * Bench: 100,000 vehicles out to an Excel workbook and back in.
 *
 * - export: `runExportJob` (format xlsx, every spreadsheet column) from a cache filled like the
 *   Parquet bench's (vPIC-sized records, two fleet attributes per vehicle).
 * - import: `runImportJob` of that workbook into a fresh database; decoding is a stub that builds
 *   the record at once, so the figure is reading the sheet, mapping and storing, not vPIC.
 * Each runs in a fresh Node process (this file forked through tsx, XLSX_BENCH_CHILD set); memory
 * is that process's peak RSS (`process.resourceUsage().maxRSS`) over its RSS just before the
 * work. Target: < 200 MB growth each.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../electron/core/storage/sqlite/db/open-database';
import { runExportJob } from '../../electron/core/export/export-job';
import { createJob } from '../../electron/core/storage/sqlite/sqlite-import-job-store';
import { processOwner } from '../../electron/core/import/job-ownership';
import { runImportJob } from '../../electron/core/import/run-import-job';
import { makeDecodedVehicle } from '../../testing/vehicle-fixtures';
import type { BenchRow } from '../bench-row';
import { fillCache } from './export-parquet';
import { sqliteImportStores } from '../../electron/core/storage/sqlite/sqlite-import-stores';

const SCENARIO = 'xlsx';
const CHILD_ENV = 'XLSX_BENCH_CHILD';
const MEMORY_TARGET_MB = 200;
const MB = 1024 * 1024;

interface ChildReport {
  readonly rows: number;
  readonly ms: number;
  readonly growthBytes: number;
}

async function childMain(mode: string, databasePath: string, file: string): Promise<void> {
  globalThis.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  let rows: number;
  if (mode === 'export') {
    ({ rows } = await runExportJob({ storage: { kind: 'sqlite', path: databasePath }, target: file, format: 'xlsx' }));
  } else {
    const db = openDatabase(databasePath);
    try {
      const jobId = createJob(db, { filePath: file, fileName: path.basename(file), options: { vinColumn: 'VIN' }, owner: processOwner() }, new Date()).jobId;
      const job = await runImportJob(
        { stores: sqliteImportStores(db), now: () => new Date(), decode: async (vins) => ({ decoded: vins.map((vin) => makeDecodedVehicle({ vin })), failed: [] }) },
        jobId,
      );
      rows = job.counts.added;
    } finally {
      db.close();
    }
  }
  const report: ChildReport = { rows, ms: performance.now() - started, growthBytes: process.resourceUsage().maxRSS * 1024 - rssBefore };
  process.send?.(report);
}

function inFreshProcess(mode: string, databasePath: string, file: string): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [mode, databasePath, file], {
      execArgv: ['--import', 'tsx', '--expose-gc'],
      env: { ...process.env, [CHILD_ENV]: '1' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let report: ChildReport | undefined;
    child.on('message', (message: unknown) => {
      report = message as ChildReport;
    });
    child.on('error', reject);
    child.on('exit', (code) => (report ? resolve(report) : reject(new Error(`the xlsx ${mode} child exited with code ${code} and no report`))));
  });
}

const round = (n: number): number => Math.round(n * 10) / 10;

export async function runXlsxBench(options: { vehicles?: number; seed?: number } = {}): Promise<BenchRow[]> {
  const n = options.vehicles ?? 100_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-xlsx-'));
  try {
    const databasePath = path.join(dir, 'fleet.sqlite');
    fillCache(databasePath, n, options.seed ?? 20_261_129);
    const workbook = path.join(dir, 'fleet.xlsx');
    const out = await inFreshProcess('export', databasePath, workbook);
    if (out.rows !== n) throw new Error(`exported ${out.rows} of ${n} rows`);
    const importDb = path.join(dir, 'import.sqlite');
    openDatabase(importDb).close();
    const back = await inFreshProcess('import', importDb, workbook);
    if (back.rows !== n) throw new Error(`imported ${back.rows} of ${n} rows`);
    const label = `${Math.round(n / 1000)}k vehicles`;
    return [
      { scenario: SCENARIO, metric: `export to .xlsx, time (${label}, ${round(fs.statSync(workbook).size / MB)} MB file)`, value: round(out.ms / 1000), unit: 's' },
      { scenario: SCENARIO, metric: `export to .xlsx, RSS growth (${label})`, value: round(out.growthBytes / MB), unit: 'MB', target: `< ${MEMORY_TARGET_MB}`, pass: out.growthBytes / MB < MEMORY_TARGET_MB },
      { scenario: SCENARIO, metric: `import from .xlsx, time (${label}, stub decode)`, value: round(back.ms / 1000), unit: 's' },
      { scenario: SCENARIO, metric: `import from .xlsx, RSS growth (${label})`, value: round(back.growthBytes / MB), unit: 'MB', target: `< ${MEMORY_TARGET_MB}`, pass: back.growthBytes / MB < MEMORY_TARGET_MB },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.env[CHILD_ENV] === '1' && path.resolve(process.argv[1] ?? '') === __filename) {
  const [mode, databasePath, file] = process.argv.slice(2);
  childMain(mode!, databasePath!, file!).then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`xlsx bench child: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
