/**
 * Recalls for a fleet against the simulator: every status, one request per make/model/year,
 * caching with refresh by age or on demand, failures, and the table's recall column.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtureVin, makeDecodedVehicle } from '../../../testing/vehicle-fixtures';
import { hasParkIt, isFound, isNoData, isNone, pickCombos, type RecallCombo } from '../../../testing/vpic-simulator/recall-combos';
import { startVpicSimulator, type VpicSimulator } from '../../../testing/vpic-simulator/vpic-simulator';
import type { DecodedVehicle } from '../../../shared/vehicle';
import { openDatabase } from '../storage/sqlite/db/open-database';
import { fleetOverview } from '../storage/sqlite/overview/fleet-overview-query';
import { getByVin, listVehicles, upsertManyDecoded } from '../storage/sqlite/vehicles/vehicle-repository';
import { withRecallSummaries } from '../storage/sqlite/recalls/recall-repository';
import { createRecallsClient, type RecallsClient } from './recalls-client';
import { createRecallsService, type RecallsService } from './recalls-service';
import { createSqliteRecallStore } from '../storage/sqlite/sqlite-recall-store';

let sim: VpicSimulator;
let dir: string;
let db: Database;
let client: RecallsClient;
let clock: Date;

const DAY = 24 * 60 * 60 * 1000;

beforeEach(async () => {
  sim = await startVpicSimulator({ latencyMs: 1 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recalls-'));
  db = openDatabase(path.join(dir, 'fleet.sqlite'));
  clock = new Date('2026-03-01T12:00:00.000Z');
  client = createRecallsClient({
    baseUrl: sim.nhtsaApiUrl,
    ratePerSecond: 100,
    timeoutMs: 500,
    retries: 1,
    retryMinDelayMs: 5,
    retryMaxDelayMs: 10,
    breaker: { failureThreshold: 100, resetTimeoutMs: 200 },
  });
});
afterEach(async () => {
  client.close();
  db.close();
  await sim.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function service(maxAgeMs?: number): RecallsService {
  return createRecallsService({ recalls: createSqliteRecallStore(db), client, now: () => clock, ...(maxAgeMs === undefined ? {} : { maxAgeMs }) });
}

let vinCounter = 0;
/** Stores `n` vehicles of a make/model/year; returns their ids. */
function seed(spec: Partial<DecodedVehicle>, n = 1): number[] {
  const vehicles = Array.from({ length: n }, () => makeDecodedVehicle({ ...spec, vin: fixtureVin((vinCounter += 1)) }));
  upsertManyDecoded(db, vehicles.map((vehicle) => ({ vehicle })), clock);
  return vehicles.map((v) => getByVin(db, v.vin)!.id);
}

const ofCombo = (c: RecallCombo): Partial<DecodedVehicle> => ({ make: c.make, model: c.model, modelYear: c.modelYear });

describe('statuses', () => {
  it('tells found, none, no data, not checked and unknown model apart', async () => {
    const [found] = pickCombos(1, isFound);
    const [none] = pickCombos(1, isNone);
    const [noData] = pickCombos(1, isNoData);
    const ids = {
      found: seed(ofCombo(found!))[0]!,
      none: seed(ofCombo(none!))[0]!,
      noData: seed(ofCombo(noData!))[0]!,
      unknown: seed({ make: 'PETERBILT', model: null, modelYear: 2014 })[0]!,
    };
    const recalls = service();
    expect((await recalls.forVehicle(ids.found)).status).toBe('not-checked');

    const answer = await recalls.refresh();
    expect(answer).toEqual({ models: 3, fetched: 3, failed: 0, error: null });
    expect(sim.stats.recallRequests).toBe(3);

    const f = await recalls.forVehicle(ids.found);
    expect(f.status).toBe('found');
    expect(f.campaigns.length).toBe(found!.answer.kind === 'listed' ? new Set(found!.answer.results.map((r) => r.NHTSACampaignNumber)).size : -1);
    expect(f.fetchedAt).toBe(clock.toISOString());
    expect((await recalls.forVehicle(ids.none)).status).toBe('none');
    expect((await recalls.forVehicle(ids.noData)).status).toBe('no-data');
    expect(await recalls.forVehicle(ids.unknown)).toMatchObject({ status: 'unknown-model', campaigns: [], fetchedAt: null });
  });

  it('a failed request leaves the vehicle "not checked" with the reason, and does not count as an answer', async () => {
    const [combo] = pickCombos(1, isFound);
    const [id] = seed(ofCombo(combo!));
    sim.injectFaults([{ kind: 'status', status: 500 }, { kind: 'status', status: 500 }]);
    const answer = await service().refresh();
    expect(answer).toMatchObject({ models: 1, fetched: 0, failed: 1 });
    expect(answer.error).toMatch(/HTTP 500/);
    const recalls = await service().forVehicle(id!);
    expect(recalls.status).toBe('not-checked');
  });
});

