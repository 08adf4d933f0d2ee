/**
 * The ideal time of a batched decode, the yardstick of the decoding and import benchmarks:
 * requests can go no faster than the concurrency allows at the given latency, nor faster than
 * the rate cap lets them start (`max(requests / concurrency × latency, requests / rate cap)`).
 */
import { DEFAULT_CONCURRENCY, DEFAULT_RATE_PER_SECOND } from '../electron/core/lookup/vpic-client';

export function idealBatchTimeMs(
  requests: number,
  latencyMs: number,
  concurrency = DEFAULT_CONCURRENCY,
  ratePerSecond = DEFAULT_RATE_PER_SECOND,
): number {
  return Math.max((requests / concurrency) * latencyMs, (requests / ratePerSecond) * 1000);
}
