/**
 * A tiny seeded pseudo-random generator for reproducible test data.
 *
 * mulberry32 (Tommy Ettinger, public domain): 32-bit state, good enough statistics for test
 * fixtures, and the same sequence on every platform, so a seed names a fixture exactly.
 */

/** Returns floats in [0, 1). */
export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [min, max] (both inclusive). */
export function randomInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** One element of a non-empty list (or one character of a string). */
export function pick<T>(rng: Rng, items: ArrayLike<T>): T {
  if (items.length === 0) throw new RangeError('pick() needs a non-empty list');
  return items[Math.floor(rng() * items.length)];
}
