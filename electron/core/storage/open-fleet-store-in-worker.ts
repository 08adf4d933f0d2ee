/**
 * `openFleetStore` for worker threads (imports, exports): the PostgreSQL store is imported up
 * front instead of on first use. A worker started from the TypeScript sources (tests, the bench)
 * has tsx's require hook but not its import() hook, so a lazy import of a `.ts` module fails
 * there; and a worker is only started for work that opens a store anyway, so loading pg early
 * costs nothing a user waits for.
 */
import type { FleetStore, OpenStoreOptions } from './fleet-store';
import { openPostgresFleetStore } from './postgres/open-postgres-fleet-store';
import { openSqliteFleetStore } from './sqlite/sqlite-fleet-store';
import type { StorageLocation } from './storage-location';

export function openFleetStoreInWorker(location: StorageLocation, options: OpenStoreOptions = {}): Promise<FleetStore> {
  return location.kind === 'postgres' ? openPostgresFleetStore(location, options) : openSqliteFleetStore(location, options);
}
