/**
 * How `vinlookup` talks back: exit codes, JSON documents and readable tables.
 *
 * Scripts read the exit code and `--json`; people read the table. The codes are part of the
 * CLI's contract, so they are named constants, never literals in commands.
 */
import { describeSqliteError, sqliteCodeOf, StorageError } from '../core/storage/sqlite/db/open-database';
import { AppFailure } from '../core/ipc/app-failure';
import type { CliIo } from './cli-command';

/** Every input succeeded. */
export const EXIT_OK = 0;
/** Something unexpected went wrong (unreadable database, a bug): one line on stderr. */
export const EXIT_UNEXPECTED = 1;
/** At least one input was invalid (bad VIN, bad option value). */
export const EXIT_INVALID_INPUT = 2;
/** vPIC and the offline snapshot both failed for at least one VIN. */
export const EXIT_DECODE_FAILED = 3;
/** The database stayed locked by another program for the whole busy timeout: worth retrying. */
export const EXIT_DATABASE_BUSY = 4;
/** The disk holding the database is full: free space first. */
export const EXIT_DISK_FULL = 5;
/** The team's database server could not be reached (down, wrong host, refused login): worth retrying. */
export const EXIT_SERVER_UNAVAILABLE = 6;

export type ExitCode =
  | typeof EXIT_OK
  | typeof EXIT_UNEXPECTED
  | typeof EXIT_INVALID_INPUT
  | typeof EXIT_DECODE_FAILED
  | typeof EXIT_DATABASE_BUSY
  | typeof EXIT_DISK_FULL
  | typeof EXIT_SERVER_UNAVAILABLE;

/** One failed input, as every command's JSON `errors` list carries it. */
export interface CliInputError {
  readonly input: string;
  readonly code: string;
  readonly message: string;
}

/**
 * The exit code for a run that had these per-input errors.
 *
 * Invalid input wins over a decode failure: retrying cannot fix a bad VIN, so a script should
 * look at its input first; a run with only decode failures (both vPIC and offline) is worth
 * retrying later.
 */
export function exitCodeForErrors(errors: readonly CliInputError[]): ExitCode {
  if (errors.some((e) => e.code === 'INVALID_INPUT')) return EXIT_INVALID_INPUT;
  if (errors.length > 0) return EXIT_DECODE_FAILED;
  return EXIT_OK;
}

export function writeJson(io: CliIo, document: unknown): void {
  io.stdout(`${JSON.stringify(document, null, 2)}\n`);
}

export type Cell = string | number | boolean | null | undefined;

function cellText(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value).replace(/[\r\n\t]+/g, ' ');
}

/** A plain-text table: header, a rule, one line per row, columns padded to their widest cell. */
export function formatTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const texts = rows.map((row) => headers.map((_, i) => cellText(row[i])));
  const widths = headers.map((header, i) => Math.max(header.length, ...texts.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...texts.map(line)].join('\n') + '\n';
}

/** Per-input errors for people: one line each on stderr. */
export function writeErrorLines(io: CliIo, errors: readonly CliInputError[]): void {
  for (const error of errors) io.stderr(`${error.input === '' ? '(empty)' : error.input}: ${error.message}\n`);
}

/**
 * The one line and the exit code for a command that failed as a whole.
 *
 * A locked or full database is a state of the machine a script can react to (wait and retry,
 * free space), so each has its own exit code and a sentence instead of SQLite's text; anything
 * else is exit 1 with its message.
 */
export function commandFailure(error: unknown, databasePath: string): { line: string; code: ExitCode } {
  const diskFull = { line: `The disk holding ${databasePath} is full. Free some space and try again.`, code: EXIT_DISK_FULL } as const;
  // A StorageError first: a server's carries its driver's cause (ECONNREFUSED…), whose code the
  // SQLite check below would take for a file's error and answer with exit 1 instead of 6.
  if (error instanceof StorageError) {
    if (error.problem === 'disk-full') return diskFull;
    const codes: Partial<Record<StorageError['problem'], ExitCode>> = { busy: EXIT_DATABASE_BUSY, unavailable: EXIT_SERVER_UNAVAILABLE };
    return { line: error.message, code: codes[error.problem] ?? EXIT_UNEXPECTED };
  }
  if (sqliteCodeOf(error) !== undefined) {
    const storage = describeSqliteError(error, databasePath);
    if (storage.problem === 'busy') return { line: storage.message, code: EXIT_DATABASE_BUSY };
    if (storage.problem === 'disk-full') return diskFull;
    return { line: storage.message, code: EXIT_UNEXPECTED };
  }
  return { line: unexpectedMessage(error), code: EXIT_UNEXPECTED };
}

/** One line for an unexpected failure, without a stack (the log file has it). */
export function unexpectedMessage(error: unknown): string {
  if (error instanceof AppFailure) return error.message;
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    // better-sqlite3 raises SqliteError with codes like SQLITE_NOTADB for a corrupt file.
    if (typeof code === 'string' && code.startsWith('SQLITE_')) return `database error (${code}): ${error.message}`;
    return error.message;
  }
  return String(error);
}
