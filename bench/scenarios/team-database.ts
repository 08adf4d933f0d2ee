/**
 * Bench: the team database (PostgreSQL) beside the embedded one (SQLite), in one run.
 *
 * 1. Import: one 100,000-row fleet CSV (5 % invalid, 5 % repeated rows, the fleet columns) through
 *    the import path the CLI runs — the import service, its queue and the in-process runner
 *    (`run-import-job`, chunks committed by `importJobs.commitChunk`) — into a SQLite file and into
 *    a PostgreSQL database, the same file against the same vPIC simulator (in a process of its
 *    own, see bench/simulator-process.ts). The simulator answers at once and the client's
 *    politeness is lifted (NHTSA's 5 requests/s would make both sides wait 400 s and hide the
 *    stores): what is measured is reading, deciding and committing chunks. One round per store
 *    (100k rows already average over 200 chunks).
 *    Target: PostgreSQL ≥ 500 rows/s, the offline decoder's own target (import scenario), so the
 *    team server is never the slowest part of an import.
 * 2. The fleet table's queries on those 100k vehicles (bench/fleet-table-queries.ts), each store
 *    several interleaved rounds, medians with their spread and the PG/SQLite ratio. Target: the
 *    PostgreSQL median under 100 ms per query: the table asks again on every keystroke, scroll and
 *    sort, 100 ms is where an answer stops feeling immediate, and a LAN round trip adds only a
 *    millisecond or two to the loopback measured here. SQLite's own targets are in the `search`
 *    and `fleet-table-ui` scenarios, so its rows here carry none.
 * 3. Two desks importing at once into one PostgreSQL database: two app cores (each its own queue
 *    and runner), two files sharing a fifth of their VINs. Both must finish with exact counts —
 *    every VIN stored once, each VIN counted `added` by exactly one desk, each file's rows all
 *    accounted for — else the row fails. Their total time is shown beside one desk importing one
 *    of the files alone on a fresh database, without a target: both desks run in this one process
 *    (one event loop parses, relays and prepares both desks' chunks), so the ratio shows the
 *    client's CPU as much as the server's contention; 2× is what taking turns would cost.
 *
 * Without PostgreSQL binaries the PostgreSQL rows say so (no target) and the SQLite rows still run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAppContext, type AppContext } from '../../electron/core/app/app-context';
import { silentLogger } from '../../electron/core/logging/logger';
import type { StorageLocation } from '../../electron/core/storage/storage-location';
import type { ImportCounts } from '../../shared/import/import-contract';
import { writeFleetCsv, type FleetCsvExpected } from '../../testing/fleet-generator';
import type { BenchRow } from '../bench-row';
import { startBenchPostgres, type BenchPostgres } from '../bench-postgres';
import { fleetTableQueries, timeFleetTableQueries } from '../fleet-table-queries';
import { spreadText } from '../round-spread';
import { startSimulatorProcess } from '../simulator-process';

const SCENARIO = 'team-database';
const PG_IMPORT_ROWS_PER_SECOND = 500;
const PG_QUERY_MEDIAN_MS = 100;

export interface TeamDatabaseBenchOptions {
  /** Rows of the import file and vehicles the queries run on (default 100,000). */
  readonly rows?: number;
  /** Rows of each of the two concurrently imported files (default 10,000). */
  readonly concurrentRows?: number;
  /** Interleaved rounds per query and store (default 5). */
  readonly rounds?: number;
  readonly seed?: number;
}

type Row = Omit<BenchRow, 'scenario'>;
const row = (r: Row): BenchRow => ({ scenario: SCENARIO, ...r });
const seconds = (ms: number): number => Number((ms / 1000).toFixed(1));

/** One desk's core on `storage`, decoding against the simulator with the politeness lifted (see above). */
function openDesk(dataDir: string, storage: StorageLocation, vpicUrl: string): Promise<AppContext> {
  fs.mkdirSync(dataDir, { recursive: true });
  return createAppContext({
    dataDir,
    storage,
    runtime: 'cli',
    version: 'bench',
    logger: silentLogger(),
    emit: () => undefined,
    vpicUrl,
    vpicOptions: { concurrency: 4, ratePerSecond: 10_000 },
    // The CLI's runner. The app's worker thread cannot open the PostgreSQL store when started from
    // TypeScript sources (its dynamic import of the store bypasses the tsx hook the worker registers),
    // so both stores run the same in-process path rather than comparing a worker with nothing.
    importsInProcess: true,
  });
}

/** Import `file` through the service (in this process, as the CLI does) and wait; throws unless it ended `done`. */
async function importFile(desk: AppContext, file: string): Promise<{ ms: number; counts: ImportCounts }> {
  const started = performance.now();
  const { jobId } = await desk.services.imports.start({ path: file });
  await desk.services.imports.whenIdle();
  const ms = performance.now() - started;
  const job = (await desk.services.imports.jobs()).find((j) => j.jobId === jobId);
  if (!job || job.state !== 'done') throw new Error(`import ended ${job?.state ?? 'missing'}: ${job?.error?.message ?? ''}`);
  return { ms, counts: job.counts };
}

