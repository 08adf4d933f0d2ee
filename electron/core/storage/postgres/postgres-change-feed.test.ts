import { describe, expect, it } from 'vitest';
import { parseChangeNotice } from './postgres-change-feed';

describe('parseChangeNotice', () => {
  it('reads a store’s notice', () => {
    expect(parseChangeNotice(JSON.stringify({ origin: 'desk-1', reason: 'import', count: 3 }))).toEqual({
      origin: 'desk-1',
      change: { reason: 'import', count: 3 },
    });
  });

  it.each([
    ['no payload', undefined],
    ['not JSON', 'refresh please'],
    ['an unknown reason', JSON.stringify({ origin: 'x', reason: 'drop-table', count: 1 })],
    ['no origin', JSON.stringify({ reason: 'import', count: 1 })],
    ['a count that is not a number', JSON.stringify({ origin: 'x', reason: 'import', count: '1' })],
  ])('ignores %s (another program on the channel, a damaged notice)', (_what, payload) => {
    expect(parseChangeNotice(payload)).toBeNull();
  });
});
