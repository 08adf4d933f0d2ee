import net from 'node:net';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DecodedVehicle } from '../../../../shared/vehicle';
import type { VehicleSort, VehicleSortColumn } from '../../../../shared/vehicles/vehicle-query';
import { fixtureVin, makeDecodedVehicle } from '../../../../testing/vehicle-fixtures';
import { createTestDatabase, testPostgresUrl, type TestDatabase } from '../../../../testing/postgres-test-database';
import { StorageError } from '../storage-error';
import type { JobOwner } from '../../import/job-ownership';
import { AppFailure } from '../../ipc/app-failure';
import type { FleetStore, ImportChunk, StoreChange, UpsertItem } from '../fleet-store';
import { parseDatabaseUrl, type PostgresLocation } from '../database-url';
import { openPostgresFleetStore } from './open-postgres-fleet-store';
import { migratePostgres, POSTGRES_LATEST_VERSION, POSTGRES_MIGRATIONS } from './postgres-migrations';
import type { FleetDatabase } from './postgres-schema';
import { orderBySql, whereSql } from './postgres-vehicle-sql';

const baseUrl = testPostgresUrl();
const NOW = new Date('2026-03-01T12:00:00.000Z');
const OWNER: JobOwner = { pid: 4242, instance: 'desk-a', host: 'desk-a.example' };

const vehicle = (n: number, overrides: Partial<DecodedVehicle> = {}): DecodedVehicle => makeDecodedVehicle({ vin: fixtureVin(n), ...overrides });
const item = (n: number, overrides: Partial<DecodedVehicle> = {}, attributes?: Record<string, string>): UpsertItem => ({
  vehicle: vehicle(n, overrides),
  ...(attributes ? { attributes } : {}),
});
const ZERO = { total: 0, added: 0, updated: 0, duplicates: 0, invalid: 0, failed: 0 };
const noProgress = (): void => undefined;

function chunk(overrides: Partial<ImportChunk>): ImportChunk {
  return { upserts: [], attributeUpdates: [], redecoded: [], lastRow: 0, delta: ZERO, rejects: [], vins: [], ...overrides };
}

/** A kysely handle on the test database itself (for schema checks and direct setup). */
function rawDb(url: string): Kysely<FleetDatabase> {
  return new Kysely<FleetDatabase>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }) });
}

async function unusedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

