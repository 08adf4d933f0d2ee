/**
 * Per-round figures summarised the same way on both sides of a comparison: the median (robust to
 * one slow round on a shared machine) and the min–max spread, so a reader sees how noisy it was.
 */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export function spread(values: readonly number[]): Spread {
  if (values.length === 0) throw new RangeError('spread needs at least one value');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

/** "min–max", rounded. */
export function spreadText(s: Spread): string {
  return `${Math.round(s.min)}–${Math.round(s.max)}`;
}
