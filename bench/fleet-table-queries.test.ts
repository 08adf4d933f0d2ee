import { describe, expect, it } from 'vitest';
import type { FleetStore } from '../electron/core/storage/fleet-store';
import { fleetTableQueries, timeFleetTableQueries } from './fleet-table-queries';

/** A store whose list and count answer `total` and record which store ran which query, in order. */
function fakeStore(name: string, total: number, calls: string[]): FleetStore {
  const vehicles = {
    list: (query: { search?: string }) => {
      calls.push(`${name}:list:${query.search ?? ''}`);
      return Promise.resolve({ rows: [], total });
    },
    count: () => {
      calls.push(`${name}:count`);
      return Promise.resolve(total);
    },
  };
  return { vehicles } as unknown as FleetStore;
}

describe('fleet-table queries timed on several stores', () => {
  it('runs every query on every store each round, alternating which store goes first', async () => {
    const calls: string[] = [];
    const queries = [{ name: 'search', list: { search: 'ford' } }, { name: 'count', count: {} }];
    const times = await timeFleetTableQueries([fakeStore('a', 3, calls), fakeStore('b', 3, calls)], queries, 2);
    // The warm-up (any order), then round 1 a before b and round 2 b before a.
    expect(calls.slice(4)).toEqual(['a:list:ford', 'b:list:ford', 'a:count', 'b:count', 'b:list:ford', 'a:list:ford', 'b:count', 'a:count']);
    expect(times.map((t) => t.query)).toEqual(['search', 'count']);
    expect(times[0]!.stores).toHaveLength(2);
    expect(times[0]!.stores[0]!.min).toBeLessThanOrEqual(times[0]!.stores[0]!.median);
    expect(times[0]!.totals).toEqual([3, 3]);
  });

  it('reports each store its own total, so stores that disagree show it', async () => {
    const times = await timeFleetTableQueries([fakeStore('a', 3, []), fakeStore('b', 4, [])], [{ name: 'first page', list: {} }], 1);
    expect(times[0]!.totals).toEqual([3, 4]);
  });

  it('searches a fragment of the given VIN and pages into the middle of the fleet', () => {
    const queries = fleetTableQueries(100_000, '1XPWD40X1ED215307');
    expect(queries.find((q) => q.name === 'search VIN fragment')).toEqual({ name: 'search VIN fragment', list: { search: 'wd40x1ed' } });
    expect(queries.some((q) => 'list' in q && q.list.offset === 50_000)).toBe(true);
    expect(queries.some((q) => 'count' in q)).toBe(true);
  });
});
