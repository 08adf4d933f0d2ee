/**
 * Open the store a location names: the SQLite file (built in) or a PostgreSQL server (loaded on
 * demand, so an app that never talks to a server never loads its driver).
 */
import type { FleetStore, OpenStoreOptions } from './fleet-store';
import type { StorageLocation } from './storage-location';
import { openSqliteFleetStore } from './sqlite/sqlite-fleet-store';

type OpenPostgres = (location: Extract<StorageLocation, { kind: 'postgres' }>, options?: OpenStoreOptions) => Promise<FleetStore>;

/** A variable, not a literal: the PostgreSQL module is not part of every build, and the type checker must not require it. */
const POSTGRES_MODULE = './postgres/open-postgres-fleet-store';

async function loadPostgres(): Promise<OpenPostgres> {
  let loaded: { openPostgresFleetStore?: unknown };
  try {
    loaded = (await import(POSTGRES_MODULE)) as { openPostgresFleetStore?: unknown };
  } catch (error) {
    throw new Error('PostgreSQL support is not built in.', { cause: error });
  }
  if (typeof loaded.openPostgresFleetStore !== 'function') throw new Error('PostgreSQL support is not built in.');
  return loaded.openPostgresFleetStore as OpenPostgres;
}

export async function openFleetStore(location: StorageLocation, options: OpenStoreOptions = {}): Promise<FleetStore> {
  switch (location.kind) {
    case 'sqlite':
      return openSqliteFleetStore(location, options);
    case 'postgres':
      return (await loadPostgres())(location, options);
  }
}
