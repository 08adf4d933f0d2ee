import { describe, expect, it } from 'vitest';
import { maxRequestsInWindow } from './request-rate';

describe('maxRequestsInWindow', () => {
  it('counts the busiest window, with its end exclusive', () => {
    expect(maxRequestsInWindow([])).toBe(0);
    expect(maxRequestsInWindow([0, 100, 999, 1000, 1500, 1600, 1700], 1000)).toBe(5);
    expect(maxRequestsInWindow([3000, 0, 1000, 2000], 1000)).toBe(1);
    expect(maxRequestsInWindow([0, 0, 0], 1)).toBe(3);
  });
});
