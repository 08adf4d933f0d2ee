/**
 * How many requests the simulator saw inside the busiest window: what "vPIC never sees more
 * than the configured rate" is measured with, by the tests and the benchmarks alike.
 */

/** Most request arrivals (ms timestamps, e.g. `stats.requestTimes`) inside any window of `windowMs`. */
export function maxRequestsInWindow(times: readonly number[], windowMs = 1000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let end = 0, start = 0; end < sorted.length; end += 1) {
    while (sorted[end]! - sorted[start]! >= windowMs) start += 1;
    most = Math.max(most, end - start + 1);
  }
  return most;
}
