/**
 * What the import needs of the fleet store: its jobs, the remembered mappings, and which VINs
 * are stored. Any `FleetStore` is one; `sqliteImportStores` builds it over one SQLite connection
 * (the worker's own, the CLI's, a test's).
 */
import type { Database } from 'better-sqlite3';
import type { FleetStore, VehicleStore } from '../storage/fleet-store';
import { createSqliteImportJobStore } from '../storage/sqlite/sqlite-import-job-store';
import { createSqliteMappingStore } from '../storage/sqlite/sqlite-mapping-store';
import { getManyByVin } from '../vehicles/vehicle-repository';

export type ImportStores = Pick<FleetStore, 'importJobs' | 'mappings'> & { readonly vehicles: Pick<VehicleStore, 'getManyByVin'> };

export function sqliteImportStores(db: Database): ImportStores {
  return {
    importJobs: createSqliteImportJobStore(db),
    mappings: createSqliteMappingStore(db),
    vehicles: { getManyByVin: async (vins) => getManyByVin(db, vins) },
  };
}

/** Which of `vins` are stored now. */
export async function storedVins(vehicles: ImportStores['vehicles'], vins: readonly string[]): Promise<Set<string>> {
  if (vins.length === 0) return new Set();
  return new Set((await vehicles.getManyByVin(vins)).keys());
}
