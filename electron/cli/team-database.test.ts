/**
 * The built `vinlookup` CLI on a team's PostgreSQL server (a throwaway one, see
 * testing/postgres-global-setup.ts), run as separate processes the way several desks and scripts
 * share it: concurrent imports, what one process stores or removes seen by the others, an export
 * read back by an independent Parquet reader, and `migrate` between a desk's SQLite file and the
 * server in both directions.
 */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeFleetCsv } from '../../testing/fleet-generator';
import { createTestDatabase, testPostgresUrl, type TestDatabase } from '../../testing/postgres-test-database';
import { startVpicSimulator, type VpicSimulator } from '../../testing/vpic-simulator/vpic-simulator';
import type { Vehicle } from '../../shared/vehicle';
import { parseDatabaseUrl } from '../core/storage/database-url';
import type { FleetStore } from '../core/storage/fleet-store';
import { openFleetStore } from '../core/storage/open-fleet-store';
import { EXIT_INVALID_INPUT, EXIT_OK, EXIT_SERVER_UNAVAILABLE } from './output';

const ROOT = path.resolve(__dirname, '../..');
const BRIEF_VINS = ['1XPWD40X1ED215307', '1XKWDB0X57J211825', '1XP5DB9X7YN526158', '4V4NC9EJXEN171694', '1XP5DB9X7XD487964'] as const;

interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The child's environment without the parent's team database: each run names its store itself. */
function childEnv(): NodeJS.ProcessEnv {
  const { FLEET_DATABASE_URL: _ignored, ...env } = process.env;
  return env;
}

