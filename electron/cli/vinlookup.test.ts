/**
 * The built `vinlookup` CLI, run as a child process the way administrators and scripts run it,
 * against the vPIC simulator and a fresh cache and data folder.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeFleetCsv } from '../../testing/fleet-generator';
import { startVpicSimulator, type VpicSimulator } from '../../testing/vpic-simulator/vpic-simulator';
import { createAppContext } from '../core/app/app-context';
import { silentLogger } from '../core/logging/logger';
import BetterSqlite3 from 'better-sqlite3';
import { StorageError } from '../core/storage/storage-error';
import { EXIT_DATABASE_BUSY, EXIT_DISK_FULL, EXIT_INVALID_INPUT, EXIT_OK, EXIT_SERVER_UNAVAILABLE, EXIT_UNEXPECTED, commandFailure } from './output';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'out/cli/vinlookup.js');

/** The original brief's VINs and what NHTSA answers for them. */
const BRIEF = [
  { vin: '1XPWD40X1ED215307', make: 'PETERBILT', model: '388', modelYear: 2014 },
  { vin: '1XKWDB0X57J211825', make: 'KENWORTH', model: 'W9 Series', modelYear: 2007 },
  { vin: '1XP5DB9X7YN526158', make: 'PETERBILT', model: '379', modelYear: 2000 },
  { vin: '4V4NC9EJXEN171694', make: 'VOLVO TRUCK', model: 'VNL', modelYear: 2014 },
  { vin: '1XP5DB9X7XD487964', make: 'PETERBILT', model: '379', modelYear: 1999 },
] as const;
const BRIEF_VINS = BRIEF.map((b) => b.vin);

interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI asynchronously: the simulator answers from this process's event loop. */
function runCli(args: readonly string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

interface LookupDoc {
  results: { vin: string; make: string; model: string; modelYear: number; bodyClass: string; cached: boolean; source: string; errorCode: string }[];
  errors: { input: string; code: string; message: string }[];
}

function parse<T>(run: CliRun): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${run.code}): ${run.stdout}\nstderr: ${run.stderr}`);
  }
}

let simulator: VpicSimulator;
let tmp: string;
/** Shared so the offline snapshot is unpacked once for the whole file. */
let dataDir: string;
let dbCount = 0;
let db: string;

/** Global options for a run: a fresh-per-test cache, the shared data folder, the simulator. */
function globals(extra: readonly string[] = []): string[] {
  return ['--db', db, '--data-dir', dataDir, '--vpic-url', simulator.url, '--vpic-retries', '0', ...extra];
}

beforeAll(async () => {
  // Always build: a stale bundle would test yesterday's CLI.
  await promisify(execFile)(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.cli.config.ts', '--logLevel', 'error'], {
    cwd: ROOT,
  });
  simulator = await startVpicSimulator();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vinlookup-test-'));
  dataDir = path.join(tmp, 'data');
}, 60_000);

afterAll(async () => {
  await simulator?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

beforeEach(() => {
  db = path.join(tmp, `fleet-${++dbCount}.sqlite`);
  simulator.setDown(false);
  simulator.resetStats();
});

describe('vinlookup (built CLI)', () => {
  it('is an executable with a node shebang', () => {
    expect(fs.readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(fs.statSync(CLI).mode & 0o111).not.toBe(0);
  });

  it('decodes the brief VINs in one vPIC batch, then answers them from the cache', async () => {
    const first = await runCli([...globals(['--json']), 'lookup', ...BRIEF_VINS]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(EXIT_OK);
    const doc = parse<LookupDoc>(first);
    expect(doc.errors).toEqual([]);
    expect(doc.results.map((r) => ({ vin: r.vin, make: r.make, model: r.model, modelYear: r.modelYear }))).toEqual(BRIEF);
    for (const r of doc.results) {
      expect(r).toMatchObject({ bodyClass: 'Truck-Tractor', cached: false, source: 'vpic' });
      expect(r.errorCode).toMatch(/^\d+(,\d+)*$/);
    }
    expect(simulator.stats).toMatchObject({ requests: 1, batchRequests: 1, getRequests: 0, vinsRequested: 5 });
    // Scripts read these names; the order (the brief's four first) is what people see in the document.
    expect(Object.keys(doc.results[0]!)).toEqual([
      'vin', 'make', 'model', 'modelYear', 'bodyClass', 'cached', 'source', 'errorCode', 'errorText', 'id', 'manufacturer',
      'series', 'trim', 'vehicleType', 'gvwr', 'driveType', 'fuelType', 'engineModel', 'engineCylinders', 'displacementL',
      'plantCountry', 'plantCity', 'decodedAt', 'snapshotVersion', 'warnings',
    ]);

    const second = await runCli([...globals(['--json']), 'lookup', ...BRIEF_VINS]);
    expect(second.code).toBe(EXIT_OK);
    const again = parse<LookupDoc>(second);
    expect(again.results.map((r) => r.vin)).toEqual(BRIEF_VINS);
    expect(again.results.every((r) => r.cached && r.source === 'vpic')).toBe(true);
    expect(simulator.stats.requests).toBe(1);

    // --refresh asks vPIC again even though every VIN is cached.
    const refreshed = parse<LookupDoc>(await runCli([...globals(['--json']), 'lookup', '--refresh', ...BRIEF_VINS]));
    expect(refreshed.results.every((r) => !r.cached)).toBe(true);
    expect(simulator.stats.batchRequests).toBe(2);
  });

  it('looks up a single VIN with one GET', async () => {
    const run = await runCli([...globals(['--json']), 'lookup', '1xpwd40x-1ed215307']);
    expect(run.code).toBe(EXIT_OK);
    expect(parse<LookupDoc>(run).results).toMatchObject([{ vin: '1XPWD40X1ED215307', make: 'PETERBILT', cached: false }]);
    expect(simulator.stats).toMatchObject({ requests: 1, getRequests: 1 });
  });

  it('removes by VIN: true the first time, false the second', async () => {
    const table = await runCli([...globals(), 'lookup', BRIEF_VINS[0], BRIEF_VINS[1]]);
    expect(table.stdout.split('\n')[0]!.split(/\s{2,}/)).toEqual(['VIN', 'Make', 'Model', 'Year', 'Body class', 'Source', 'Cached', 'Errors']);
    const listed = await runCli([...globals(), 'list']);
    expect(listed.stdout.split('\n')[0]!.split(/\s{2,}/)).toEqual(['VIN', 'Make', 'Model', 'Year', 'Body class', 'Unit number', 'Plate', 'Department', 'Source', 'Decoded']);
    const first = await runCli([...globals(['--json']), 'remove', BRIEF_VINS[0]]);
    expect(first.code).toBe(EXIT_OK);
    expect(parse<{ results: unknown }>(first).results).toEqual([{ vin: BRIEF_VINS[0], removed: true }]);
    const second = await runCli([...globals(['--json']), 'remove', BRIEF_VINS[0].toLowerCase()]);
    expect(second.code).toBe(EXIT_OK);
    expect(parse<{ results: unknown }>(second).results).toEqual([{ vin: BRIEF_VINS[0], removed: false }]);
    const list = parse<{ total: number; results: { vin: string }[] }>(await runCli([...globals(['--json']), 'list']));
    expect(list.results.map((r) => r.vin)).toEqual([BRIEF_VINS[1]]);
    expect(list.total).toBe(1);
  });

  it('lists invalid inputs as errors with exit 2 and never sends them to vPIC', async () => {
    const bad = ['', '1XPWD40X1ED21530', '1XPWD40X1ED2153070', '1XPWD40I1ED215307', '1XPWD40O1ED215307', '1XPWD40Q1ED215307'];
    const run = await runCli([...globals(['--json']), 'lookup', ...bad]);
    expect(run.code).toBe(EXIT_INVALID_INPUT);
    const doc = parse<LookupDoc>(run);
    expect(doc.results).toEqual([]);
    expect(doc.errors.map((e) => e.input)).toEqual(bad);
    expect(doc.errors.every((e) => e.code === 'INVALID_INPUT' && e.message.length > 0)).toBe(true);
    expect(simulator.stats.requests).toBe(0);

    // Mixed: the valid VIN is decoded, the invalid one reported, the exit code still says 2.
    const mixed = await runCli([...globals(['--json']), 'lookup', BRIEF_VINS[2], 'NOT-A-VIN']);
    expect(mixed.code).toBe(EXIT_INVALID_INPUT);
    const mixedDoc = parse<LookupDoc>(mixed);
    expect(mixedDoc.results.map((r) => r.vin)).toEqual([BRIEF_VINS[2]]);
    expect(mixedDoc.errors.map((e) => e.input)).toEqual(['NOT-A-VIN']);
    expect(simulator.stats.vinsRequested).toBe(1);

    const remove = await runCli([...globals(['--json']), 'remove', 'ABC']);
    expect(remove.code).toBe(EXIT_INVALID_INPUT);
    expect(parse<{ errors: { input: string }[] }>(remove).errors.map((e) => e.input)).toEqual(['ABC']);
  });

  it('decodes offline with --offline without asking vPIC', async () => {
    const run = await runCli([...globals(['--json', '--offline']), 'lookup', ...BRIEF_VINS]);
    expect(run.code).toBe(EXIT_OK);
    const doc = parse<LookupDoc>(run);
    expect(doc.results.map((r) => ({ vin: r.vin, make: r.make, model: r.model, modelYear: r.modelYear }))).toEqual(BRIEF);
    expect(doc.results.every((r) => r.source === 'offline' && !r.cached && r.bodyClass === 'Truck-Tractor')).toBe(true);
    expect(simulator.stats.requests).toBe(0);
  });

  it('answers offline when vPIC is down', async () => {
    simulator.setDown(true);
    const run = await runCli([...globals(['--json']), 'lookup', ...BRIEF_VINS]);
    expect(run.code).toBe(EXIT_OK);
    const doc = parse<LookupDoc>(run);
    expect(doc.results.map((r) => r.vin)).toEqual(BRIEF_VINS);
    expect(doc.results.every((r) => r.source === 'offline')).toBe(true);
    expect(simulator.stats.refusedConnections).toBeGreaterThan(0);
  });

  it('prints readable tables without --json', async () => {
    const run = await runCli([...globals(), 'lookup', ...BRIEF_VINS.slice(0, 2)]);
    expect(run.code).toBe(EXIT_OK);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^VIN\s+Make\s+Model\s+Year\s+Body class\s+Source\s+Cached/);
    expect(lines[1]).toMatch(/^-{17}\s+-+/);
    expect(lines[2]).toMatch(/^1XPWD40X1ED215307\s+PETERBILT\s+388\s+2014\s+Truck-Tractor\s+vpic\s+no/);
    expect(lines).toHaveLength(4);

    const list = await runCli([...globals(), 'list', '--search', 'kenworth']);
    expect(list.code).toBe(EXIT_OK);
    expect(list.stdout).toMatch(/^VIN\s+Make\s+Model/);
    expect(list.stdout).toContain('1XKWDB0X57J211825');
    expect(list.stdout).not.toContain('1XPWD40X1ED215307');
    expect(list.stdout).toContain('1 of 1 vehicle(s)');
  });

  it('imports an .xlsx file printing the proposed mapping, takes --map, exports .xlsx, and searches by every word', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Fahrzeuge');
    sheet.addRow(['Nr', 'Fahrgestellnummer', 'Kennzeichen', 'Erstzulassung']);
    BRIEF.forEach((b, i) => sheet.addRow([`N-${i}`, b.vin, `M-${i}`, new Date(Date.UTC(2020, i, 1))]));
    const xlsx = path.join(tmp, `fleet-${dbCount}.xlsx`);
    await book.xlsx.writeFile(xlsx);

    const imported = await runCli([...globals(), 'import', xlsx, '--map', 'unitNumber=Nr']);
    expect(imported.code).toBe(EXIT_OK);
    expect(imported.stderr).toContain('Column mapping:');
    expect(imported.stderr).toContain('Nr → Unit number');
    expect(imported.stderr).toContain('Fahrgestellnummer → VIN');
    expect(imported.stderr).toContain('Kennzeichen → Plate');
    expect(imported.stdout).toMatch(/done\s+5\s+5/);

    const list = parse<{ total: number; results: { vin: string; fleet: { unitNumber: string; inServiceDate: string } }[] }>(
      await runCli([...globals(['--json']), 'list', '--search', 'peterbilt 379']),
    );
    expect(list.total).toBe(2);
    expect(list.results.map((r) => r.vin).sort()).toEqual(BRIEF.filter((b) => b.make === 'PETERBILT' && b.model === '379').map((b) => b.vin).sort());
    expect(list.results[0]!.fleet.unitNumber).toMatch(/^N-\d$/);
    const one = await runCli([...globals(), 'list', '--search', 'peterbilt N-0']);
    expect(one.stdout).toContain('1 of 1 vehicle(s)');

    const out = path.join(tmp, `out-${dbCount}.xlsx`);
    const exported = await runCli([...globals(), 'export', out]);
    expect(exported.code).toBe(EXIT_OK);
    const [first] = await readXlsxFile(fs.readFileSync(out));
    expect(first!.data[0]!.slice(0, 6)).toEqual(['VIN', 'Make', 'Model', 'Year', 'Body class', 'Unit number']);
    expect(first!.data.length).toBe(6);
  });

  it('refuses --map with an unknown field, naming the choices (exit 2)', async () => {
    const csv = path.join(tmp, `map-${dbCount}.csv`);
    fs.writeFileSync(csv, `Nr,VIN\nA,${BRIEF_VINS[0]}\n`);
    const run = await runCli([...globals(), 'import', csv, '--map', 'colour=Nr']);
    expect(run.code).toBe(EXIT_INVALID_INPUT);
    expect(run.stderr).toMatch(/--map takes field=header/);
  });

  it('fails with one line and exit 1 on a corrupt database', async () => {
    fs.writeFileSync(db, 'this is not an SQLite database, just text long enough to have a header '.repeat(20));
    const run = await runCli([...globals(), 'list']);
    expect(run.code).toBe(EXIT_UNEXPECTED);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^vinlookup: .*(database|SQLITE_NOTADB)/i);
  });

  it('treats a bad option value as invalid input', async () => {
    const run = await runCli([...globals(), 'list', '--limit', '100000']);
    expect(run.code).toBe(EXIT_INVALID_INPUT);
    expect(run.stderr).toMatch(/limit/);
  });

  it.runIf(process.platform !== 'win32')('refuses a FIFO, a folder and a device as the file to import, and a FIFO as the key, at once', async () => {
    const pipe = path.join(tmp, 'pipe.csv');
    if (!fs.existsSync(pipe)) execFileSync('mkfifo', [pipe]);
    for (const [file, why] of [
      [pipe, 'named pipe (FIFO)'],
      [tmp, 'folder'],
      ['/dev/zero', 'device'],
    ] as const) {
      const run = await runCli([...globals(), 'import', file, '--json']);
      expect(run.code, file).toBe(EXIT_INVALID_INPUT);
      expect(parse<{ errors: { code: string; message: string }[] }>(run).errors[0]).toMatchObject({ code: 'FILE_ERROR', message: expect.stringContaining(why) });
    }
    const encrypted = path.join(tmp, 'fleet.csv.gpg');
    fs.writeFileSync(encrypted, 'not really encrypted');
    const run = await runCli([...globals(), 'import', encrypted, '--key', pipe]);
    expect(run.code).toBe(EXIT_INVALID_INPUT);
    expect(run.stderr).toMatch(/key file .* not a regular file/);
  });

  it('runs three imports at once on one database: each finishes with its exact counts', async () => {
    const files = await Promise.all(
      [11, 12, 13].map(async (seed) => {
        const file = path.join(tmp, `fleet-${seed}.csv`);
        return { file, expected: await writeFleetCsv(file, { seed, rows: 600, invalidRatio: 0.02, duplicateRatio: 0.02 }) };
      }),
    );
    // A fresh file: the three also race to create the schema. Small chunks: many write transactions.
    const runs = await Promise.all(files.map(({ file }) => runCli([...globals(['--json']), 'import', '--chunk-size', '20', file])));
    runs.forEach((run, i) => {
      expect(run.stderr, `import ${i + 1}`).toBe('');
      expect(run.code).toBe(EXIT_OK);
      const { expected } = files[i]!;
      expect(parse<Record<string, unknown>>(run)).toMatchObject({
        state: 'done',
        total: expected.total,
        duplicates: expected.duplicates,
        invalid: expected.invalid.length,
        failed: 0,
      });
      const doc = parse<{ added: number; updated: number }>(run);
      expect(doc.added + doc.updated).toBe(expected.validUnique.length);
    });
    const union = new Set(files.flatMap(({ expected }) => expected.validUnique));
    const ctx = await createAppContext({ dataDir, databasePath: db, runtime: 'cli', version: 'test', logger: silentLogger(), emit: () => undefined, offline: true });
    try {
      expect(await ctx.store.vehicles.count()).toBe(union.size);
    } finally {
      await ctx.close();
    }
  }, 120_000);

  it('answers every lookup of the app while a CLI import writes to the same database', async () => {
    const file = path.join(tmp, 'beside-the-app.csv');
    const expected = await writeFleetCsv(file, { seed: 21, rows: 1000 });
    const ctx = await createAppContext({
      dataDir,
      databasePath: db,
      runtime: 'electron',
      version: 'test',
      logger: silentLogger(),
      emit: () => undefined,
      vpicUrl: simulator.url,
      // The app's own politeness cap would make its lookups the slow part of this test.
      vpicOptions: { retries: 0, ratePerSecond: 1000, concurrency: 4 },
    });
    try {
      let importDone = false;
      const importing = runCli([...globals(['--json']), 'import', '--chunk-size', '25', file]).finally(() => (importDone = true));
      const failures: unknown[] = [];
      let duringImport = 0;
      // Refresh: every lookup writes its decode, in competition with the import's chunks.
      for (let i = 0; !importDone; i = (i + 1) % BRIEF_VINS.length) {
        const answer = await ctx.dispatch('vehicles:lookup', { vin: BRIEF_VINS[i], refresh: true });
        if (!answer.ok) failures.push(answer.error);
        if (!importDone) duringImport += 1;
      }
      const run = await importing;
      expect(failures).toEqual([]);
      expect(duringImport).toBeGreaterThan(10);
      expect(run.code).toBe(EXIT_OK);
      expect(parse<{ state: string; added: number }>(run)).toMatchObject({ state: 'done', added: expected.validUnique.length });
    } finally {
      await ctx.close();
    }
  }, 120_000);

  it('turns a database locked by another program into one clear line and exit 4', async () => {
    await runCli([...globals(), 'lookup', BRIEF_VINS[0]]); // the schema exists
    const holder = new BetterSqlite3(db);
    try {
      holder.exec('BEGIN IMMEDIATE');
      holder.prepare('DELETE FROM vehicles').run();
      const run = await runCli([...globals(['--busy-timeout', '200']), 'lookup', '--refresh', BRIEF_VINS[1]]);
      expect(run.code).toBe(EXIT_DATABASE_BUSY);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/^vinlookup: The database .* is locked by another program .*Try again when it has finished\.\n$/);
      expect(run.stderr).not.toMatch(/SQLITE_|database is locked/);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  });
});

describe('commandFailure', () => {
  it('gives a full disk its own exit code and sentence, and anything else exit 1', () => {
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    expect(commandFailure(full, '/data/fleet.sqlite')).toEqual({
      line: 'The disk holding /data/fleet.sqlite is full. Free some space and try again.',
      code: EXIT_DISK_FULL,
    });
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY_SNAPSHOT' });
    expect(commandFailure(busy, '/data/fleet.sqlite').code).toBe(EXIT_DATABASE_BUSY);
    expect(commandFailure(new Error('boom'), '/data/fleet.sqlite')).toEqual({ line: 'boom', code: EXIT_UNEXPECTED });
  });

  it('gives an unreachable server exit 6 with its own sentence, though its cause carries a driver code', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const failure = new StorageError('unavailable', 'The PostgreSQL server at 127.0.0.1:1 refused the connection.', { cause: refused });
    expect(commandFailure(failure, 'postgres://fleet@127.0.0.1:1/fleet')).toEqual({ line: failure.message, code: EXIT_SERVER_UNAVAILABLE });
    expect(commandFailure(new StorageError('busy', 'Busy.'), 'x').code).toBe(EXIT_DATABASE_BUSY);
  });
});
