/**
 * One measured result of a benchmark scenario, as `npm run bench` prints and stores it.
 *
 * `target` is human-readable ("≥ 10×", "≤ 1.3"); `pass` says whether `value` met it.
 */
export interface BenchRow {
  readonly scenario: string;
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  readonly target?: string;
  readonly pass?: boolean;
}
