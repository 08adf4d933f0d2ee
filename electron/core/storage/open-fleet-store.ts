/**
 * Open the store a location names: the SQLite file (built in) or a PostgreSQL server (loaded on
 * demand, so an app that never talks to a server never loads its driver).
 */
import type { FleetStore, OpenStoreOptions } from './fleet-store';
import type { StorageLocation } from './storage-location';
import { openSqliteFleetStore } from './sqlite/sqlite-fleet-store';

export async function openFleetStore(location: StorageLocation, options: OpenStoreOptions = {}): Promise<FleetStore> {
  switch (location.kind) {
    case 'sqlite':
      return openSqliteFleetStore(location, options);
    case 'postgres':
      // Loaded on first use: a desk that never talks to a server never loads pg and kysely.
      return (await import('./postgres/open-postgres-fleet-store')).openPostgresFleetStore(location, options);
  }
}
