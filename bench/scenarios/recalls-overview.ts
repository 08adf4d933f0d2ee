/**
 * Bench: the fleet overview's SQL at 100,000 vehicles, and fetching recalls for a fleet.
 *
 * Overview: a 100k cache of simulator-decoded vehicles (~3.5 KB vPIC record per row, like the
 * real cache), NHTSA answers cached for every make/model/year in it; the time of `fleetOverview`
 * (every chart's counts), median of 5 after a warm-up. Target < 300 ms. The Recalls column's
 * sort and the "has park-it recalls" filter on the same cache are reported beside it.
 *
 * Recall fetch: a 10,000-vehicle fleet spread over 150 make/model/years (a fleet buys models in
 * bulk), refreshed through the recalls client at its DEFAULT politeness against the simulator
 * (50 ms latency). Targets: requests sent = distinct make/model/year, and time within 1.3× of
 * the rate-cap ideal max(requests / concurrency × latency, requests / rate cap).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSqliteRecallStore } from '../../electron/core/storage/sqlite/sqlite-recall-store';
import { openDatabase } from '../../electron/core/storage/sqlite/db/open-database';
import { DEFAULT_CONCURRENCY, DEFAULT_RATE_PER_SECOND } from '../../electron/core/http/polite-http';
import { mapVpicResult } from '../../electron/core/lookup/vpic-record';
import { fleetOverview } from '../../electron/core/storage/sqlite/overview/fleet-overview-query';
import { saveRecallModel } from '../../electron/core/storage/sqlite/recalls/recall-repository';
import { campaignsFromResults } from '../../electron/core/recalls/recalls-answer';
import { createRecallsClient } from '../../electron/core/recalls/recalls-client';
import { createRecallsService } from '../../electron/core/recalls/recalls-service';
import { listVehicles, upsertManyDecoded } from '../../electron/core/storage/sqlite/vehicles/vehicle-repository';
import { generateVins } from '../../testing/fleet-generator';
import { fixtureVin, makeDecodedVehicle } from '../../testing/vehicle-fixtures';
import { catalogRecallCombos } from '../../testing/vpic-simulator/recall-combos';
import { simulateDecode } from '../../testing/vpic-simulator/simulated-decode';
import { simulateRecalls } from '../../testing/vpic-simulator/simulated-recalls';
import { maxRequestsInWindow } from '../../testing/vpic-simulator/request-rate';
import { startVpicSimulator } from '../../testing/vpic-simulator/vpic-simulator';
import type { BenchRow } from '../bench-row';
import { idealBatchTimeMs } from '../ideal-time';

const SCENARIO = 'recalls-overview';
const CHUNK = 1000;

export interface RecallsOverviewBenchOptions {
  readonly vehicles?: number;
  readonly fetchFleet?: number;
  readonly fetchModels?: number;
  readonly latencyMs?: number;
  readonly samples?: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function timed<T>(fn: () => T): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

async function overviewRows(n: number, samples: number, dir: string): Promise<BenchRow[]> {
  const db = openDatabase(path.join(dir, 'overview.sqlite'));
  try {
    const decodedAt = new Date('2025-01-01T00:00:00Z');
    const vins = generateVins(20_251_115, n, { unique: true });
    for (let i = 0; i < vins.length; i += CHUNK) {
      upsertManyDecoded(
        db,
        vins.slice(i, i + CHUNK).map((vin) => ({ vehicle: mapVpicResult(simulateDecode(vin, { referenceYear: 2025 }), decodedAt, vin) })),
        decodedAt,
      );
    }
    // NHTSA's answer for every make/model/year of the fleet, as a refresh would have stored it.
    const combos = db
      .prepare<[], { make: string; model: string; modelYear: number }>(
        'SELECT DISTINCT make, model, model_year AS modelYear FROM vehicles WHERE make IS NOT NULL AND model IS NOT NULL AND model_year IS NOT NULL',
      )
      .all();
    db.transaction(() => {
      for (const key of combos) {
        const answer = simulateRecalls(key.make, key.model, key.modelYear);
        const campaigns = answer.kind === 'no-data' ? [] : campaignsFromResults(answer.results);
        const status = answer.kind === 'no-data' ? 'no-data' : campaigns.length > 0 ? 'found' : 'none';
        saveRecallModel(db, key, { status, campaigns }, decodedAt);
      }
    }).immediate();
    db.pragma('optimize');

    const warm = fleetOverview(db);
    if (warm.total !== n) throw new Error(`overview counted ${warm.total} vehicles, expected ${n}`);
    const overviewMs = median(Array.from({ length: samples }, () => timed(() => fleetOverview(db))));
    const sortMs = median(
      Array.from({ length: samples }, () => timed(() => listVehicles(db, { offset: 0, limit: 100, sort: { column: 'recalls', direction: 'desc' } }))),
    );
    const parkMs = median(Array.from({ length: samples }, () => timed(() => listVehicles(db, { offset: 0, limit: 100, parkIt: true }))));
    return [
      {
        scenario: SCENARIO,
        metric: `fleet overview query (${n.toLocaleString('en-US')} vehicles, ${combos.length} make/model/years, median of ${samples})`,
        value: round1(overviewMs),
        unit: 'ms',
        target: '< 300',
        pass: overviewMs < 300,
      },
      { scenario: SCENARIO, metric: 'table page sorted by Recalls (first 100 of 100k)', value: round1(sortMs), unit: 'ms' },
      { scenario: SCENARIO, metric: 'table page filtered "has park-it recalls" (with count)', value: round1(parkMs), unit: 'ms' },
    ];
  } finally {
    db.close();
  }
}

async function fetchRows(fleet: number, models: number, latencyMs: number, dir: string): Promise<BenchRow[]> {
  const db = openDatabase(path.join(dir, 'fetch.sqlite'));
  const simulator = await startVpicSimulator({ latencyMs });
  // Default politeness: only the base URL differs from production.
  const client = createRecallsClient({ baseUrl: simulator.nhtsaApiUrl });
  try {
    const combos = catalogRecallCombos().slice(0, models);
    const decodedAt = new Date('2025-01-01T00:00:00Z');
    for (let i = 0; i < fleet; i += CHUNK) {
      const items = [];
      for (let j = i; j < Math.min(fleet, i + CHUNK); j += 1) {
        const c = combos[j % combos.length]!;
        items.push({ vehicle: makeDecodedVehicle({ vin: fixtureVin(j), make: c.make, model: c.model, modelYear: c.modelYear }) });
      }
      upsertManyDecoded(db, items, decodedAt);
    }
    const service = createRecallsService({ recalls: createSqliteRecallStore(db), client });
    const started = performance.now();
    const answer = await service.refresh();
    const elapsedMs = performance.now() - started;
    if (answer.failed > 0) throw new Error(`${answer.failed} recall requests failed: ${answer.error ?? ''}`);
    const stats = simulator.stats;
    const idealMs = idealBatchTimeMs(combos.length, latencyMs, DEFAULT_CONCURRENCY, DEFAULT_RATE_PER_SECOND);
    const ratio = elapsedMs / idealMs;
    const peak = maxRequestsInWindow(stats.requestTimes, 1000);
    return [
      { scenario: SCENARIO, metric: `recall fetch time (${fleet.toLocaleString('en-US')} vehicles, ${latencyMs} ms latency)`, value: Math.round(elapsedMs), unit: 'ms' },
      {
        scenario: SCENARIO,
        metric: 'recall requests sent',
        value: stats.recallRequests,
        unit: 'requests',
        target: `= distinct make/model/year = ${combos.length}`,
        pass: stats.recallRequests === combos.length,
      },
      { scenario: SCENARIO, metric: 'rate-cap ideal time', value: Math.round(idealMs), unit: 'ms' },
      { scenario: SCENARIO, metric: 'recall fetch time / ideal', value: Number(ratio.toFixed(2)), unit: 'ratio', target: '≤ 1.3', pass: ratio <= 1.3 },
      {
        scenario: SCENARIO,
        metric: 'peak recall requests in any 1 s window',
        value: peak,
        unit: 'requests',
        target: `≤ ${DEFAULT_RATE_PER_SECOND}`,
        pass: peak <= DEFAULT_RATE_PER_SECOND,
      },
    ];
  } finally {
    client.close();
    db.close();
    await simulator.close();
  }
}

export async function runRecallsOverviewBench(options: RecallsOverviewBenchOptions = {}): Promise<BenchRow[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fvl-bench-recalls-'));
  try {
    return [
      ...(await overviewRows(options.vehicles ?? 100_000, options.samples ?? 5, dir)),
      ...(await fetchRows(options.fetchFleet ?? 10_000, options.fetchModels ?? 150, options.latencyMs ?? 50, dir)),
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
