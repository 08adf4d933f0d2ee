/**
 * What every FleetStore must do, whatever holds the fleet: tests each implementation registers
 * with `describeFleetStoreContract('SQLite', open)` (and PostgreSQL with its own `open`).
 *
 * Test support, not product code: it imports vitest and the test fixtures, and no product module
 * imports it. `open` must give a fresh, empty store for every test; the contract closes it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecallCampaign } from '../../../shared/recalls/recall-types';
import type { DecodedVehicle } from '../../../shared/vehicle';
import { fixtureVin, makeDecodedVehicle } from '../../../testing/vehicle-fixtures';
import { AppFailure } from '../ipc/app-failure';
import type { ExportRow } from '../export/export-rows';
import type { FleetStore } from './fleet-store';

const NOW = new Date('2026-03-04T05:06:07.000Z');
const OWNER = { pid: 4242, instance: 'contract-owner', host: 'desk-a.example' };

function vehicle(n: number, overrides: Partial<DecodedVehicle> = {}): DecodedVehicle {
  return makeDecodedVehicle({ vin: fixtureVin(n), ...overrides });
}

function campaign(campaignNumber: string, parkIt = false): RecallCampaign {
  return {
    campaignNumber,
    reportReceivedDate: '2024-05-06',
    component: 'BRAKES',
    summary: 'The brakes may fail.',
    consequence: null,
    remedy: 'Dealers will replace the brakes.',
    notes: null,
    parkIt,
    parkOutside: false,
    overTheAirUpdate: false,
  };
}

async function collect(rows: AsyncIterable<ExportRow[]>): Promise<ExportRow[][]> {
  const batches: ExportRow[][] = [];
  for await (const batch of rows) batches.push(batch);
  return batches;
}

export function describeFleetStoreContract(name: string, open: () => Promise<FleetStore>): void {
  describe(`FleetStore contract: ${name}`, () => {
    let store: FleetStore;

    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('keeps a vehicle id when the same VIN is stored again, and merges its file columns', async () => {
      const first = await store.vehicles.upsertDecoded({ vehicle: vehicle(1, { model: 'FIRST' }), attributes: { Plate: 'AB-123', 'Warranty ref': 'W-North' } }, NOW);
      expect(first.created).toBe(true);
      const again = await store.vehicles.upsertDecoded({ vehicle: vehicle(1, { model: 'SECOND' }), attributes: { 'Warranty ref': 'W-South' } }, NOW);
      expect(again).toEqual({ id: first.id, created: false });
      const stored = await store.vehicles.getByVin(fixtureVin(1));
      expect(stored).toMatchObject({ id: first.id, model: 'SECOND', fleet: { plate: 'AB-123' }, attributes: { 'Warranty ref': 'W-South' } });
      expect(await store.vehicles.getById(first.id)).toEqual(stored);

      const many = await store.vehicles.upsertManyDecoded([{ vehicle: vehicle(1) }, { vehicle: vehicle(2) }], NOW);
      expect(many).toEqual([{ id: first.id, created: false }, { id: expect.any(Number), created: true }]);
      expect(await store.vehicles.count()).toBe(2);
      // Re-decodes update only what is still stored.
      expect(await store.vehicles.updateDecodedIfPresent([vehicle(2, { model: 'THIRD' }), vehicle(99)], NOW)).toEqual([fixtureVin(2)]);
      expect(await store.vehicles.getByVin(fixtureVin(99))).toBeNull();
    });

    it('reads the whole fleet in id-ordered pages after an id, with fleet fields and custom attributes', async () => {
      const stored = await store.vehicles.upsertManyDecoded(
        [1, 2, 3, 4, 5].map((n) => ({ vehicle: vehicle(n), attributes: { Plate: `P${n}`, 'Warranty ref': `W${n}` } })),
        NOW,
      );
      const pages: string[][] = [];
      for (let afterId = 0; ; ) {
        const page = await store.vehicles.pageAfterId(afterId, 2);
        if (page.length === 0) break;
        pages.push(page.map((v) => v.vin));
        afterId = page[page.length - 1]!.id;
      }
      expect(pages).toEqual([
        [fixtureVin(1), fixtureVin(2)],
        [fixtureVin(3), fixtureVin(4)],
        [fixtureVin(5)],
      ]);
      const [third] = await store.vehicles.pageAfterId(stored[1]!.id, 1);
      expect(third).toEqual(await store.vehicles.getById(stored[2]!.id));
      expect(third).toMatchObject({ vin: fixtureVin(3), fleet: { plate: 'P3' }, attributes: { 'Warranty ref': 'W3' } });
      expect(await store.vehicles.pageAfterId(stored[4]!.id, 10)).toEqual([]);
    });

    it('finds vehicles whose every search word matches, short words as prefixes', async () => {
      await store.vehicles.upsertManyDecoded(
        [
          { vehicle: vehicle(1, { make: 'FORD', model: 'TRANSIT' }) },
          { vehicle: vehicle(2, { make: 'FORD', model: 'MUSTANG' }) },
          { vehicle: vehicle(3, { make: 'TOYOTA', model: 'CAMRY' }) },
        ],
        NOW,
      );
      const vinsFor = async (search: string): Promise<string[]> =>
        (await store.vehicles.list({ search, offset: 0, limit: 100, sort: { column: 'id', direction: 'asc' } })).rows.map((r) => r.vin);
      expect(await vinsFor('ford')).toEqual([fixtureVin(1), fixtureVin(2)]);
      expect(await vinsFor('ford transit')).toEqual([fixtureVin(1)]);
      expect(await vinsFor('transit ford')).toEqual([fixtureVin(1)]);
      expect(await vinsFor('ford camry')).toEqual([]);
      expect(await vinsFor('to')).toEqual([fixtureVin(3)]);
      const page = await store.vehicles.list({ search: 'ford', limit: 1, offset: 1, sort: { column: 'id', direction: 'asc' } });
      expect({ total: page.total, offset: page.offset, vins: page.rows.map((r) => r.vin) }).toEqual({ total: 2, offset: 1, vins: [fixtureVin(2)] });
      expect(await store.vehicles.count({ search: 'ford' })).toBe(2);
      expect((await store.vehicles.idsMatching({ search: 'ford' })).length).toBe(2);
      expect((await store.vehicles.facets()).makes).toEqual(['FORD', 'TOYOTA']);
    });

    it('puts removed vehicles back with the same ids on undo, once', async () => {
      const stored = await store.vehicles.upsertManyDecoded([1, 2, 3].map((n) => ({ vehicle: vehicle(n), attributes: { Unit: `U${n}` } })), NOW);
      const before = await Promise.all(stored.map((s) => store.vehicles.getById(s.id)));
      const ids = stored.slice(0, 2).map((s) => s.id);
      const removal = await store.removals.remove(ids, () => undefined);
      expect(removal.removed).toBe(2);
      expect(removal.expiresAt.getTime()).toBeGreaterThan(Date.now());
      expect(await store.vehicles.getById(ids[0]!)).toBeNull();
      expect(await store.vehicles.count()).toBe(1);

      expect(await store.removals.restore(removal.token, () => undefined)).toBe(2);
      expect(await Promise.all(stored.map((s) => store.vehicles.getById(s.id)))).toEqual(before);
      await expect(store.removals.restore(removal.token, () => undefined)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(store.removals.restore('no-such-token', () => undefined)).rejects.toBeInstanceOf(AppFailure);
    });

    it('forgets a discarded removal: its undo is gone and the vehicles stay removed', async () => {
      const [one] = await store.vehicles.upsertManyDecoded([{ vehicle: vehicle(1) }], NOW);
      const removal = await store.removals.remove([one!.id], () => undefined);
      await store.removals.discard(removal.token);
      await expect(store.removals.restore(removal.token, () => undefined)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await store.vehicles.count()).toBe(0);
    });

    it('commits an import chunk whole (vehicles, counts, rejects, cursor, seen VINs) or not at all', async () => {
      const job = await store.importJobs.create({ filePath: '/fleet.csv', fileName: 'fleet.csv', options: { vinColumn: 'VIN' }, owner: OWNER }, NOW);
      const results = await store.importJobs.commitChunk(
        job.jobId,
        {
          upserts: [{ vehicle: vehicle(1), attributes: { Plate: 'P1' } }, { vehicle: vehicle(2) }],
          attributeUpdates: [],
          redecoded: [],
          lastRow: 3,
          delta: { total: 3, added: 2, updated: 0, duplicates: 0, invalid: 1, failed: 0 },
          rejects: [{ row: 3, value: 'NOT-A-VIN', code: 'TOO_SHORT', reason: 'Too short.', kind: 'invalid' }],
          vins: [fixtureVin(1), fixtureVin(2)],
        },
        NOW,
      );
      expect(results.map((r) => r.created)).toEqual([true, true]);
      const afterFirst = await store.importJobs.get(job.jobId);
      expect(afterFirst).toMatchObject({ counts: { total: 3, added: 2, invalid: 1 }, rowsCommitted: 3, rejects: 1 });
      expect(await store.importJobs.countRejects(job.jobId)).toBe(1);
      expect(await store.importJobs.listRejects(job.jobId, 0, 10)).toEqual([
        { row: 3, value: 'NOT-A-VIN', code: 'TOO_SHORT', reason: 'Too short.', kind: 'invalid' },
      ]);

      // A chunk whose second vehicle cannot be stored leaves nothing of itself behind.
      const broken = { ...vehicle(4), vin: null as unknown as string };
      await expect(
        store.importJobs.commitChunk(
          job.jobId,
          {
            upserts: [{ vehicle: vehicle(3) }, { vehicle: broken }],
            attributeUpdates: [{ vin: fixtureVin(1), attributes: { Plate: 'CHANGED' } }],
            redecoded: [],
            lastRow: 5,
            delta: { total: 2, added: 2, updated: 0, duplicates: 0, invalid: 0, failed: 0 },
            rejects: [],
            vins: [fixtureVin(3)],
          },
          NOW,
        ),
      ).rejects.toThrow();
      expect(await store.importJobs.get(job.jobId)).toMatchObject({ counts: afterFirst!.counts, rowsCommitted: 3 });
      expect(await store.vehicles.getByVin(fixtureVin(3))).toBeNull();
      expect((await store.vehicles.getByVin(fixtureVin(1)))?.fleet.plate).toBe('P1');
      expect(await store.importJobs.seenVins(job.jobId, [fixtureVin(1), fixtureVin(2), fixtureVin(3)])).toEqual(new Set([fixtureVin(1), fixtureVin(2)]));
    });

    it('counts a chunk’s VIN stored meanwhile by another process as updated, not added twice', async () => {
      const job = await store.importJobs.create({ filePath: '/b.csv', fileName: 'b.csv', options: {}, owner: OWNER }, NOW);
      // Another desk's import stores vehicle 1 after this chunk judged it new.
      await store.vehicles.upsertDecoded({ vehicle: vehicle(1) }, NOW);
      const results = await store.importJobs.commitChunk(
        job.jobId,
        {
          upserts: [{ vehicle: vehicle(1) }, { vehicle: vehicle(2) }],
          attributeUpdates: [],
          redecoded: [],
          lastRow: 2,
          delta: { total: 2, added: 2, updated: 0, duplicates: 0, invalid: 0, failed: 0 },
          rejects: [],
          vins: [fixtureVin(1), fixtureVin(2)],
        },
        NOW,
      );
      expect(results.map((r) => r.created)).toEqual([false, true]);
      expect(await store.importJobs.get(job.jobId)).toMatchObject({ counts: { total: 2, added: 1, updated: 1 } });
      expect(await store.vehicles.count()).toBe(2);
    });

    it('applies a chunk committed twice (its first answer lost) once, answering the stored ids', async () => {
      const job = await store.importJobs.create({ filePath: '/fleet.csv', fileName: 'fleet.csv', options: {}, owner: OWNER }, NOW);
      const chunk = {
        upserts: [{ vehicle: vehicle(1), attributes: { Plate: 'P1' } }, { vehicle: vehicle(2) }],
        attributeUpdates: [],
        redecoded: [],
        lastRow: 4,
        delta: { total: 4, added: 2, updated: 0, duplicates: 1, invalid: 1, failed: 0 },
        rejects: [{ row: 4, value: 'NOT-A-VIN', code: 'TOO_SHORT', reason: 'Too short.', kind: 'invalid' }] as const,
        vins: [fixtureVin(1), fixtureVin(2)],
      };
      const first = await store.importJobs.commitChunk(job.jobId, chunk, NOW);
      const afterFirst = await store.importJobs.get(job.jobId);
      const again = await store.importJobs.commitChunk(job.jobId, { ...chunk, upserts: [...chunk.upserts] }, new Date(NOW.getTime() + 1000));
      expect(again).toEqual(first.map((r) => ({ id: r.id, created: false })));
      expect(await store.importJobs.get(job.jobId)).toEqual(afterFirst);
      expect(await store.vehicles.count()).toBe(2);
      expect(await store.importJobs.countRejects(job.jobId)).toBe(1);
      // An earlier chunk arriving late (lastRow below the cursor) is not applied either.
      await store.importJobs.commitChunk(job.jobId, { ...chunk, upserts: [{ vehicle: vehicle(3) }], lastRow: 2, vins: [fixtureVin(3)] }, NOW);
      expect(await store.vehicles.getByVin(fixtureVin(3))).toBeNull();
      expect(await store.importJobs.get(job.jobId)).toEqual(afterFirst);
      // The next chunk beyond the cursor is applied.
      await store.importJobs.commitChunk(job.jobId, { ...chunk, upserts: [{ vehicle: vehicle(3) }], rejects: [], lastRow: 5, delta: { total: 1, added: 1, updated: 0, duplicates: 0, invalid: 0, failed: 0 }, vins: [fixtureVin(3)] }, NOW);
      expect(await store.importJobs.get(job.jobId)).toMatchObject({ rowsCommitted: 5, counts: { total: 5, added: 3 } });
    });

    it('answers which VINs each job has seen, per job', async () => {
      const a = await store.importJobs.create({ filePath: '/a.csv', fileName: 'a.csv', options: {}, owner: OWNER }, NOW);
      const b = await store.importJobs.create({ filePath: '/b.csv', fileName: 'b.csv', options: {}, owner: OWNER }, NOW);
      await store.importJobs.commitChunk(
        a.jobId,
        { upserts: [], attributeUpdates: [], redecoded: [], lastRow: 1, delta: { total: 1, added: 0, updated: 0, duplicates: 0, invalid: 0, failed: 0 }, rejects: [], vins: [fixtureVin(7)] },
        NOW,
      );
      expect(await store.importJobs.seenVins(a.jobId, [fixtureVin(7), fixtureVin(8)])).toEqual(new Set([fixtureVin(7)]));
      expect(await store.importJobs.seenVins(b.jobId, [fixtureVin(7)])).toEqual(new Set());
      expect((await store.importJobs.list()).map((j) => j.jobId).sort()).toEqual([a.jobId, b.jobId].sort());
    });

    it('moves a retry chunk’s recovered rows out of the report and into the counts together', async () => {
      const job = await store.importJobs.create({ filePath: '/f.csv', fileName: 'f.csv', options: {}, owner: OWNER }, NOW);
      const failedRow = (row: number, n: number) =>
        ({ row, value: fixtureVin(n), code: 'DECODE_FAILED', reason: 'vPIC was down.', kind: 'failed', attributes: { Plate: `P${n}` } }) as const;
      await store.importJobs.commitChunk(
        job.jobId,
        {
          upserts: [],
          attributeUpdates: [],
          redecoded: [],
          lastRow: 2,
          delta: { total: 2, added: 0, updated: 0, duplicates: 0, invalid: 0, failed: 2 },
          rejects: [failedRow(1, 1), failedRow(2, 2)],
          vins: [fixtureVin(1), fixtureVin(2)],
        },
        NOW,
      );
      expect(await store.importJobs.listFailedRows(job.jobId, 0, 10)).toEqual([
        { row: 1, value: fixtureVin(1), attributes: { Plate: 'P1' } },
        { row: 2, value: fixtureVin(2), attributes: { Plate: 'P2' } },
      ]);
      const results = await store.importJobs.commitRetryChunk(
        job.jobId,
        {
          upserts: [{ vehicle: vehicle(1), attributes: { Plate: 'P1' } }],
          attributeUpdates: [],
          recovered: [1],
          added: 1,
          updated: 0,
          stillFailed: [{ row: 2, reason: 'Still down.' }],
        },
        NOW,
      );
      expect(results).toEqual([{ id: expect.any(Number), created: true }]);
      expect(await store.importJobs.get(job.jobId)).toMatchObject({ counts: { total: 2, added: 1, failed: 1 } });
      expect(await store.importJobs.listFailedRows(job.jobId, 0, 10)).toEqual([{ row: 2, value: fixtureVin(2), attributes: { Plate: 'P2' } }]);
      const pages: number[][] = [];
      for await (const page of store.importJobs.iterateRejects(job.jobId, 1)) pages.push(page.map((r) => r.row));
      expect(pages).toEqual([[2]]);
      expect((await store.importJobs.listRejects(job.jobId, 0, 10))[0]).toMatchObject({ row: 2, reason: 'Still down.' });
      expect((await store.vehicles.getByVin(fixtureVin(1)))?.fleet.plate).toBe('P1');
    });

    it('keeps a job’s state, options and owner, and marks orphaned running jobs interrupted', async () => {
      const job = await store.importJobs.create({ filePath: '/f.csv', fileName: 'f.csv', options: {}, owner: OWNER }, NOW);
      expect(job).toMatchObject({ state: 'queued', fileName: 'f.csv', counts: { total: 0 } });
      await store.importJobs.setOptions(job.jobId, { vinColumn: 'Chassis', refresh: true }, NOW);
      await store.importJobs.setState(job.jobId, 'running', NOW, null, OWNER);
      expect(await store.importJobs.get(job.jobId)).toMatchObject({ state: 'running', vinColumn: 'Chassis', refresh: true, options: { vinColumn: 'Chassis' } });
      expect(await store.importJobs.heartbeat(OWNER, new Date(NOW.getTime() + 1000))).toBe(1);
      expect(await store.importJobs.heartbeat({ pid: 1, instance: 'someone-else', host: 'desk-b.example' }, NOW)).toBe(0);

      const asked: { ownerPid: number | null; ownerInstance: string | null }[] = [];
      const alive = await store.importJobs.markInterrupted(NOW, (j) => {
        asked.push({ ownerPid: j.ownerPid, ownerInstance: j.ownerInstance });
        return false;
      });
      expect(alive).toBe(0);
      expect(asked).toEqual([{ ownerPid: OWNER.pid, ownerInstance: OWNER.instance }]);
      expect(await store.importJobs.markInterrupted(NOW, () => true)).toBe(1);
      expect(await store.importJobs.get(job.jobId)).toMatchObject({ state: 'interrupted', resumable: true });
      await store.importJobs.setState(job.jobId, 'failed', NOW, { code: 'FILE_ERROR', message: 'Gone.' });
      expect(await store.importJobs.get(job.jobId)).toMatchObject({ state: 'failed', error: { code: 'FILE_ERROR', message: 'Gone.' } });
      expect(await store.importJobs.get('no-such-job')).toBeNull();
    });

    it('keeps a recalls answer per make/model/year and shows it on the fleet', async () => {
      const [stored] = await store.vehicles.upsertManyDecoded([{ vehicle: vehicle(1, { make: 'FORD', model: 'TRANSIT', modelYear: 2020 }) }], NOW);
      const key = { make: 'FORD', model: 'TRANSIT', modelYear: 2020 };
      expect(await store.recalls.get(key)).toBeNull();
      expect(await store.recalls.modelsToFetch({ fetchedBefore: null })).toEqual([key]);

      const campaigns = [campaign('20V123000', true), campaign('21V456000')];
      await store.recalls.save(key, { status: 'found', campaigns }, NOW);
      expect(await store.recalls.get(key)).toEqual({ status: 'found', campaigns, fetchedAt: NOW.toISOString() });
      expect(await store.recalls.modelsToFetch({ fetchedBefore: NOW })).toEqual([]);
      expect(await store.recalls.modelsToFetch({ fetchedBefore: new Date(NOW.getTime() + 1) })).toEqual([key]);
      expect(await store.recalls.summaries([stored!.id])).toEqual(new Map([[stored!.id, { status: 'found', count: 2, parkCount: 1 }]]));
      expect(await store.recalls.forVehicle(stored!.id, () => null)).toMatchObject({ status: 'found', campaigns });
      expect(await store.recalls.forVehicle(stored!.id + 1000, () => null)).toBeNull();
      const page = await store.vehicles.list({ recallStatus: 'found', offset: 0, limit: 100 });
      expect(page.rows.map((r) => r.id)).toEqual([stored!.id]);
    });

    it('streams every export row once, in pages, in id order unless sorted', async () => {
      const stored = await store.vehicles.upsertManyDecoded(
        [1, 2, 3, 4, 5, 6, 7].map((n) => ({ vehicle: vehicle(n, { make: n % 2 === 0 ? 'FORD' : 'TOYOTA' }), attributes: { 'Warranty ref': `W${n}` } })),
        NOW,
      );
      expect(await store.exports.count()).toBe(7);
      const batches = await collect(store.exports.rows({ batchSize: 3, withRaw: true }));
      expect(batches.map((b) => b.length)).toEqual([3, 3, 1]);
      expect(batches.flat().map((r) => r.id)).toEqual(stored.map((s) => s.id));
      expect(JSON.parse(batches[0]![0]!.raw_json)).not.toEqual({});
      expect(await store.exports.customHeaders()).toEqual(['Warranty ref']);

      const filter = { make: 'FORD' };
      expect(await store.exports.count(filter)).toBe(3);
      const sorted = (await collect(store.exports.rows({ filter, sort: { column: 'vin', direction: 'desc' }, batchSize: 2, withRaw: false }))).flat();
      expect(sorted.map((r) => r.vin)).toEqual([fixtureVin(6), fixtureVin(4), fixtureVin(2)]);
    });

    it('counts the fleet for the overview', async () => {
      expect((await store.overview()).total).toBe(0);
      await store.vehicles.upsertManyDecoded([1, 2, 3].map((n) => ({ vehicle: vehicle(n) })), NOW);
      expect((await store.overview()).total).toBe(3);
    });

    it('remembers a column mapping per set of headers', async () => {
      expect(await store.mappings.remembered(['VIN', 'Plate'])).toBeNull();
      await store.mappings.remember(['VIN', 'Plate'], { VIN: 'vin', Plate: 'plate' }, NOW);
      expect(await store.mappings.remembered(['vin', 'plate'])).toEqual({ vin: 'vin', plate: 'plate' });
    });
  });
}
