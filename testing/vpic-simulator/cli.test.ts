import { describe, expect, it } from 'vitest';
import { parseFault } from './cli';

describe('simulator CLI fault names', () => {
  it('reads statuses with and without Retry-After, and every other kind', () => {
    expect(parseFault('503')).toEqual({ kind: 'status', status: 503 });
    expect(parseFault('429:5')).toEqual({ kind: 'status', status: 429, retryAfterSeconds: 5 });
    expect(parseFault('slow:250')).toEqual({ kind: 'slow', delayMs: 250 });
    expect(parseFault('reset')).toEqual({ kind: 'reset' });
    expect(parseFault('malformed-json')).toEqual({ kind: 'malformed-json' });
    expect(parseFault('html')).toEqual({ kind: 'html' });
    expect(parseFault('partial-batch:3')).toEqual({ kind: 'partial-batch', drop: 3 });
  });

  it('names what it does not know', () => {
    expect(() => parseFault('502')).toThrow(/Unknown fault "502"/);
    expect(() => parseFault('slow:-1')).toThrow(/non-negative integer/);
  });
});
