/**
 * Save a copy of the live database (Help › Save database backup…).
 *
 * SQLite's online backup API (https://www.sqlite.org/backup.html, better-sqlite3's
 * `db.backup(file)`) copies the database page by page while the app keeps using it: writes made
 * through the same connection are carried into the copy, so the result is one consistent
 * snapshot, unlike copying the file (which can catch the main file and its -wal out of step).
 * The copy is written to a temporary file beside the target and renamed over it only when
 * complete, so the target is either the old file or a whole backup — never half of one. The copy
 * keeps the source's WAL flag; SQLite opens it like the live file (and `openDatabase` accepts it).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { errnoCode, temporaryPathFor } from '../../../files/atomic-file';
import type { TempJournal } from '../../../files/pending-temp-files';
import { isSameFile } from '../../../files/file-identity';
import { AppFailure } from '../../../ipc/app-failure';
import type { StoreBackup } from '../../fleet-store';
import { describeSqliteError } from './open-database';

/** Where the backup was written and its size: the store's backup answer. */
export type DatabaseBackup = StoreBackup;

export interface BackupOptions {
  /** The live database's file: a backup must never replace it (or its -wal / -shm). */
  readonly databasePath: string;
  /** Suffix of the temporary name; random by default. */
  readonly randomSuffix?: () => string;
  /** Where the temporary file is noted while it exists (a killed backup's is removed at the next start). */
  readonly journal?: TempJournal;
}

/** `fleet-backup-YYYY-MM-DD.sqlite` in local time, the date the user sees. */
export function defaultBackupName(now: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `fleet-backup-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.sqlite`;
}

/**
 * True when `target` is the live database or one of its companion files, by any route: a
 * symlinked folder, a hard link, another spelling of the same folder (see `isSameFile`).
 */
export function isLiveDatabaseFile(target: string, databasePath: string): boolean {
  return [databasePath, `${databasePath}-wal`, `${databasePath}-shm`, `${databasePath}-journal`].some((file) =>
    isSameFile(target, file),
  );
}

/** Why a file the user chose is refused when it is the live database (export, rejects report). */
export const LIVE_DATABASE_REFUSAL = "That is the app's own database; choose another file name.";

/**
 * A `refuse` guard for `writeFileAtomically`: renaming a new file over the live database (or its
 * -wal / -shm) would replace the fleet cache under the open connection.
 */
export function refuseLiveDatabase(databasePath: string): (absoluteTarget: string) => string | null {
  return (target) => (isLiveDatabaseFile(target, databasePath) ? LIVE_DATABASE_REFUSAL : null);
}

/**
 * Back `db` up to `target` atomically.
 *
 * Refuses the live database's own path (renaming over it would destroy it). Filesystem errors
 * become `FILE_ERROR`, SQLite errors (a full disk while copying) a `StorageError`; either way the
 * temporary file is removed and an existing `target` is left as it was.
 */
export async function backupDatabase(db: Database, target: string, options: BackupOptions): Promise<DatabaseBackup> {
  const absolute = path.resolve(target);
  if (isLiveDatabaseFile(absolute, options.databasePath)) {
    throw new AppFailure('INVALID_INPUT', 'Choose another file: a backup cannot replace the database it copies.');
  }
  // better-sqlite3 answers a missing folder with a bare TypeError; say it the user's way.
  if (!fs.statSync(path.dirname(absolute), { throwIfNoEntry: false })?.isDirectory()) {
    throw new AppFailure('FILE_ERROR', `Could not save the backup to ${absolute}: the folder does not exist.`);
  }
  const suffix = options.randomSuffix?.() ?? crypto.randomBytes(6).toString('hex');
  const temporary = temporaryPathFor(absolute, suffix);
  const forget = options.journal?.record(temporary) ?? ((): void => undefined);
  try {
    await db.backup(temporary);
    const fd = fs.openSync(temporary, 'r+');
    try {
      fs.fsyncSync(fd); // before the rename: the new name must never point at unwritten blocks
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, absolute);
    forget();
    return { path: absolute, bytes: fs.statSync(absolute).size };
  } catch (error) {
    for (const file of [temporary, `${temporary}-wal`, `${temporary}-shm`, `${temporary}-journal`]) {
      fs.rmSync(file, { force: true });
    }
    forget();
    if (errnoCode(error)?.startsWith('SQLITE_')) throw describeSqliteError(error, absolute);
    if (errnoCode(error)?.startsWith('E')) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new AppFailure('FILE_ERROR', `Could not save the backup to ${absolute}: ${reason}`, undefined, { cause: error });
    }
    throw error;
  }
}