/** What a file's import must report into a store that holds none of its VINs yet. */
function countsProblem(counts: ImportCounts, expected: FleetCsvExpected): string | null {
  const want = { total: expected.total, added: expected.validUnique.length, duplicates: expected.duplicates, invalid: expected.invalid.length, failed: 0 };
  const wrong = Object.entries(want).filter(([key, value]) => counts[key as keyof typeof want] !== value);
  return wrong.length === 0 ? null : wrong.map(([key, value]) => `${key} ${counts[key as keyof typeof want]} ≠ ${value}`).join(', ');
}

interface Fixture {
  readonly dir: string;
  readonly vpicUrl: string;
  readonly file: string;
  readonly expected: FleetCsvExpected;
}

/** Part 1 and 2: the import on each store, then the table's queries on what was imported. */
async function importAndQuery(fx: Fixture, pg: BenchPostgres | null, rounds: number): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const n = fx.expected.total;
  const desks: { name: string; desk: AppContext; ms: number }[] = [];
  const locations: { name: string; storage: () => Promise<StorageLocation> }[] = [
    { name: 'SQLite', storage: () => Promise.resolve({ kind: 'sqlite', path: path.join(fx.dir, 'fleet.sqlite') }) },
  ];
  if (pg) locations.push({ name: 'PostgreSQL', storage: async () => ({ kind: 'postgres', url: await pg.createDatabase('fleet_import') }) });
  try {
    for (const { name, storage } of locations) {
      const desk = await openDesk(path.join(fx.dir, `desk-${name.toLowerCase()}`), await storage(), fx.vpicUrl);
      desks.push({ name, desk, ms: Number.NaN });
      const { ms, counts } = await importFile(desk, fx.file);
      const problem = countsProblem(counts, fx.expected);
      if (problem) throw new Error(`${name} import counts wrong: ${problem}`);
      desks[desks.length - 1]!.ms = ms;
      const perSecond = n / (ms / 1000);
      rows.push(
        row({ metric: `${name}: import ${n.toLocaleString('en-US')} rows (service, in-process), one round`, value: seconds(ms), unit: 's' }),
        row({
          metric: `${name}: import rows/s`,
          value: Math.round(perSecond),
          unit: 'rows/s',
          ...(name === 'PostgreSQL' ? { target: `≥ ${PG_IMPORT_ROWS_PER_SECOND}`, pass: perSecond >= PG_IMPORT_ROWS_PER_SECOND } : {}),
        }),
      );
    }
    if (desks.length === 2) {
      rows.push(row({ metric: 'import time PostgreSQL / SQLite', value: Number((desks[1]!.ms / desks[0]!.ms).toFixed(2)), unit: '×' }));
    }

    const stores = desks.map((d) => d.desk.store);
    const queries = fleetTableQueries(n, fx.expected.validUnique[Math.floor(fx.expected.validUnique.length / 2)]!);
    const times = await timeFleetTableQueries(stores, queries, rounds);
    for (const t of times) {
      if (t.totals.some((total) => total !== t.totals[0])) {
        rows.push(row({ metric: `${t.query}: stores disagree on the total (${t.totals.join(' vs ')})`, value: 0, unit: '', target: 'same total', pass: false }));
      }
      const [sqlite, postgres] = t.stores;
      rows.push(row({ metric: `SQLite ${t.query} (${t.totals[0]} match), median of ${rounds} (min–max ${spreadText(sqlite!)})`, value: round1(sqlite!.median), unit: 'ms' }));
      if (postgres) {
        rows.push(
          row({
            metric: `PostgreSQL ${t.query}, median of ${rounds} (min–max ${spreadText(postgres)})`,
            value: round1(postgres.median),
            unit: 'ms',
            target: `< ${PG_QUERY_MEDIAN_MS}`,
            pass: postgres.median < PG_QUERY_MEDIAN_MS,
          }),
          row({ metric: `  ${t.query}: PG median / SQLite median`, value: Number((postgres.median / sqlite!.median).toFixed(1)), unit: '×' }),
        );
      }
    }
    return rows;
  } finally {
    for (const { desk } of desks) await desk.close();
  }
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

/** One of two concurrent desks: its job must be done, with every row of its file accounted for. */
function deskProblem(desk: string, result: PromiseSettledResult<{ counts: ImportCounts }>, expected: FleetCsvExpected): string | null {
  if (result.status === 'rejected') return `desk ${desk}: ${result.reason instanceof Error ? result.reason.message : String(result.reason)}`;
  const c = result.value.counts;
  // A VIN the other desk stored first is `updated` here: together they are the file's distinct VINs.
  const exact = c.added + c.updated === expected.validUnique.length && c.duplicates === expected.duplicates && c.invalid === expected.invalid.length && c.failed === 0 && c.total === expected.total;
  return exact ? null : `desk ${desk}: ${JSON.stringify(c)}`;
}

