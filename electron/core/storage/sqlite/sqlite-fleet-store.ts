/**
 * The fleet on SQLite: one file, one desk.
 *
 * The store owns the app's connection (WAL, migrations, a busy timeout so the app, its workers
 * and CLIs queue on one file), the undo stash of small removals and the removal worker of large
 * ones. SQLite has no other process to tell about a change worth a refresh, so `announce` does
 * nothing and `onRemoteChange` never fires.
 */
import type { Database } from 'better-sqlite3';
import type { FleetStore, OpenStoreOptions } from '../fleet-store';
import type { StorageLocation } from '../storage-location';
import type { WorkerEntry } from '../../workers/start-worker';
import { backupDatabase } from './db/backup';
import { openDatabase } from './db/open-database';
import { fleetOverview } from './overview/fleet-overview-query';
import { createSqliteExportSource } from './sqlite-export-source';
import { createSqliteImportJobStore } from './sqlite-import-job-store';
import { createSqliteMappingStore } from './sqlite-mapping-store';
import { createSqliteRecallStore } from './sqlite-recall-store';
import { createSqliteRemovalStore } from './sqlite-removal-store';
import { createSqliteVehicleStore } from './sqlite-vehicle-store';
import { createRemovalClient } from './vehicles/removal-client';
import { createUndoStash } from './vehicles/undo-stash';

export type SqliteLocation = Extract<StorageLocation, { kind: 'sqlite' }>;

export interface SqliteStoreOptions extends OpenStoreOptions {
  /** The clock of the undo stash's expiry (tests move it). */
  readonly now?: () => Date;
  /** The removal worker's entry (tests start the TypeScript source). */
  readonly removalWorker?: WorkerEntry;
}

/** The connection behind each SQLite store, for tests and benches that seed or inspect the file directly (see `sqliteDatabaseOf`). */
const connections = new WeakMap<FleetStore, Database>();

export async function openSqliteFleetStore(location: SqliteLocation, options: SqliteStoreOptions = {}): Promise<FleetStore> {
  const snapshot = options.snapshot ?? false;
  const db = openDatabase(location.path, {
    ...(location.nativeBinding ? { nativeBinding: location.nativeBinding } : {}),
    ...(location.busyTimeoutMs !== undefined ? { busyTimeoutMs: location.busyTimeoutMs } : {}),
    ...(snapshot ? { readonly: true } : {}),
  });
  if (snapshot) {
    // A deferred transaction takes its WAL snapshot at the first read: read now, and every later
    // read of this store (a count, then the rows) sees that same moment until close.
    db.exec('BEGIN');
    db.prepare('SELECT COUNT(*) FROM sqlite_schema').get();
  }
  const undo = createUndoStash(db, options.now);
  const worker = createRemovalClient({
    databasePath: location.path,
    ...(location.nativeBinding ? { nativeBinding: location.nativeBinding } : {}),
    ...(location.busyTimeoutMs !== undefined ? { busyTimeoutMs: location.busyTimeoutMs } : {}),
    ...(options.removalWorker ? { worker: options.removalWorker } : {}),
  });
  const store: FleetStore = {
    location,
    vehicles: createSqliteVehicleStore(db),
    removals: createSqliteRemovalStore({ undo, worker }),
    importJobs: createSqliteImportJobStore(db),
    recalls: createSqliteRecallStore(db),
    mappings: createSqliteMappingStore(db),
    exports: createSqliteExportSource(db),
    overview: async () => fleetOverview(db),
    announce: async () => undefined,
    onRemoteChange: () => () => undefined,
    backup: (target, backupOptions = {}) =>
      backupDatabase(db, target, { databasePath: location.path, ...(backupOptions.journal ? { journal: backupOptions.journal } : {}) }),
    async close() {
      connections.delete(store);
      await worker.close();
      undo.close();
      if (snapshot && db.inTransaction) db.exec('COMMIT');
      db.close();
    },
  };
  connections.set(store, db);
  return store;
}

/**
 * The SQLite connection of a store, for tests and benches that seed or inspect the file directly
 * (no product code uses it: services see only the FleetStore). Throws for any other store.
 */
export function sqliteDatabaseOf(store: FleetStore): Database {
  const db = connections.get(store);
  if (db === undefined) throw new Error(`sqliteDatabaseOf: the store is not SQLite (it is ${store.location.kind}).`);
  return db;
}
