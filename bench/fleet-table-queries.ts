/**
 * The fleet table's queries timed on several stores in one run, for a store-against-store ratio.
 *
 * Each query is what `vehicles:list` answers (the page of rows with recall summaries and the total,
 * `store.vehicles.list`) or the bare count (`store.vehicles.count`). Rounds are interleaved — every
 * query on every store, then the next round, the stores' order alternating — so drift on a shared
 * machine hits all sides alike; each side reports its per-round median with the min–max spread and
 * a ratio is taken from two medians, never from one side's best round.
 */
import type { FleetStore } from '../electron/core/storage/fleet-store';
import { vehicleListQuerySchema, type VehicleListQueryInput } from '../shared/vehicles/vehicle-query';
import { spread, type Spread } from './round-spread';

export type FleetTableQuery =
  | { readonly name: string; readonly list: VehicleListQueryInput }
  | { readonly name: string; readonly count: VehicleListQueryInput };

/** What the table asks at `total` vehicles; `vin` is a stored VIN (its fragment is searched). */
export function fleetTableQueries(total: number, vin: string): FleetTableQuery[] {
  return [
    { name: 'first page', list: {} },
    { name: 'search make "peterbilt"', list: { search: 'peterbilt' } },
    { name: 'search VIN fragment', list: { search: vin.slice(3, 11).toLowerCase() } },
    { name: 'search "long haul 2015"', list: { search: 'long haul 2015' } },
    { name: 'sort make desc, middle page', list: { offset: Math.floor(total / 2), sort: { column: 'make', direction: 'desc' } } },
    { name: 'sort year desc + model asc', list: { sort: [{ column: 'modelYear', direction: 'desc' }, { column: 'model', direction: 'asc' }] } },
    { name: 'filter make + years', list: { make: 'peterbilt', yearFrom: 2010, yearTo: 2020 } },
    { name: 'count, years 2010–2020', count: { yearFrom: 2010, yearTo: 2020 } },
  ];
}

async function runQuery(store: FleetStore, query: FleetTableQuery): Promise<number> {
  if ('count' in query) return store.vehicles.count(vehicleListQuerySchema.parse(query.count));
  return (await store.vehicles.list(vehicleListQuerySchema.parse(query.list))).total;
}

export interface QueryTimes {
  readonly query: string;
  /** Per store, in the order given: the per-round spread, ms. */
  readonly stores: readonly Spread[];
  /** Matching vehicles per store (a store answering differently shows here). */
  readonly totals: readonly number[];
}

export async function timeFleetTableQueries(stores: readonly FleetStore[], queries: readonly FleetTableQuery[], rounds: number): Promise<QueryTimes[]> {
  const times = queries.map(() => stores.map((): number[] => []));
  const totals = await Promise.all(queries.map((q) => Promise.all(stores.map((s) => runQuery(s, q))))); // also warms caches and plans
  for (let round = 0; round < rounds; round += 1) {
    const order = stores.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const [q, query] of queries.entries()) {
      for (const s of order) {
        const started = performance.now();
        await runQuery(stores[s]!, query);
        times[q]![s]!.push(performance.now() - started);
      }
    }
  }
  return queries.map((query, q) => ({ query: query.name, stores: times[q]!.map(spread), totals: totals[q]! }));
}
