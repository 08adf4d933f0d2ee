/**
 * Open the fleet store on a team's PostgreSQL server: a pool, the migrations (under an advisory
 * lock), the LISTEN connection for other desks' changes, and the parts of `FleetStore`.
 *
 * Failures to reach or use the server become `StorageError`s naming the server (never the
 * password), on open and on every later call, so the app says "the server is down" in words.
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { StorageError } from '../storage-error';
import { DatabaseTooNewError } from '../sqlite/db/migrations';
import { AppFailure } from '../../ipc/app-failure';
import { connectionConfig, withoutPassword, type PostgresLocation } from '../database-url';
import type { FleetStore, OpenStoreOptions } from '../fleet-store';
import { openChangeFeed } from './postgres-change-feed';
import { describePostgresError, postgresCodeOf } from './postgres-errors';
import { createExportSource } from './postgres-exports';
import { createImportJobStore } from './postgres-import-jobs';
import { createMappingStore } from './postgres-mappings';
import { migratePostgres } from './postgres-migrations';
import { postgresFleetOverview } from './postgres-overview';
import { createRecallStore } from './postgres-recalls';
import { createRemovalStore } from './postgres-removals';
import type { FleetDatabase } from './postgres-schema';
import { createVehicleStore } from './postgres-vehicles';

/**
 * `snapshot` (an export's reader) changes nothing here: the rows stream through one cursor, one
 * statement, which sees one moment of the fleet. The count read before it can differ by rows other
 * desks wrote in between, which only moves the progress bar, never the file's rows.
 */
export interface PostgresStoreOptions extends OpenStoreOptions {
  /** The clock for undo expiry (tests move it). */
  readonly now?: () => Date;
  /** Connections in the pool (default 10). */
  readonly maxConnections?: number;
}

/**
 * The error a caller should see: expected failures (`AppFailure`, `StorageError`) as they are,
 * a newer schema as `too-new`, anything from the server or the network as a `StorageError`.
 */
function storageFailure(error: unknown, location: PostgresLocation): unknown {
  if (error instanceof AppFailure || error instanceof StorageError) return error;
  if (error instanceof DatabaseTooNewError) return new StorageError('too-new', error.message, { cause: error });
  // The server's errors carry a SQLSTATE or a network code; pg's own connection errors only say
  // so in words. Anything else (a bug, a refused retry) stays as it is, as in the SQLite store.
  const fromServer = postgresCodeOf(error) !== undefined || /connection|timeout/i.test(error instanceof Error ? error.message : '');
  return fromServer ? describePostgresError(error, location) : error;
}

/** `part` with every async method's failures passed through `storageFailure` (async iterables too). */
function guarded<T extends object>(part: T, location: PostgresLocation): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(part)) {
    if (typeof value !== 'function') continue;
    const method = value as (...args: unknown[]) => unknown;
    wrapped[name] = (...args: unknown[]): unknown => {
      const result = method.apply(part, args);
      if (result instanceof Promise) return result.catch((error: unknown) => Promise.reject(storageFailure(error, location)));
      if (result !== null && typeof result === 'object' && Symbol.asyncIterator in result) {
        const iterable = result as AsyncIterable<unknown>;
        return (async function* () {
          try {
            yield* iterable;
          } catch (error) {
            throw storageFailure(error, location);
          }
        })();
      }
      return result;
    };
  }
  return wrapped as T;
}

export async function openPostgresFleetStore(location: PostgresLocation, options: PostgresStoreOptions = {}): Promise<FleetStore> {
  const now = options.now ?? (() => new Date());
  let config: ReturnType<typeof connectionConfig>;
  try {
    config = connectionConfig(location);
  } catch (error) {
    throw new StorageError('unavailable', error instanceof Error ? error.message : String(error), { cause: error });
  }
  const pool = new pg.Pool({ ...config, max: options.maxConnections ?? 10 });
  // An idle connection the server drops (restart, admin shutdown) emits here; without a handler
  // the process would crash. The next query takes a fresh connection and reports any failure.
  pool.on('error', () => undefined);
  // A connection that breaks while checked out (a query running, a cursor open) also emits
  // 'error' on its client, where the pool listens only while it is idle: unheard, that would
  // crash the process. The query or cursor on it fails on its own and is reported from there.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<FleetDatabase>({ dialect: new PostgresDialect({ pool }) });
  let feed: Awaited<ReturnType<typeof openChangeFeed>>;
  try {
    await migratePostgres(db);
    feed = await openChangeFeed(config, async (channel, payload) => {
      await pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
    });
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw storageFailure(error, location);
  }
  const safeLocation = withoutPassword(location);
  const guard = <T extends object>(part: T): T => guarded(part, location);
  let closed = false;
  return {
    location: safeLocation,
    vehicles: guard(createVehicleStore(db)),
    removals: guard(createRemovalStore(db, now)),
    importJobs: guard(createImportJobStore(db)),
    recalls: guard(createRecallStore(db)),
    mappings: guard(createMappingStore(db)),
    exports: guard(createExportSource(db, pool)),
    overview: () => postgresFleetOverview(db).catch((error: unknown) => Promise.reject(storageFailure(error, location))),
    announce: (change) => feed.announce(change).catch((error: unknown) => Promise.reject(storageFailure(error, location))),
    onRemoteChange: (listener) => feed.subscribe(listener),
    async close() {
      if (closed) return;
      closed = true;
      await feed.close();
      await db.destroy();
    },
  };
}
