import { describe, expect, it } from 'vitest';
import { spread, spreadText } from './round-spread';

describe('spread', () => {
  it('gives the median of an odd and an even number of rounds, whatever their order', () => {
    expect(spread([30, 10, 20])).toEqual({ median: 20, min: 10, max: 30 });
    expect(spread([40, 10, 30, 20])).toEqual({ median: 25, min: 10, max: 40 });
    expect(spread([7])).toEqual({ median: 7, min: 7, max: 7 });
  });

  it('is not moved by one outlier the way a mean or a best would be', () => {
    expect(spread([100, 101, 99, 5000, 98]).median).toBe(100);
  });

  it('refuses no rounds and prints the spread rounded', () => {
    expect(() => spread([])).toThrow(RangeError);
    expect(spreadText({ median: 2, min: 1.4, max: 2.6 })).toBe('1–3');
  });
});
