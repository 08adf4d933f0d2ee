/** Remembered column mappings on SQLite: a thin adapter over the import's mapping functions. */
import type { Database } from 'better-sqlite3';
import type { MappingStore } from '../fleet-store';
import { rememberedMapping, rememberMapping } from '../../import/column-mapping';

export function createSqliteMappingStore(db: Database): MappingStore {
  return {
    remembered: async (columns) => rememberedMapping(db, columns),
    remember: async (columns, mapping, now) => rememberMapping(db, columns, mapping, now),
  };
}
