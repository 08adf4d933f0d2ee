/**
 * Open the cache database: WAL, foreign keys, migrations.
 *
 * Failures are turned into `StorageError`s that say what is wrong and how to recover, because
 * the user sees them (read-only folder, corrupt file, file from a newer app version).
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { DatabaseTooNewError, LATEST_VERSION, migrate } from './migrations';
import { BUSY_TIMEOUT_MS } from './transactions';
import { StorageError } from '../../storage-error';

// Defined with the storage seam (every store reports these); re-exported for the SQLite modules.
export { StorageError, type StorageProblem } from '../../storage-error';

export interface OpenDatabaseOptions {
  /** Path of an Electron-ABI better-sqlite3 build; omit under plain Node. */
  readonly nativeBinding?: string;
  readonly readonly?: boolean;
  /** How long to wait for another connection's write lock; default `BUSY_TIMEOUT_MS`. */
  readonly busyTimeoutMs?: number;
}

/**
 * The SQLite result code of `error` or of an error it wraps (`cause`): better-sqlite3 puts the
 * extended code (`SQLITE_CORRUPT_INDEX`, `SQLITE_BUSY_SNAPSHOT`, `SQLITE_IOERR_WRITE`) in `code`.
 */
export function sqliteCodeOf(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (code.startsWith('SQLITE_') || /^E[A-Z]+$/.test(code))) return code;
  }
  return undefined;
}

/** `SQLITE_CORRUPT_INDEX` is a kind of `SQLITE_CORRUPT`: compare primary codes. */
function isCode(code: string, primary: string): boolean {
  return code === primary || code.startsWith(`${primary}_`);
}

export function describeSqliteError(error: unknown, file: string): StorageError {
  if (error instanceof StorageError) return error;
  if (error instanceof DatabaseTooNewError) return new StorageError('too-new', error.message, { cause: error });
  const code = sqliteCodeOf(error) ?? '';
  const text = error instanceof Error ? error.message : String(error);
  if (isCode(code, 'SQLITE_NOTADB') || isCode(code, 'SQLITE_CORRUPT') || /not a database|malformed/i.test(text)) {
    return new StorageError(
      'corrupt',
      `The database file ${file} is damaged (${text}). Move it aside to start with an empty cache; the file is left untouched.`,
      { cause: error },
    );
  }
  if (isCode(code, 'SQLITE_BUSY') || isCode(code, 'SQLITE_LOCKED')) {
    return new StorageError(
      'busy',
      `The database ${file} is locked by another program that keeps writing to it (another Fleet VIN Lookup, a vinlookup command or a backup tool). Try again when it has finished.`,
      { cause: error },
    );
  }
  if (isCode(code, 'SQLITE_READONLY') || isCode(code, 'SQLITE_CANTOPEN') || code === 'EACCES' || code === 'EROFS') {
    return new StorageError(
      'read-only',
      `The database ${file} cannot be written (${text}). Check that the folder ${path.dirname(file)} is writable.`,
      { cause: error },
    );
  }
  if (isCode(code, 'SQLITE_FULL') || code === 'ENOSPC') {
    return new StorageError('disk-full', `The disk holding ${file} is full (${text}). Free some space and try again.`, {
      cause: error,
    });
  }
  return new StorageError('unavailable', `The database ${file} could not be used: ${text}`, { cause: error });
}

export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Database {
  let db: Database | undefined;
  try {
    if (!options.readonly) fs.mkdirSync(path.dirname(file), { recursive: true });
    db = new BetterSqlite3(file, {
      readonly: options.readonly ?? false,
      // Set before the first statement, on every connection (read-only ones too: a reader can
      // meet a lock while the WAL is recovered or checkpointed): writers queue, never fail at once.
      timeout: options.busyTimeoutMs ?? BUSY_TIMEOUT_MS,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    // Reading the schema fails fast on a file that is not a database, and a file from a newer
    // app version is refused before anything (even the journal mode) is changed in it.
    db.pragma('schema_version');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_VERSION) throw new DatabaseTooNewError(version, LATEST_VERSION);
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      migrate(db);
    }
    return db;
  } catch (error) {
    db?.close();
    throw describeSqliteError(error, file);
  }
}