function runCli(args: readonly string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function parse<T>(run: CliRun): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${run.code}): ${run.stdout}\nstderr: ${run.stderr}`);
  }
}

/** Parses a run that must have succeeded, showing its stderr when it did not. */
function ok<T>(run: CliRun): T {
  expect(run.code, run.stderr).toBe(EXIT_OK);
  return parse<T>(run);
}

interface LookupDoc {
  results: { vin: string; id: number; cached: boolean; make: string }[];
}
interface ImportDoc {
  jobId: string;
  state: string;
  total: number;
  added: number;
  updated: number;
  duplicates: number;
  invalid: number;
  failed: number;
}
interface MigrateDoc {
  read: number;
  added: number;
  updated: number;
  unchanged: number;
  recallModels: number;
}

const baseUrl = testPostgresUrl();
let simulator: VpicSimulator;
/** The CLI built for this file alone (vinlookup.test.ts rebuilds `out/cli` at the same time). */
let CLI: string;
let buildDir: string;
let tmp: string;
let dataDir: string;
const databases: TestDatabase[] = [];
const stores: FleetStore[] = [];

async function freshDatabaseUrl(): Promise<string> {
  const database = await createTestDatabase(baseUrl!);
  databases.push(database);
  return database.url;
}

/** The shared options of every run; `store` is `--database-url <url>` or `--db <file>`. */
function cli(store: readonly string[], ...args: string[]): Promise<CliRun> {
  return runCli([...store, '--data-dir', dataDir, '--vpic-url', simulator.url, '--nhtsa-api-url', simulator.nhtsaApiUrl, '--vpic-retries', '0', ...args]);
}

async function openStore(where: { url: string } | { file: string }): Promise<FleetStore> {
  const store = await openFleetStore('url' in where ? parseDatabaseUrl(where.url, 'the test server') : { kind: 'sqlite', path: where.file });
  stores.push(store);
  return store;
}

/** Every vehicle of a store by VIN (read with the same paging the migration uses). */
async function vehiclesOf(store: FleetStore): Promise<Map<string, Vehicle>> {
  const all = new Map<string, Vehicle>();
  for (let afterId = 0; ; ) {
    const page = await store.vehicles.pageAfterId(afterId, 200);
    if (page.length === 0) return all;
    for (const v of page) all.set(v.vin, v);
    afterId = page[page.length - 1]!.id;
  }
}

/** What a copy must carry over: everything but what the target assigns (id, stored times). */
function copied(vehicle: Vehicle): Omit<Vehicle, 'id' | 'createdAt' | 'updatedAt'> {
  const { id: _id, createdAt: _created, updatedAt: _updated, ...rest } = vehicle;
  return rest;
}

describe.skipIf(baseUrl === null)('vinlookup on a team database (PostgreSQL)', () => {
  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vinlookup-team-'));
    // Always build (a stale bundle would test yesterday's CLI), into this file's own folder inside
    // the project, so the bundle's external packages resolve from its node_modules.
    const cache = path.join(ROOT, 'node_modules/.cache');
    fs.mkdirSync(cache, { recursive: true });
    buildDir = fs.mkdtempSync(path.join(cache, 'cli-team-'));
    const outDir = path.join(buildDir, 'out');
    await promisify(execFile)(
      process.execPath,
      [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.cli.config.ts', '--outDir', outDir, '--logLevel', 'error'],
      { cwd: ROOT },
    );
    CLI = path.join(outDir, 'vinlookup.js');
    simulator = await startVpicSimulator();
    dataDir = path.join(tmp, 'data');
  }, 60_000);

  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
  });

  afterAll(async () => {
    await simulator?.close();
    for (const database of databases) await database.drop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    if (buildDir) fs.rmSync(buildDir, { recursive: true, force: true });
  });

  it('runs two imports at once with exact counts, and every process sees what the others store, remove and export', async () => {
    const server = ['--database-url', await freshDatabaseUrl()];
    const fileA = path.join(tmp, 'desk-a.csv');
    const fileB = path.join(tmp, 'desk-b.csv');
    const a = await writeFleetCsv(fileA, { seed: 31, rows: 400, invalidRatio: 0.02, duplicateRatio: 0.02, extraColumns: true });
    // Desk B's file repeats 30 of desk A's vehicles: both imports store them, the server once.
    const b = await writeFleetCsv(fileB, { seed: 32, rows: 400, invalidRatio: 0.02, duplicateRatio: 0.02, includeVins: a.validUnique.slice(0, 30) });
    const overlap = a.validUnique.filter((vin) => b.validUnique.includes(vin));
    expect(overlap.length).toBe(30);
    const union = new Set([...a.validUnique, ...b.validUnique]);

    const [runA, runB] = await Promise.all([fileA, fileB].map((file) => cli(server, '--json', 'import', '--chunk-size', '20', file)));
    const docs = [ok<ImportDoc>(runA!), ok<ImportDoc>(runB!)];
    [a, b].forEach((expected, i) => {
      expect(docs[i]).toMatchObject({ state: 'done', total: expected.total, duplicates: expected.duplicates, invalid: expected.invalid.length, failed: 0 });
      expect(docs[i]!.added + docs[i]!.updated).toBe(expected.validUnique.length);
    });
    // Each overlapping VIN was added by exactly one import and updated by the other.
    expect(docs[0]!.added + docs[1]!.added).toBe(union.size);
    expect(docs[0]!.updated + docs[1]!.updated).toBe(overlap.length);

    // A third process lists both jobs and the whole fleet.
    const jobs = ok<{ jobs: { jobId: string; state: string; file: string }[] }>(await cli(server, '--json', 'jobs')).jobs;
    expect(jobs.map((j) => j.jobId).sort()).toEqual(docs.map((d) => d.jobId).sort());
    expect(jobs.every((j) => j.state === 'done')).toBe(true);
    expect(ok<{ total: number }>(await cli(server, '--json', 'list', '--limit', '1')).total).toBe(union.size);

    // An overlapping VIN is one vehicle with one id, whichever process asks.
    const server1 = await openStore({ url: server[1]! });
    const stored = await vehiclesOf(server1);
    expect(stored.size).toBe(union.size);
    expect(new Set([...stored.values()].map((v) => v.id)).size).toBe(union.size);
    const shared = overlap[0]!;
    const [seenA, seenB] = await Promise.all([cli(server, '--json', 'lookup', shared), cli(server, '--json', 'lookup', shared)]);
    expect(ok<LookupDoc>(seenA!).results).toEqual([expect.objectContaining({ vin: shared, id: stored.get(shared)!.id, cached: true })]);
    expect(ok<LookupDoc>(seenB!).results).toEqual([expect.objectContaining({ vin: shared, id: stored.get(shared)!.id, cached: true })]);

    // A lookup by one process is cached for another.
    const first = ok<LookupDoc>(await cli(server, '--json', 'lookup', BRIEF_VINS[0]));
    expect(first.results).toEqual([expect.objectContaining({ vin: BRIEF_VINS[0], cached: false, make: 'PETERBILT' })]);
    const requests = simulator.stats.requests;
    const second = ok<LookupDoc>(await cli(server, '--json', 'lookup', BRIEF_VINS[0]));
    expect(second.results).toEqual([expect.objectContaining({ vin: BRIEF_VINS[0], id: first.results[0]!.id, cached: true })]);
    expect(simulator.stats.requests).toBe(requests);

    // A removal by one process is gone for another.
    const removed = ok<{ results: unknown[] }>(await cli(server, '--json', 'remove', shared));
    expect(removed.results).toEqual([{ vin: shared, removed: true }]);
    expect(ok<{ total: number }>(await cli(server, '--json', 'list', '--search', shared)).total).toBe(0);
    expect(ok<{ results: unknown[] }>(await cli(server, '--json', 'remove', shared)).results).toEqual([{ vin: shared, removed: false }]);

    // The export from the server, read back by an independent reader: every VIN, once.
    const expectedVins = [...union, BRIEF_VINS[0]].filter((vin) => vin !== shared).sort();
    const parquet = path.join(tmp, 'fleet.parquet');
    expect(ok<{ rows: number; format: string }>(await cli(server, '--json', 'export', parquet))).toMatchObject({ rows: expectedVins.length, format: 'parquet' });
    const rows = (await parquetReadObjects({ file: await asyncBufferFromFile(parquet), columns: ['vin'] })) as { vin: string }[];
    expect(rows.map((r) => r.vin).sort()).toEqual(expectedVins);
  }, 300_000);

  it('migrates a desk’s SQLite fleet into the team database (ids from the server, nothing lost, nothing twice) and back into a fresh file', async () => {
    const deskFile = path.join(tmp, 'desk.sqlite');
    const desk = ['--db', deskFile];
    const fleetCsv = path.join(tmp, 'desk-fleet.csv');
    const generated = await writeFleetCsv(fleetCsv, { seed: 41, rows: 150, extraColumns: true });
    ok<ImportDoc>(await cli(desk, '--json', 'import', fleetCsv));
    // Custom attributes beside the standard fields, and a recalls answer in the desk's cache.
    const customCsv = path.join(tmp, 'desk-custom.csv');
    fs.writeFileSync(customCsv, ['VIN,Unit,Warranty ref', ...BRIEF_VINS.slice(0, 3).map((vin, i) => `${vin},U-${i},W-${i}`)].join('\n') + '\n');
    ok<ImportDoc>(await cli(desk, '--json', 'import', customCsv));
    ok<unknown>(await cli(desk, '--json', 'recalls', BRIEF_VINS[0]));
    const deskCount = generated.validUnique.length + 3;

    // The team database already holds one of the desk's VINs and one of its own.
    const teamUrl = await freshDatabaseUrl();
    const team = ['--database-url', teamUrl];
    ok<LookupDoc>(await cli(team, '--json', 'lookup', BRIEF_VINS[0], BRIEF_VINS[4]));
    const teamStore = await openStore({ url: teamUrl });
    const before = await vehiclesOf(teamStore);

    const migrated = ok<MigrateDoc>(await cli(desk, '--json', 'migrate', '--to', teamUrl));
    expect(migrated).toMatchObject({ read: deskCount, added: deskCount - 1, updated: 1, unchanged: 0, recallModels: 1 });
    const again = ok<MigrateDoc>(await cli(desk, '--json', 'migrate', '--to', teamUrl));
    expect(again).toMatchObject({ read: deskCount, added: 0, updated: 0, unchanged: deskCount, recallModels: 0 });

    const deskStore = await openStore({ file: deskFile });
    const source = await vehiclesOf(deskStore);
    const onServer = await vehiclesOf(teamStore);
    expect(source.size).toBe(deskCount);
    expect(onServer.size).toBe(deskCount + 1);
    // The server's vehicles keep their ids; the new ones get ids the server assigned, each once.
    for (const [vin, vehicle] of before) expect(onServer.get(vin)!.id).toBe(vehicle.id);
    const newIds = [...onServer.values()].filter((v) => !before.has(v.vin)).map((v) => v.id);
    expect(new Set(newIds).size).toBe(deskCount - 1);
    expect(Math.min(...newIds)).toBeGreaterThan(Math.max(...[...before.values()].map((v) => v.id)));
    // Nothing lost: decode, raw record, fleet fields and custom attributes of every vehicle.
    for (const [vin, vehicle] of source) {
      if (vin === BRIEF_VINS[0]) continue;
      expect(copied(onServer.get(vin)!), vin).toEqual(copied(vehicle));
    }
    // The VIN both had: the server's newer decode, the desk's fleet fields and attributes.
    expect(onServer.get(BRIEF_VINS[0])).toMatchObject({
      decodedAt: before.get(BRIEF_VINS[0])!.decodedAt,
      fleet: { unitNumber: 'U-0' },
      attributes: { 'Warranty ref': 'W-0' },
    });
    expect(onServer.get(BRIEF_VINS[1])).toMatchObject({ fleet: { unitNumber: 'U-1' }, attributes: { 'Warranty ref': 'W-1' } });
    expect([...source.values()].some((v) => v.fleet.plate !== null && v.fleet.department !== null)).toBe(true);
    const recallKey = { make: 'PETERBILT', model: '388', modelYear: 2014 };
    expect(await deskStore.recalls.get(recallKey)).not.toBeNull();
    expect(await teamStore.recalls.get(recallKey)).toEqual(await deskStore.recalls.get(recallKey));

    // The reverse: the team's fleet into a fresh file to take offline.
    const offlineFile = path.join(tmp, 'offline.sqlite');
    const back = ok<MigrateDoc>(await cli(team, '--json', 'migrate', '--to-file', offlineFile));
    expect(back).toMatchObject({ read: deskCount + 1, added: deskCount + 1, updated: 0, unchanged: 0, recallModels: 1 });
    const offlineStore = await openStore({ file: offlineFile });
    const offline = await vehiclesOf(offlineStore);
    expect([...offline.keys()].sort()).toEqual([...onServer.keys()].sort());
    for (const [vin, vehicle] of onServer) expect(copied(offline.get(vin)!), vin).toEqual(copied(vehicle));
    expect(await offlineStore.recalls.get(recallKey)).toEqual(await teamStore.recalls.get(recallKey));
  }, 300_000);

  it('refuses a missing, doubled or circular target with exit 2, and an unreachable server with exit 6', async () => {
    const deskFile = path.join(tmp, 'refusals.sqlite');
    const desk = ['--db', deskFile];
    const none = await cli(desk, 'migrate');
    expect(none.code).toBe(EXIT_INVALID_INPUT);
    expect(none.stderr).toMatch(/one target: --to <postgres URL> or --to-file/);
    expect((await cli(desk, 'migrate', '--to', 'postgres://u@h/db', '--to-file', 'x.sqlite')).code).toBe(EXIT_INVALID_INPUT);
    const itself = await cli(desk, 'migrate', '--to-file', deskFile);
    expect(itself.code).toBe(EXIT_INVALID_INPUT);
    expect(itself.stderr).toMatch(/is the fleet being copied/);
    const notUrl = await cli(desk, 'migrate', '--to', 'mysql://u@h/db');
    expect(notUrl.code).toBe(EXIT_INVALID_INPUT);
    expect(notUrl.stderr).toMatch(/--to must start with postgres:\/\//);
    // Port 1 on loopback: nothing listens there, the connection is refused at once.
    const down = await cli(desk, 'migrate', '--to', 'postgres://fleet:secret@127.0.0.1:1/fleet');
    expect(down.code, down.stderr).toBe(EXIT_SERVER_UNAVAILABLE);
    expect(down.stderr.trim().split('\n')).toHaveLength(1);
    expect(down.stderr).not.toContain('secret');
  });

  it('says in --help what a migration copies and what it does not', async () => {
    const help = await runCli(['migrate', '--help']);
    expect(help.code).toBe(EXIT_OK);
    expect(help.stdout).toMatch(/--to <url>/);
    expect(help.stdout).toMatch(/--to-file <file>/);
    expect(help.stdout).toMatch(/Not copied: import history/);
  });
});
