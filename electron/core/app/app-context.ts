/**
 * The core, assembled: database, services and the contract's handlers.
 *
 * The three shells — the Electron main process, the `vinlookup` CLI and the e2e web host — each
 * build one of these with their own paths, logger and event sink, then talk to it only through
 * `dispatch` (IPC) or the services (CLI).
 */
import type { Database } from 'better-sqlite3';
import type { AppInfo } from '../../../shared/ipc/app-info';
import type { EventChannel, EventContract } from '../../../shared/ipc/contract';
import { openDatabase } from '../db/open-database';
import { createDispatch, type Dispatch, type Handlers } from '../ipc/dispatch';
import type { Logger } from '../logging/logger';
import { createAppHandlers } from './app-handlers';
import { dataPaths, type DataPaths } from './data-paths';

export type EmitEvent = <E extends EventChannel>(channel: E, payload: EventContract[E]) => void;

export interface AppContextOptions {
  readonly dataDir: string;
  readonly databasePath?: string;
  readonly runtime: AppInfo['runtime'];
  readonly version: string;
  readonly logger: Logger;
  readonly emit: EmitEvent;
  readonly nativeBinding?: string;
}

export interface AppContext {
  readonly paths: DataPaths;
  readonly db: Database;
  readonly handlers: Handlers;
  readonly dispatch: Dispatch;
  readonly logger: Logger;
  close(): Promise<void>;
}

export async function createAppContext(options: AppContextOptions): Promise<AppContext> {
  const paths = dataPaths(options.dataDir, options.databasePath);
  const db = openDatabase(paths.databasePath, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  const info = (): AppInfo => ({
    name: 'Fleet VIN Lookup',
    version: options.version,
    dataDir: paths.dataDir,
    databasePath: paths.databasePath,
    runtime: options.runtime,
  });
  const handlers: Handlers = {
    ...createAppHandlers({ info }),
  };
  const dispatch = createDispatch(handlers, options.logger);
  return {
    paths,
    db,
    handlers,
    dispatch,
    logger: options.logger,
    async close() {
      db.close();
    },
  };
}
