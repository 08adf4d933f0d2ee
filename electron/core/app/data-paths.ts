/**
 * Where the app keeps its files inside the data folder.
 *
 * The Electron shell passes `app.getPath('userData')`; the CLI computes the same folder so both
 * see one fleet (see `default-data-dir.ts`).
 */
import path from 'node:path';

export interface DataPaths {
  readonly dataDir: string;
  readonly databasePath: string;
  readonly logDir: string;
  readonly offlineDir: string;
  /** Markers of temporary files being written (exports, backups), swept at start (pending-temp-files.ts). */
  readonly pendingWritesDir: string;
}

export function dataPaths(dataDir: string, databasePath?: string): DataPaths {
  return {
    dataDir,
    databasePath: databasePath ?? path.join(dataDir, 'fleet.sqlite'),
    logDir: path.join(dataDir, 'logs'),
    offlineDir: path.join(dataDir, 'offline'),
    pendingWritesDir: path.join(dataDir, 'pending-writes'),
  };
}