/** Part 3: one desk alone, then two desks at once with overlapping files, on fresh databases. */
async function concurrentImporters(dir: string, vpicUrl: string, pg: BenchPostgres, rowsEach: number, seed: number): Promise<BenchRow[]> {
  const fileA = path.join(dir, 'desk-a.csv');
  const fileB = path.join(dir, 'desk-b.csv');
  const a = await writeFleetCsv(fileA, { seed: seed + 1, rows: rowsEach, invalidRatio: 0.05, duplicateRatio: 0.05, extraColumns: true });
  const shared = a.validUnique.slice(0, Math.round(a.validUnique.length / 5));
  const b = await writeFleetCsv(fileB, { seed: seed + 2, rows: rowsEach, invalidRatio: 0.05, duplicateRatio: 0.05, extraColumns: true, includeVins: shared });
  const union = new Set([...a.validUnique, ...b.validUnique]);

  const alone = await openDesk(path.join(dir, 'alone'), { kind: 'postgres', url: await pg.createDatabase('fleet_alone') }, vpicUrl);
  let aloneMs: number;
  try {
    aloneMs = (await importFile(alone, fileA)).ms;
  } finally {
    await alone.close();
  }

  const url = await pg.createDatabase('fleet_two_desks');
  const deskA = await openDesk(path.join(dir, 'two-a'), { kind: 'postgres', url }, vpicUrl);
  const deskB = await openDesk(path.join(dir, 'two-b'), { kind: 'postgres', url }, vpicUrl);
  try {
    const started = performance.now();
    // Settled, not raced: a desk whose import fails is a finding for the counts row, not a lost scenario.
    const [ra, rb] = await Promise.allSettled([importFile(deskA, fileA), importFile(deskB, fileB)]);
    const bothMs = performance.now() - started;
    const stored = await deskA.store.vehicles.count({});
    const added = (ra.status === 'fulfilled' ? ra.value.counts.added : 0) + (rb.status === 'fulfilled' ? rb.value.counts.added : 0);
    const problems = [
      stored !== union.size ? `${stored} vehicles stored, ${union.size} distinct VINs` : null,
      added !== union.size ? `added ${added} in all ≠ ${union.size}` : null,
      deskProblem('A', ra, a),
      deskProblem('B', rb, b),
    ].filter((p): p is string => p !== null);
    if (problems.length > 0) process.stderr.write(`team-database: two desks' counts wrong: ${problems.join('; ')}\n`);
    const ratio = bothMs / aloneMs;
    const each = rowsEach.toLocaleString('en-US');
    return [
      row({ metric: `PostgreSQL: one desk imports ${each} rows alone`, value: seconds(aloneMs), unit: 's' }),
      row({ metric: `PostgreSQL: two desks import ${each} rows each at once (${shared.length} VINs in both)`, value: seconds(bothMs), unit: 's' }),
      row({
        metric: `two desks: both done, ${union.size} vehicles stored once, counts exact${problems.length > 0 ? ` — NOT: ${problems.join('; ')}` : ''}`,
        value: problems.length === 0 ? 1 : 0,
        unit: 'yes=1',
        target: '= 1',
        pass: problems.length === 0,
      }),
      row({ metric: 'two desks at once / one desk alone (2 = taking turns; both desks share this process)', value: Number(ratio.toFixed(2)), unit: '×' }),
    ];
  } finally {
    await deskA.close();
    await deskB.close();
  }
}

export async function runTeamDatabaseBench(options: TeamDatabaseBenchOptions = {}): Promise<BenchRow[]> {
  const n = options.rows ?? 100_000;
  const seed = options.seed ?? 20_261_207;
  const rounds = options.rounds ?? 5;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fvl-bench-team-'));
  const rows: BenchRow[] = [];
  const simulator = await startSimulatorProcess(0);
  let pg: BenchPostgres | null = null;
  try {
    const started = await startBenchPostgres();
    if ('server' in started) pg = started.server;
    else rows.push(row({ metric: `PostgreSQL rows skipped: ${started.unavailable}`, value: 0, unit: '' }));
    const file = path.join(dir, 'fleet.csv');
    const expected = await writeFleetCsv(file, { seed, rows: n, invalidRatio: 0.05, duplicateRatio: 0.05, extraColumns: true });
    rows.push(...(await importAndQuery({ dir, vpicUrl: simulator.url, file, expected }, pg, rounds)));
    if (pg) rows.push(...(await concurrentImporters(dir, simulator.url, pg, options.concurrentRows ?? 10_000, seed)));
    return rows;
  } finally {
    await pg?.stop();
    await simulator.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
