/** The recalls cache on SQLite: the repository's functions behind the store's async interface. */
import type { Database } from 'better-sqlite3';
import type { RecallStore } from '../fleet-store';
import { getRecallModel, modelsToFetch, recallSummaries, saveRecallModel, vehicleRecalls } from './recalls/recall-repository';

export function createSqliteRecallStore(db: Database): RecallStore {
  return {
    save: async (key, answer, fetchedAt) => saveRecallModel(db, key, answer, fetchedAt),
    get: async (key) => getRecallModel(db, key),
    modelsToFetch: async (options) => modelsToFetch(db, options),
    summaries: async (ids) => recallSummaries(db, ids),
    forVehicle: async (id, lastError) => vehicleRecalls(db, id, lastError),
  };
}