describe('one request per make/model/year, cached', () => {
  it('asks once per distinct make/model/year whatever the number of vehicles (case folded)', async () => {
    const combos = pickCombos(3, isFound);
    for (const c of combos) seed(ofCombo(c), 7);
    seed({ ...ofCombo(combos[0]!), make: combos[0]!.make.toLowerCase() }, 3);
    const answer = await service().refresh();
    expect(answer.models).toBe(3);
    expect(sim.stats.recallRequests).toBe(3);
    expect(new Set(sim.stats.recallQueries).size).toBe(3);
  });

  it('uses the cache until the answer is older than the configured age, or on demand', async () => {
    const [combo] = pickCombos(1, isFound);
    const [id] = seed(ofCombo(combo!), 2);
    const recalls = service(3 * DAY);
    await recalls.refresh();
    expect(sim.stats.recallRequests).toBe(1);

    // Fresh: neither a refresh nor the details panel asks again.
    expect(await recalls.refresh()).toEqual({ models: 0, fetched: 0, failed: 0, error: null });
    await recalls.forVehicle(id!, { fetch: true });
    expect(sim.stats.recallRequests).toBe(1);

    clock = new Date(clock.getTime() + 2 * DAY);
    await recalls.refresh();
    expect(sim.stats.recallRequests).toBe(1);

    // Older than three days: asked again, and the fetch time moves.
    clock = new Date(clock.getTime() + 2 * DAY);
    expect(await recalls.refresh()).toMatchObject({ models: 1, fetched: 1 });
    expect(sim.stats.recallRequests).toBe(2);
    expect((await recalls.forVehicle(id!)).fetchedAt).toBe(clock.toISOString());

    // On demand even when fresh.
    expect(await recalls.refresh({ force: true })).toMatchObject({ models: 1, fetched: 1 });
    expect(sim.stats.recallRequests).toBe(3);
  });

  it('defaults to seven days', async () => {
    const [combo] = pickCombos(1, isNone);
    seed(ofCombo(combo!));
    const recalls = service();
    await recalls.refresh();
    clock = new Date(clock.getTime() + 7 * DAY - 1000);
    await recalls.refresh();
    expect(sim.stats.recallRequests).toBe(1);
    clock = new Date(clock.getTime() + 2000);
    await recalls.refresh();
    expect(sim.stats.recallRequests).toBe(2);
  });

  it('the details panel fetches a missing answer once, shared with a refresh running at the same time', async () => {
    const [combo] = pickCombos(1, isFound);
    const [id] = seed(ofCombo(combo!));
    const recalls = service();
    const [one] = await Promise.all([recalls.forVehicle(id!, { fetch: true }), recalls.refresh()]);
    expect(one.status).toBe('found');
    expect(sim.stats.recallRequests).toBe(1);
  });

  it('a refresh limited to some vehicles asks only for their models', async () => {
    const combos = pickCombos(2, isFound);
    const [a] = seed(ofCombo(combos[0]!));
    seed(ofCombo(combos[1]!));
    expect(await service().refresh({ ids: [a!] })).toMatchObject({ models: 1 });
    expect(sim.stats.recallQueries).toEqual([`${combos[0]!.make}|${combos[0]!.model.toUpperCase()}|${combos[0]!.modelYear}`]);
  });

  it('offline (no client): shows the cache, asks nobody, and says why', async () => {
    const [combo] = pickCombos(1, isFound);
    const [id] = seed(ofCombo(combo!));
    const offline = createRecallsService({ recalls: createSqliteRecallStore(db), client: null, now: () => clock });
    expect(await offline.refresh()).toMatchObject({ models: 1, fetched: 0, failed: 1, error: expect.stringMatching(/offline/) });
    expect((await offline.forVehicle(id!, { fetch: true })).status).toBe('not-checked');
    expect(sim.stats.recallRequests).toBe(0);
  });
});

describe('the fleet table and overview', () => {
  it('filters, sorts and summarises rows by recall status and park-it campaigns', async () => {
    const [park] = pickCombos(1, (c) => hasParkIt(c));
    const [plain] = pickCombos(1, (c) => isFound(c) && !hasParkIt(c));
    const [none] = pickCombos(1, isNone);
    const parkIds = seed(ofCombo(park!), 2);
    const plainIds = seed(ofCombo(plain!), 3);
    const noneIds = seed(ofCombo(none!), 1);
    const unknownIds = seed({ make: null, model: null }, 1);
    await service().refresh();
    const notChecked = seed({ make: 'PETERBILT', model: '388', modelYear: 1990 }, 1);

    const idsOf = (filter: Parameters<typeof listVehicles>[1]): number[] => listVehicles(db, filter).rows.map((r) => r.id).sort((a, b) => a - b);
    expect(idsOf({ offset: 0, limit: 100, parkIt: true })).toEqual(parkIds);
    expect(idsOf({ offset: 0, limit: 100, recallStatus: 'found' })).toEqual([...parkIds, ...plainIds]);
    expect(idsOf({ offset: 0, limit: 100, recallStatus: 'none' })).toEqual(noneIds);
    expect(idsOf({ offset: 0, limit: 100, recallStatus: 'unknown-model' })).toEqual(unknownIds);
    expect(idsOf({ offset: 0, limit: 100, recallStatus: 'not-checked' })).toEqual(notChecked);

    const sorted = listVehicles(db, { offset: 0, limit: 100, sort: { column: 'recalls', direction: 'desc' } }).rows.map((r) => r.id);
    // Descending, ties broken by id descending too.
    expect(sorted.slice(0, 2)).toEqual([...parkIds].reverse());
    expect(sorted.slice(2, 5)).toEqual([...plainIds].reverse());
    expect(sorted.at(-1)).toBe(unknownIds[0]);

    const page = withRecallSummaries(db, listVehicles(db, { offset: 0, limit: 100 }));
    const summary = page.rows.find((r) => r.id === parkIds[0])!.recalls!;
    expect(summary.status).toBe('found');
    expect(summary.parkCount).toBeGreaterThan(0);
    expect(page.rows.find((r) => r.id === noneIds[0])!.recalls).toEqual({ status: 'none', count: 0, parkCount: 0 });

    const overview = fleetOverview(db);
    expect(overview.total).toBe(8);
    expect(Object.fromEntries(overview.recalls.byStatus.map((s) => [s.status, s.count]))).toEqual({
      found: 5,
      none: 1,
      'no-data': 0,
      'not-checked': 1,
      'unknown-model': 1,
    });
    expect(overview.recalls.withParkIt).toBe(2);
  });
});
