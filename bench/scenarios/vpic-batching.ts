/**
 * Bench: batched, polite vPIC decoding vs the naive one-GET-per-VIN loop.
 *
 * The original brief's weak point was one vPIC request per VIN. This scenario decodes the same
 * uncached fleet through the simulator (50 ms latency) both ways in one run: `decodeBatch`
 * with the client's DEFAULT politeness (2 concurrent, 5 requests/s), and a plain sequential
 * fetch loop as earlier solutions did. Targets: ≥ 10× faster, and within 1.3× of the ideal
 * time max(requests / concurrency × latency, requests / rate cap), requests = ceil(N / 50).
 */
import { DEFAULT_CONCURRENCY, DEFAULT_RATE_PER_SECOND, createVpicClient, VPIC_BATCH_LIMIT } from '../../electron/core/lookup/vpic-client';
import { idealBatchTimeMs } from '../ideal-time';
import { generateVins } from '../../testing/fleet-generator';
import { maxRequestsInWindow } from '../../testing/vpic-simulator/request-rate';
import { startVpicSimulator } from '../../testing/vpic-simulator/vpic-simulator';
import type { BenchRow } from '../bench-row';

export interface VpicBatchingBenchOptions {
  /** Fleet size (default 1000). */
  readonly vins?: number;
  /**
   * VINs actually sent by the naive loop; its time is extrapolated linearly to `vins`
   * (default 200: the full naive loop of 1000 GETs alone takes ~55 s).
   */
  readonly naiveSample?: number;
  readonly latencyMs?: number;
  readonly seed?: number;
}

const SCENARIO = 'vpic-batching';

export async function runVpicBatchingBench(options: VpicBatchingBenchOptions = {}): Promise<BenchRow[]> {
  const n = options.vins ?? 1000;
  const sampleSize = Math.min(options.naiveSample ?? 200, n);
  const latencyMs = options.latencyMs ?? 50;
  const vins = generateVins(options.seed ?? 20_240_601, n);
  const simulator = await startVpicSimulator({ latencyMs });
  try {
    // Batched, default politeness (only the base URL differs from production).
    const client = createVpicClient({ baseUrl: simulator.url });
    let batchedMs: number;
    let decoded: number;
    try {
      const started = performance.now();
      const result = await client.decodeBatch(vins);
      batchedMs = performance.now() - started;
      decoded = result.decoded.length;
      if (result.failed.length > 0 || decoded !== n) {
        throw new Error(`batched run decoded ${decoded}/${n}; first failure: ${result.failed[0]?.error.message ?? 'none'}`);
      }
    } finally {
      client.close();
    }
    const batchedStats = simulator.stats;
    simulator.resetStats();

    // Naive: one GET per VIN, one after the other, no batching.
    const sample = vins.slice(0, sampleSize);
    const naiveStarted = performance.now();
    for (const vin of sample) {
      const response = await fetch(`${simulator.url}/vehicles/DecodeVinValues/${vin}?format=json`);
      await response.json();
    }
    const naiveSampleMs = performance.now() - naiveStarted;
    const naiveMs = (naiveSampleMs / sampleSize) * n;

    const requests = Math.ceil(n / VPIC_BATCH_LIMIT);
    const idealMs = idealBatchTimeMs(requests, latencyMs);
    const speedUp = naiveMs / batchedMs;
    const idealRatio = batchedMs / idealMs;
    const naiveLabel = sampleSize === n ? `${n} VINs` : `${n} VINs, extrapolated from ${sampleSize}`;
    const peakPerSecond = maxRequestsInWindow(batchedStats.requestTimes, 1000);

    return [
      { scenario: SCENARIO, metric: `batched decodeBatch time (${n} VINs, ${latencyMs} ms latency)`, value: Math.round(batchedMs), unit: 'ms' },
      { scenario: SCENARIO, metric: `naive sequential GET time (${naiveLabel})`, value: Math.round(naiveMs), unit: 'ms' },
      {
        scenario: SCENARIO,
        metric: 'batched requests sent',
        value: batchedStats.requests,
        unit: 'requests',
        target: `= ceil(N/50) = ${requests}`,
        pass: batchedStats.requests === requests,
      },
      { scenario: SCENARIO, metric: 'speed-up batched vs naive', value: Number(speedUp.toFixed(1)), unit: '×', target: '≥ 10', pass: speedUp >= 10 },
      { scenario: SCENARIO, metric: 'ideal time', value: Math.round(idealMs), unit: 'ms' },
      { scenario: SCENARIO, metric: 'batched time / ideal time', value: Number(idealRatio.toFixed(2)), unit: 'ratio', target: '≤ 1.3', pass: idealRatio <= 1.3 },
      {
        scenario: SCENARIO,
        metric: 'peak concurrent requests seen by vPIC',
        value: batchedStats.maxConcurrent,
        unit: 'requests',
        target: `≤ ${DEFAULT_CONCURRENCY}`,
        pass: batchedStats.maxConcurrent <= DEFAULT_CONCURRENCY,
      },
      {
        scenario: SCENARIO,
        metric: 'peak requests in any 1 s window seen by vPIC',
        value: peakPerSecond,
        unit: 'requests',
        target: `≤ ${DEFAULT_RATE_PER_SECOND}`,
        pass: peakPerSecond <= DEFAULT_RATE_PER_SECOND,
      },
    ];
  } finally {
    await simulator.close();
  }
}
