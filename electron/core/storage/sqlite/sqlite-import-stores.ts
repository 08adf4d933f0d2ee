/**
 * The import's view of a SQLite store over one connection, for tests and benches that drive the
 * import engine on a database they opened themselves.
 */
import type { Database } from 'better-sqlite3';
import type { ImportStores } from '../../import/import-stores';
import { createSqliteImportJobStore } from './sqlite-import-job-store';
import { createSqliteMappingStore } from './sqlite-mapping-store';
import { getManyByVin } from './vehicles/vehicle-repository';

export function sqliteImportStores(db: Database): ImportStores {
  return {
    importJobs: createSqliteImportJobStore(db),
    mappings: createSqliteMappingStore(db),
    vehicles: { getManyByVin: async (vins) => getManyByVin(db, vins) },
  };
}

