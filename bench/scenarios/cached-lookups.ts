/**
 * Bench: cached lookups per second through the core vs a bare primary-key select.
 *
 * Answering a VIN that is already cached must cost little more than SQLite itself — the
 * service's validation, row mapping (the stored vPIC record is JSON) and promise must not
 * dominate. Both sides read the same database file, the same random VIN sequence from a
 * 10,000-vehicle fleet with full vPIC records, in the same process. Target: the core reaches
 * ≥ 50% of the raw rate.
 *
 * Like with like: the app's answer crosses IPC by structured clone, which walks every field of
 * the vehicle including its whole `raw` vPIC record, so the core side clones each answer
 * (`structuredClone`), as IPC would. The raw side reads the full row (`SELECT *`, the stored
 * record included) but does nothing with it, as before: that is SQLite's floor. Several rounds
 * per side, interleaved; each side's per-round rates are reported as a median with their
 * min–max spread, and the ratio is computed from the two medians (not from each side's best).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sqliteDatabaseOf } from '../../electron/core/storage/sqlite/sqlite-fleet-store';
import { createAppContext } from '../../electron/core/app/app-context';
import { silentLogger } from '../../electron/core/logging/logger';
import { mapVpicResult } from '../../electron/core/lookup/vpic-record';
import { upsertManyDecoded } from '../../electron/core/storage/sqlite/vehicles/vehicle-repository';
import { generateVins } from '../../testing/fleet-generator';
import { mulberry32, randomInt } from '../../testing/prng';
import { simulateDecode } from '../../testing/vpic-simulator/simulated-decode';
import type { BenchRow } from '../bench-row';
import { spread, spreadText } from '../round-spread';

export interface CachedLookupsBenchOptions {
  /** Vehicles in the cache (default 10,000). */
  readonly fleet?: number;
  /** Lookups per measured round (default 50,000). */
  readonly lookups?: number;
  /** Rounds per side, interleaved; medians are compared (default 7). */
  readonly rounds?: number;
  readonly seed?: number;
}

const SCENARIO = 'cached-lookups';
const TARGET_RATIO = 0.5;

function perSecond(count: number, ms: number): number {
  return count / (ms / 1000);
}

export async function runCachedLookupsBench(options: CachedLookupsBenchOptions = {}): Promise<BenchRow[]> {
  const fleetSize = options.fleet ?? 10_000;
  const lookups = options.lookups ?? 50_000;
  const rounds = options.rounds ?? 7;
  const seed = options.seed ?? 20_240_603;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'fvl-bench-cached-'));
  try {
    // offline: no vPIC client at all — a cache miss here would be a bug in the bench, not a request.
    const ctx = await createAppContext({
      dataDir,
      runtime: 'cli',
      version: 'bench',
      logger: silentLogger(),
      emit: () => undefined,
      offline: true,
    });
    let raw: BetterSqlite3.Database | null = null;
    try {
      const fleet = generateVins(seed, fleetSize, { unique: true });
      const decodedAt = new Date('2025-01-01T00:00:00Z');
      upsertManyDecoded(
        sqliteDatabaseOf(ctx.store),
        fleet.map((vin) => ({ vehicle: mapVpicResult(simulateDecode(vin, { referenceYear: 2025 }), decodedAt, vin) })),
        decodedAt,
      );
      const rng = mulberry32(seed + 1);
      const sequence = Array.from({ length: lookups }, () => fleet[randomInt(rng, 0, fleet.length - 1)]!);

      raw = new BetterSqlite3(ctx.paths.databasePath, { readonly: true });
      const select = raw.prepare<[string], unknown>('SELECT * FROM vehicles WHERE vin = ?');
      const lookup = ctx.services.lookup;

      async function coreRound(vins: readonly string[]): Promise<number> {
        const started = performance.now();
        for (const vin of vins) {
          // What IPC does to every answer before the renderer sees it.
          const answer = structuredClone(await lookup.lookup(vin));
          if (!answer.cached) throw new Error(`${vin} was not answered from the cache`);
        }
        return performance.now() - started;
      }
      function rawRound(vins: readonly string[]): number {
        const started = performance.now();
        for (const vin of vins) {
          if (select.get(vin) === undefined) throw new Error(`${vin} is not in the database`);
        }
        return performance.now() - started;
      }

      // Warm both paths (statement caches, JIT, SQLite's page cache) before measuring.
      const warmUp = sequence.slice(0, Math.min(2000, lookups));
      await coreRound(warmUp);
      rawRound(warmUp);
      const coreRates: number[] = [];
      const rawRates: number[] = [];
      for (let round = 0; round < rounds; round += 1) {
        // Interleaved so drift (thermal, other processes) hits both sides alike.
        coreRates.push(perSecond(lookups, await coreRound(sequence)));
        rawRates.push(perSecond(lookups, rawRound(sequence)));
      }
      const core = spread(coreRates);
      const rawSide = spread(rawRates);
      const ratio = core.median / rawSide.median;
      return [
        {
          scenario: SCENARIO,
          metric: `core lookup() + structuredClone, ${fleetSize} cached vehicles, median of ${rounds} (min–max ${spreadText(core)})`,
          value: Math.round(core.median),
          unit: 'lookups/s',
        },
        {
          scenario: SCENARIO,
          metric: `raw better-sqlite3 PK select, same VINs, median of ${rounds} (min–max ${spreadText(rawSide)})`,
          value: Math.round(rawSide.median),
          unit: 'selects/s',
        },
        {
          scenario: SCENARIO,
          metric: 'core median rate / raw median rate',
          value: Math.round(ratio * 100),
          unit: '%',
          target: `≥ ${TARGET_RATIO * 100}%`,
          pass: ratio >= TARGET_RATIO,
        },
      ];
    } finally {
      raw?.close();
      await ctx.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
