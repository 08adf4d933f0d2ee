/** The vehicles cache on SQLite: the repository's functions behind the store's async interface. */
import type { Database } from 'better-sqlite3';
import type { VehicleStore } from '../fleet-store';
import { withRecallSummaries } from './recalls/recall-repository';
import {
  countMatching,
  getById,
  getByVin,
  getManyByVin,
  idsMatching,
  listOfflineVins,
  listVehicles,
  updateDecodedIfPresent,
  upsertDecoded,
  upsertManyDecoded,
  vehicleFacets,
  vehiclesAfterId,
} from './vehicles/vehicle-repository';

export function createSqliteVehicleStore(db: Database): VehicleStore {
  // `async` on each method: a SQLite error becomes a rejection, as a server's would.
  return {
    upsertDecoded: async (item, now) => upsertDecoded(db, item.vehicle, now, item.attributes),
    upsertManyDecoded: async (items, now) => upsertManyDecoded(db, items, now),
    updateDecodedIfPresent: async (vehicles, now) => updateDecodedIfPresent(db, vehicles, now),
    getByVin: async (vin) => getByVin(db, vin),
    getById: async (id) => getById(db, id),
    getManyByVin: async (vins) => getManyByVin(db, vins),
    list: async (query) => withRecallSummaries(db, listVehicles(db, query)),
    count: async (filter) => countMatching(db, filter),
    facets: async () => vehicleFacets(db),
    listOfflineVins: async (limit) => listOfflineVins(db, limit),
    idsMatching: async (filter) => idsMatching(db, filter),
    pageAfterId: async (afterId, limit) => vehiclesAfterId(db, afterId, limit),
  };
}