describe.skipIf(baseUrl === null)('PostgreSQL fleet store', () => {
  let database: TestDatabase;
  let location: PostgresLocation;
  const open: FleetStore[] = [];
  const openStore = async (options?: { now?: () => Date }): Promise<FleetStore> => {
    const store = await openPostgresFleetStore(location, options);
    open.push(store);
    return store;
  };

  beforeAll(async () => {
    database = await createTestDatabase(baseUrl!);
    location = parseDatabaseUrl(database.url);
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
    const db = rawDb(database.url);
    await sql`TRUNCATE vehicles, import_jobs, recall_models, column_mappings, removals CASCADE`.execute(db).catch(() => undefined);
    await db.destroy();
  });
  afterAll(async () => {
    await database?.drop();
  });

  describe('migrations', () => {
    it('two desks opening a fresh database at once both end on the latest schema, each version applied once', async () => {
      const fresh = await createTestDatabase(baseUrl!);
      try {
        const where = parseDatabaseUrl(fresh.url);
        const [a, b] = await Promise.all([openPostgresFleetStore(where), openPostgresFleetStore(where)]);
        await Promise.all([a.close(), b.close()]);
        const db = rawDb(fresh.url);
        const versions = await db.selectFrom('schema_migrations').select('version').orderBy('version').execute();
        await db.destroy();
        expect(versions.map((v) => v.version)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
      } finally {
        await fresh.drop();
      }
    });

    it('migrates a database at N-1 to N, keeping its vehicles', async () => {
      const fresh = await createTestDatabase(baseUrl!);
      const db = rawDb(fresh.url);
      try {
        expect(await migratePostgres(db, POSTGRES_MIGRATIONS, POSTGRES_LATEST_VERSION - 1)).toEqual(
          POSTGRES_MIGRATIONS.slice(0, -1).map((m) => m.version),
        );
        await sql`INSERT INTO vehicles (vin, make, model, source, decoded_at, raw_json, created_at, updated_at)
                  VALUES ('1FTFX000000000001', 'FORD', 'F-150', 'vpic', '2026-01-01T00:00:00.000Z', '{}', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`.execute(db);
        expect(await migratePostgres(db)).toEqual([POSTGRES_LATEST_VERSION]);
        expect(await migratePostgres(db)).toEqual([]);
        const store = await openPostgresFleetStore(parseDatabaseUrl(fresh.url));
        try {
          const stored = await store.vehicles.getByVin('1FTFX000000000001');
          expect(stored).toMatchObject({ make: 'FORD', model: 'F-150' });
          // The latest migration's feature works on the migrated data.
          const removal = await store.removals.remove([stored!.id], noProgress);
          expect(await store.removals.restore(removal.token, noProgress)).toBe(1);
        } finally {
          await store.close();
        }
      } finally {
        await db.destroy();
        await fresh.drop();
      }
    });

    it('refuses a database written by a newer app as too-new', async () => {
      const fresh = await createTestDatabase(baseUrl!);
      const db = rawDb(fresh.url);
      try {
        await migratePostgres(db);
        await db.insertInto('schema_migrations').values({ version: 999, description: 'future', applied_at: NOW.toISOString() }).execute();
        const error = await openPostgresFleetStore(parseDatabaseUrl(fresh.url)).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StorageError);
        expect(error).toMatchObject({ problem: 'too-new' });
      } finally {
        await db.destroy();
        await fresh.drop();
      }
    });
  });

  describe('vehicles', () => {
    it('upserts keep the id, replace the decode, keep fleet fields the file leaves empty and merge attributes', async () => {
      const store = await openStore();
      const first = await store.vehicles.upsertDecoded(item(1, { make: 'FORD' }, { unit_number: 'U7', department: 'North', Color: 'red' }), NOW);
      expect(first.created).toBe(true);
      const later = new Date(NOW.getTime() + 1000);
      const second = await store.vehicles.upsertDecoded(item(1, { make: 'Ford Motor' }, { plate: 'AB-123', Trim: 'XL' }), later);
      expect(second).toEqual({ id: first.id, created: false });
      const stored = await store.vehicles.getById(first.id);
      expect(stored).toMatchObject({
        vin: fixtureVin(1),
        make: 'Ford Motor',
        fleet: { unitNumber: 'U7', department: 'North', plate: 'AB-123' },
        attributes: { Color: 'red', Trim: 'XL' },
        createdAt: NOW.toISOString(),
        updatedAt: later.toISOString(),
      });
      expect(stored!.raw).toMatchObject({ VIN: fixtureVin(1), Make: 'Ford Motor' });
    });

    it('stores a VIN repeated in one batch once, the later decode winning', async () => {
      const store = await openStore();
      const results = await store.vehicles.upsertManyDecoded([item(2, { model: 'A' }), item(3), item(2, { model: 'B' })], NOW);
      expect(results.map((r) => r.created)).toEqual([true, true, false]);
      expect(results[2]!.id).toBe(results[0]!.id);
      expect((await store.vehicles.getByVin(fixtureVin(2)))?.model).toBe('B');
      expect(await store.vehicles.count()).toBe(2);
    });

    it('updateDecodedIfPresent never inserts', async () => {
      const store = await openStore();
      await store.vehicles.upsertDecoded(item(4, { source: 'offline' }), NOW);
      expect(await store.vehicles.listOfflineVins(10)).toEqual([fixtureVin(4)]);
      expect(await store.vehicles.updateDecodedIfPresent([vehicle(5), vehicle(4, { source: 'vpic' })], NOW)).toEqual([fixtureVin(4)]);
      expect(await store.vehicles.getByVin(fixtureVin(5))).toBeNull();
      expect(await store.vehicles.listOfflineVins(10)).toEqual([]);
      const many = await store.vehicles.getManyByVin([fixtureVin(4), fixtureVin(5)]);
      expect([...many.keys()]).toEqual([fixtureVin(4)]);
    });

    it('search: every word must match; 3+ characters anywhere in the search columns, 1-2 characters as prefixes', async () => {
      const store = await openStore();
      await store.vehicles.upsertManyDecoded(
        [
          item(10, { make: 'TOYOTA', model: 'Camry', modelYear: 2015 }, { unit_number: 'U7-01', department: 'North' }),
          item(11, { make: 'TOYOTA', model: 'Corolla', modelYear: 2015 }, { unit_number: 'X100', department: 'South' }),
          item(12, { make: 'FORD', model: 'Transit', modelYear: 2020 }, { unit_number: 'U7-02', department: 'North' }),
        ],
        NOW,
      );
      const vins = async (search: string): Promise<string[]> =>
        (await store.vehicles.list({ search, offset: 0, limit: 50 })).rows.map((r) => r.vin);
      expect(await vins('toyota camry')).toEqual([fixtureVin(10)]);
      expect(await vins('TOYOTA 2015')).toEqual([fixtureVin(10), fixtureVin(11)]);
      expect(await vins('north')).toEqual([fixtureVin(10), fixtureVin(12)]);
      expect(await vins('orth toyota')).toEqual([fixtureVin(10)]);
      expect(await vins('toyota ford')).toEqual([]);
      // Short words are prefixes: "U7" starts two unit numbers, "Co" a model, "7" nothing's start.
      expect(await vins('u7')).toEqual([fixtureVin(10), fixtureVin(12)]);
      expect(await vins('u7 toyota')).toEqual([fixtureVin(10)]);
      expect(await vins('co')).toEqual([fixtureVin(11)]);
      expect(await vins('7')).toEqual([]);
      expect(await vins('1f')).toHaveLength(3);
      // A word never spans two columns (make "FORD" + model "Transit").
      expect(await vins('fordtransit')).toEqual([]);
      // LIKE's wildcards are plain characters in a search.
      expect(await vins('u7_01')).toEqual([]);
      expect(await store.vehicles.count({ search: 'toyota' })).toBe(2);
      expect(await store.vehicles.idsMatching({ search: 'north' })).toHaveLength(2);
    });

    it('search words and sorts are answered by indexes: 3+ characters by the trigram index, short ones and sorts by ordered indexes', async () => {
      await openStore();
      const db = rawDb(database.url);
      try {
        const plan = (search: string): Promise<string> =>
          db.transaction().execute(async (trx) => {
            // A near-empty table would be scanned anyway; forbid that so the plan shows what an index can serve.
            await sql`SET LOCAL enable_seqscan = off`.execute(trx);
            const { rows } = await sql<{ 'QUERY PLAN': string }>`EXPLAIN SELECT v.id FROM vehicles v ${whereSql({ search })}`.execute(trx);
            return rows.map((r) => r['QUERY PLAN']).join('\n');
          });
        expect(await plan('camry')).toMatch(/vehicles_search/);
        // Each of the five prefixes (VIN, unit, plate, make, model) is an index range, none a scan.
        const short = await plan('u7');
        expect(short).not.toMatch(/Seq Scan/);
        expect(short.match(/Index Scan on vehicles_\w+/g)).toHaveLength(5);
        expect(short).toMatch(/vehicles_vin_key[\s\S]*vehicles_unit_number[\s\S]*vehicles_plate/);

        // Every sortable column, both ways, is read in order from an index: no sort of the fleet.
        const sortPlan = (sort: VehicleSort): Promise<string> =>
          db.transaction().execute(async (trx) => {
            await sql`SET LOCAL enable_seqscan = off`.execute(trx);
            await sql`SET LOCAL enable_sort = off`.execute(trx);
            const { rows } = await sql<{ 'QUERY PLAN': string }>`EXPLAIN SELECT v.id FROM vehicles v ${sql.raw(orderBySql(sort))} LIMIT 100`.execute(trx);
            return rows.map((r) => r['QUERY PLAN']).join('\n');
          });
        const columns: VehicleSortColumn[] = ['vin', 'make', 'model', 'modelYear', 'bodyClass', 'source', 'decodedAt', 'updatedAt', 'id', 'unitNumber', 'plate', 'department'];
        for (const column of columns) {
          for (const direction of ['asc', 'desc'] as const) {
            const shown = await sortPlan({ column, direction });
            expect(shown, `${column} ${direction}`).not.toMatch(/Sort/);
          }
        }
      } finally {
        await db.destroy();
      }
    });

    it('lists pages with filters, NOCASE sorts with ties on id, totals and recall summaries', async () => {
      const store = await openStore();
      await store.vehicles.upsertManyDecoded(
        [item(20, { make: 'ford', modelYear: 2019 }), item(21, { make: 'FORD', modelYear: 2021 }), item(22, { make: 'Audi', modelYear: 2020 }), item(23, { make: null })],
        NOW,
      );
      const page = await store.vehicles.list({ sort: { column: 'make', direction: 'asc' }, offset: 0, limit: 3 });
      expect(page.total).toBe(4);
      expect(page.rows.map((r) => r.make)).toEqual([null, 'Audi', 'ford']);
      expect(page.rows[0]!.recalls).toEqual({ status: 'unknown-model', count: 0, parkCount: 0 });
      const fords = await store.vehicles.list({ make: 'Ford', yearFrom: 2020, offset: 0, limit: 10 });
      expect(fords.rows.map((r) => r.vin)).toEqual([fixtureVin(21)]);
      expect(fords.total).toBe(1);
      expect(await store.vehicles.facets()).toMatchObject({ makes: ['Audi', 'FORD'], yearMin: 2014, yearMax: 2021, total: 4 });
      expect(await store.vehicles.count({ vinContains: '0000022' })).toBe(1);
      expect(await store.vehicles.count({ checkDigitWrong: false })).toBe(4);
    });

    it('two desks importing the same VINs at once store each once, with one stable id and exact counts', async () => {
      const [a, b] = [await openStore(), await openStore()];
      const n = 300;
      const upserts = Array.from({ length: n }, (_, i) => item(1000 + i));
      const jobA = await a.importJobs.create({ filePath: '/a.csv', fileName: 'a.csv', options: {}, owner: OWNER }, NOW);
      const jobB = await b.importJobs.create({ filePath: '/b.csv', fileName: 'b.csv', options: {}, owner: { pid: 1, instance: 'desk-b', host: 'desk-b.example' } }, NOW);
      const vins = upserts.map((u) => u.vehicle.vin);
      const delta = { ...ZERO, total: n };
      const [resultsA, resultsB] = await Promise.all([
        a.importJobs.commitChunk(jobA.jobId, chunk({ upserts, lastRow: n, delta, vins }), NOW),
        b.importJobs.commitChunk(jobB.jobId, chunk({ upserts: [...upserts].reverse(), lastRow: n, delta, vins }), NOW),
      ]);
      expect(await a.vehicles.count()).toBe(n);
      const reversedB = [...resultsB].reverse();
      expect(resultsA.map((r) => r.id)).toEqual(reversedB.map((r) => r.id));
      // Every VIN was created by exactly one of the two desks.
      expect(resultsA.filter((r) => r.created).length + resultsB.filter((r) => r.created).length).toBe(n);
      resultsA.forEach((r, i) => expect(r.created).not.toBe(reversedB[i]!.created));
      for (const [store, job] of [[a, jobA], [b, jobB]] as const) {
        expect(await store.importJobs.get(job.jobId)).toMatchObject({ rowsCommitted: n, counts: { total: n } });
        expect((await store.importJobs.seenVins(job.jobId, vins)).size).toBe(n);
      }
    });
  });

  describe('removal with undo', () => {
    it('survives closing and reopening the store, restoring the same ids', async () => {
      let store = await openStore();
      const stored = await store.vehicles.upsertManyDecoded([item(30, {}, { Color: 'blue' }), item(31), item(32)], NOW);
      const ids = stored.slice(0, 2).map((s) => s.id);
      const before = await store.vehicles.getManyByVin([fixtureVin(30), fixtureVin(31)]);
      const progress: number[] = [];
      const removal = await store.removals.remove(ids, (p) => progress.push(p.done));
      expect(removal.removed).toBe(2);
      expect(progress.at(-1)).toBe(2);
      expect(await store.vehicles.count()).toBe(1);
      await store.close();

      store = await openStore();
      expect(await store.removals.restore(removal.token, noProgress)).toBe(2);
      const after = await store.vehicles.getManyByVin([fixtureVin(30), fixtureVin(31)]);
      expect([...after.values()].map((v) => ({ ...v }))).toEqual([...before.values()].map((v) => ({ ...v })));
      // Spent: a second Undo (from any desk) finds nothing.
      await expect(store.removals.restore(removal.token, noProgress)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('keeps a VIN stored again since the removal, and refuses an expired or discarded undo', async () => {
      let clock = NOW;
      const store = await openStore({ now: () => clock });
      const [first] = await store.vehicles.upsertManyDecoded([item(40), item(41)], NOW);
      const removal = await store.removals.remove([first!.id], noProgress);
      const again = await store.vehicles.upsertDecoded(item(40, { model: 'NEW' }), NOW);
      expect(again.id).not.toBe(first!.id);
      expect(await store.removals.restore(removal.token, noProgress)).toBe(0);
      expect((await store.vehicles.getByVin(fixtureVin(40)))?.model).toBe('NEW');

      const ids = await store.vehicles.idsMatching({});
      const expiring = await store.removals.remove(ids, noProgress);
      clock = new Date(expiring.expiresAt.getTime() + 1);
      const error = await store.removals.restore(expiring.token, noProgress).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppFailure);
      expect(error).toMatchObject({ code: 'NOT_FOUND' });

      clock = NOW;
      await store.vehicles.upsertDecoded(item(42), NOW);
      const discarded = await store.removals.remove(await store.vehicles.idsMatching({}), noProgress);
      await store.removals.discard(discarded.token);
      await expect(store.removals.restore(discarded.token, noProgress)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  describe('import jobs', () => {
    it('records jobs, chunks, rejects and retries', async () => {
      const store = await openStore();
      const job = await store.importJobs.create({ filePath: '/f.csv', fileName: 'f.csv', options: { vinColumn: 'VIN' }, state: 'running', owner: OWNER }, NOW);
      expect(job).toMatchObject({ state: 'running', vinColumn: 'VIN', rejects: 0, rowsCommitted: 0 });
      await store.vehicles.upsertDecoded(item(50, {}, { unit_number: 'U1' }), NOW);
      const results = await store.importJobs.commitChunk(
        job.jobId,
        chunk({
          upserts: [item(51, {}, { department: 'East' })],
          attributeUpdates: [{ vin: fixtureVin(50), attributes: { plate: 'P-50', Paint: 'x' } }],
          lastRow: 5,
          delta: { total: 5, added: 1, updated: 1, duplicates: 0, invalid: 1, failed: 2 },
          rejects: [
            { row: 3, value: 'BAD', code: 'TOO_SHORT', reason: 'too short', kind: 'invalid' },
            { row: 4, value: fixtureVin(52), code: 'DECODE_FAILED', reason: 'vPIC down', kind: 'failed', attributes: { unit_number: 'U52' } },
            { row: 5, value: fixtureVin(53), code: 'DECODE_FAILED', reason: 'vPIC down', kind: 'failed' },
          ],
          vins: [fixtureVin(50), fixtureVin(51)],
        }),
        NOW,
      );
      expect(results).toEqual([{ id: expect.any(Number), created: true }]);
      expect(await store.vehicles.getByVin(fixtureVin(50))).toMatchObject({ fleet: { unitNumber: 'U1', plate: 'P-50' }, attributes: { Paint: 'x' } });
      expect(await store.importJobs.get(job.jobId)).toMatchObject({ rowsCommitted: 5, rejects: 3, counts: { total: 5, added: 1, updated: 1, invalid: 1, failed: 2 } });
      expect(await store.importJobs.countRejects(job.jobId)).toBe(3);
      expect((await store.importJobs.listRejects(job.jobId, 1, 10)).map((r) => r.row)).toEqual([4, 5]);
      const pages: number[][] = [];
      for await (const page of store.importJobs.iterateRejects(job.jobId, 2)) pages.push(page.map((r) => r.row));
      expect(pages).toEqual([[3, 4], [5]]);
      expect(await store.importJobs.listFailedRows(job.jobId, 0, 10)).toEqual([
        { row: 4, value: fixtureVin(52), attributes: { unit_number: 'U52' } },
        { row: 5, value: fixtureVin(53), attributes: {} },
      ]);
      expect(await store.importJobs.seenVins(job.jobId, [fixtureVin(50), fixtureVin(99)])).toEqual(new Set([fixtureVin(50)]));

      await store.importJobs.commitRetryChunk(job.jobId, { upserts: [item(52, {}, { unit_number: 'U52' })], attributeUpdates: [], recovered: [4], added: 1, updated: 0 }, NOW);
      expect(await store.importJobs.get(job.jobId)).toMatchObject({ rejects: 2, counts: { added: 2, failed: 1 } });
      // Recovered twice (another desk retried the same rows): rolled back, nothing counted twice.
      await expect(
        store.importJobs.commitRetryChunk(job.jobId, { upserts: [item(52)], attributeUpdates: [], recovered: [4], added: 1, updated: 0 }, NOW),
      ).rejects.toThrow(/^retry of job .*: 1 rows recovered but 0 failed rows found$/);
      expect(await store.importJobs.get(job.jobId)).toMatchObject({ counts: { added: 2, failed: 1 } });

      await store.importJobs.setState(job.jobId, 'done', NOW);
      expect(await store.importJobs.get(job.jobId)).toMatchObject({ state: 'done', finishedAt: NOW.toISOString(), resumable: false });
      expect((await store.importJobs.seenVins(job.jobId, [fixtureVin(50)])).size).toBe(0);
      await store.importJobs.setOptions(job.jobId, { vinColumn: 'Chassis' }, NOW);
      expect((await store.importJobs.get(job.jobId))?.vinColumn).toBe('Chassis');
    });

    it('heartbeats its own jobs and marks only the ones the rule calls orphaned as interrupted', async () => {
      const store = await openStore();
      const mine = await store.importJobs.create({ filePath: '/1', fileName: '1', options: {}, state: 'running', owner: OWNER }, NOW);
      const theirs = await store.importJobs.create({ filePath: '/2', fileName: '2', options: {}, state: 'queued', owner: { pid: 7, instance: 'gone', host: 'desk-c.example' } }, NOW);
      const finished = await store.importJobs.create({ filePath: '/3', fileName: '3', options: {}, state: 'done', owner: { pid: 7, instance: 'gone', host: 'desk-c.example' } }, NOW);
      const later = new Date(NOW.getTime() + 5000);
      expect(await store.importJobs.heartbeat(OWNER, later)).toBe(1);
      expect((await store.importJobs.get(mine.jobId))?.updatedAt).toBe(later.toISOString());
      const seen: unknown[] = [];
      const marked = await store.importJobs.markInterrupted(later, (job) => {
        seen.push(job);
        return job.ownerInstance === 'gone';
      });
      expect(marked).toBe(1);
      expect(seen).toHaveLength(2);
      expect(seen).toContainEqual(expect.objectContaining({ ownerPid: 7, ownerInstance: 'gone', updatedAt: NOW.toISOString() }));
      expect((await store.importJobs.get(theirs.jobId))?.state).toBe('interrupted');
      expect((await store.importJobs.get(mine.jobId))?.state).toBe('running');
      expect((await store.importJobs.get(finished.jobId))?.state).toBe('done');
      expect((await store.importJobs.list()).map((j) => j.jobId)).toEqual([finished.jobId, theirs.jobId, mine.jobId]);
    });
  });

  describe('recalls, mappings and overview', () => {
    it('caches answers per make/model/year case-insensitively and summarises vehicles', async () => {
      const store = await openStore();
      const [ford, other, unknown] = await store.vehicles.upsertManyDecoded(
        [item(60, { make: 'Ford', model: 'F-150', modelYear: 2020 }), item(61, { make: 'FORD', model: 'Ranger', modelYear: 2020 }), item(62, { make: null })],
        NOW,
      );
      // Ordered case-insensitively by make, then model.
      expect(await store.recalls.modelsToFetch({ fetchedBefore: NOW })).toEqual([
        { make: 'Ford', model: 'F-150', modelYear: 2020 },
        { make: 'FORD', model: 'Ranger', modelYear: 2020 },
      ]);
      const campaign = { campaignNumber: '20V123000', reportReceivedDate: '2020-01-01', component: 'BRAKES', summary: null, consequence: null, remedy: null, notes: null, parkIt: true, parkOutside: false, overTheAirUpdate: false };
      await store.recalls.save({ make: 'FORD', model: 'f-150', modelYear: 2020 }, { status: 'found', campaigns: [campaign] }, NOW);
      expect(await store.recalls.get({ make: 'ford', model: 'F-150', modelYear: 2020 })).toEqual({ status: 'found', campaigns: [campaign], fetchedAt: NOW.toISOString() });
      expect(await store.recalls.modelsToFetch({ fetchedBefore: NOW })).toEqual([{ make: 'FORD', model: 'Ranger', modelYear: 2020 }]);
      expect(await store.recalls.modelsToFetch({ fetchedBefore: null, ids: [ford!.id] })).toHaveLength(1);
      const summaries = await store.recalls.summaries([ford!.id, other!.id, unknown!.id]);
      expect(summaries.get(ford!.id)).toEqual({ status: 'found', count: 1, parkCount: 1 });
      expect(summaries.get(other!.id)).toEqual({ status: 'not-checked', count: 0, parkCount: 0 });
      expect(summaries.get(unknown!.id)).toEqual({ status: 'unknown-model', count: 0, parkCount: 0 });
      expect(await store.recalls.forVehicle(other!.id, () => 'NHTSA down')).toMatchObject({ status: 'not-checked', lastError: 'NHTSA down' });
      expect(await store.recalls.forVehicle(ford!.id, () => null)).toMatchObject({ status: 'found', campaigns: [campaign] });
      expect(await store.recalls.forVehicle(999_999, () => null)).toBeNull();
      expect((await store.vehicles.list({ parkIt: true, offset: 0, limit: 10 })).rows.map((r) => r.id)).toEqual([ford!.id]);
      expect(await store.vehicles.count({ recallStatus: 'not-checked' })).toBe(1);
      const byRecalls = await store.vehicles.list({ sort: { column: 'recalls', direction: 'desc' }, offset: 0, limit: 10 });
      expect(byRecalls.rows.map((r) => r.id)).toEqual([ford!.id, other!.id, unknown!.id]);

      const overview = await store.overview();
      expect(overview.total).toBe(3);
      expect(overview.byMake).toEqual([{ make: 'FORD', count: 2 }, { make: null, count: 1 }]);
      expect(overview.recalls.withParkIt).toBe(1);
      expect(overview.recalls.byStatus).toContainEqual({ status: 'found', count: 1 });
      expect(overview.byModelYear).toEqual([{ modelYear: 2014, count: 1 }, { modelYear: 2020, count: 2 }]);
      expect(overview.byGvwrClass).toEqual([{ gvwrClass: 'Class 8', count: 3 }]);
      expect(overview.byQuality).toContainEqual({ quality: 'clean', count: 3 });
    });

    it('remembers column mappings per header set', async () => {
      const store = await openStore();
      expect(await store.mappings.remembered(['VIN', 'Unit #'])).toBeNull();
      await store.mappings.remember(['VIN', 'Unit #'], { VIN: 'vin', 'Unit #': 'unitNumber' }, NOW);
      expect(await store.mappings.remembered(['vin', 'unit #'])).toEqual({ vin: 'vin', 'unit #': 'unitNumber' });
      await store.mappings.remember(['VIN', 'Unit #'], { VIN: 'vin', 'Unit #': 'ignore' }, NOW);
      expect(await store.mappings.remembered(['VIN', 'Unit #'])).toEqual({ VIN: 'vin', 'Unit #': 'ignore' });
    });
  });

  describe('exports', () => {
    it('streams every row through a cursor in batches, in id or table order', async () => {
      const store = await openStore();
      const n = 2_500;
      for (let i = 0; i < n; i += 500) {
        await store.vehicles.upsertManyDecoded(Array.from({ length: 500 }, (_, k) => item(5000 + i + k, { make: k % 2 ? 'Ford' : 'Audi' }, { Color: 'red' })), NOW);
      }
      const sizes: number[] = [];
      let first: Record<string, unknown> | undefined;
      for await (const batch of store.exports.rows({ batchSize: 1000, withRaw: true })) {
        sizes.push(batch.length);
        first ??= batch[0] as unknown as Record<string, unknown>;
      }
      expect(sizes).toEqual([1000, 1000, 500]);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(await store.exports.count());
      expect(first).toMatchObject({ vin: fixtureVin(5000), has_errors: 0, attributes_json: '{"Color": "red"}', recall_status: 'not-checked', recall_campaign_count: null });
      expect(JSON.parse(first!.raw_json as string)).toMatchObject({ VIN: fixtureVin(5000) });

      const makes: string[] = [];
      for await (const batch of store.exports.rows({ filter: { make: 'ford' }, sort: { column: 'make', direction: 'asc' }, batchSize: 700, withRaw: false })) {
        for (const row of batch) {
          makes.push(row.make ?? '');
          expect(row.raw_json).toBe('{}');
        }
      }
      expect(makes).toHaveLength(await store.exports.count({ make: 'ford' }));
      expect(await store.exports.customHeaders()).toEqual(['Color']);

      // A reader that stops early releases its connection (the pool would run dry otherwise).
      for (let i = 0; i < 15; i++) {
        for await (const _batch of store.exports.rows({ batchSize: 10, withRaw: false })) break;
      }
      expect(await store.vehicles.count()).toBe(n);
    });
  });

  describe('changes between desks', () => {
    it('a change announced by one desk reaches another within 2 s, and not the announcer itself', async () => {
      const [a, b] = [await openStore(), await openStore()];
      const own: StoreChange[] = [];
      a.onRemoteChange((change) => own.push(change));
      const received = new Promise<StoreChange>((resolve) => b.onRemoteChange(resolve));
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('no change within 2 s')), 2000);
      });
      await a.announce({ reason: 'import', count: 12 });
      try {
        expect(await Promise.race([received, deadline])).toEqual({ reason: 'import', count: 12 });
      } finally {
        clearTimeout(timer);
      }
      // b announces back; a hears b (its own announcement was never delivered to it).
      const back = new Promise<StoreChange>((resolve) => a.onRemoteChange(resolve));
      await b.announce({ reason: 'remove', count: 1 });
      expect(await back).toEqual({ reason: 'remove', count: 1 });
      expect(own).toEqual([{ reason: 'remove', count: 1 }]);
    });

    it('a desk whose listening connection is cut (server restart) listens again and keeps receiving', async () => {
      const [a, b] = [await openStore(), await openStore()];
      const admin = rawDb(database.url);
      try {
        const { rows } = await sql<{ cut: boolean }>`
          SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity
          WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()`.execute(admin);
        expect(rows.length).toBeGreaterThanOrEqual(2);
      } finally {
        await admin.destroy();
      }
      // Announced until heard: the feed reconnects after its pause; a notice sent before that is
      // (by design) not queued for it. The test ends as soon as one arrives.
      const heard = new Promise<StoreChange>((resolve) => b.onRemoteChange(resolve));
      let heardIt = false;
      void heard.then(() => (heardIt = true));
      const deadline = Date.now() + 10_000;
      while (!heardIt && Date.now() < deadline) {
        await a.announce({ reason: 'recalls', count: 3 });
        await Promise.race([heard, new Promise((resolve) => setTimeout(resolve, 200))]);
      }
      expect(await heard).toEqual({ reason: 'recalls', count: 3 });
    });
  });

  describe('connection failures', () => {
    it('a server that drops the pool’s connections: calls fail as StorageErrors at worst, then work again', async () => {
      const store = await openStore();
      await store.vehicles.upsertDecoded(item(70), NOW);
      const admin = rawDb(database.url);
      try {
        await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                  WHERE datname = current_database() AND pid <> pg_backend_pid()`.execute(admin);
      } finally {
        await admin.destroy();
      }
      const failures: unknown[] = [];
      let count: number | undefined;
      for (let attempt = 0; attempt < 12 && count === undefined; attempt++) {
        count = await store.vehicles.count().catch((error: unknown) => {
          failures.push(error);
          return undefined;
        });
      }
      expect(count).toBe(1);
      for (const failure of failures) {
        expect(failure).toBeInstanceOf(StorageError);
        expect((failure as Error).message).toMatch(/^The (connection to the )?PostgreSQL server at 127\.0\.0\.1:\d+ /);
      }
    });

    it('a server that refuses the connection is an unavailable StorageError naming it, never the password', async () => {
      const port = await unusedPort();
      const error = await openPostgresFleetStore(parseDatabaseUrl(`postgres://fleet:hunter2@127.0.0.1:${port}/fleet`)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StorageError);
      expect(error).toMatchObject({ problem: 'unavailable' });
      expect((error as Error).message).toBe(
        `The PostgreSQL server at 127.0.0.1:${port} refused the connection: check that it is running and accepts connections on that port.`,
      );
      expect((error as Error).message).not.toContain('hunter2');
    });

    it('a missing database says so', async () => {
      const error = await openPostgresFleetStore(parseDatabaseUrl(`${baseUrl!}/no_such_fleet`)).catch((e: unknown) => e);
      expect((error as Error).message).toMatch(/has no database "no_such_fleet"/);
    });

    it('keeps the password out of the store’s location', async () => {
      const withPassword = parseDatabaseUrl(database.url.replace('postgres@', 'postgres:topsecret@'));
      const store = await openPostgresFleetStore(withPassword);
      open.push(store);
      expect(store.location.kind).toBe('postgres');
      expect(JSON.stringify(store.location)).not.toContain('topsecret');
    });
  });
});
