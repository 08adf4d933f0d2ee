/**
 * The result envelope every IPC response travels in.
 *
 * Handlers never throw across IPC: an error thrown in `ipcMain.handle` reaches the renderer as a
 * bare string, so expected failures cross as values with a machine-readable code the UI can
 * explain (the pattern of Actual Budget's `errors.ts` and Signal's `sql_channel`).
 */

/** The closed set of error codes that may cross the contract. */
export const ERROR_CODES = [
  /** The payload failed schema validation, or a value (a VIN, a path) is not acceptable. */
  'INVALID_INPUT',
  /** The thing asked for does not exist (a vehicle, an import job). */
  'NOT_FOUND',
  /** vPIC could not be reached and the offline snapshot could not decode either. */
  'DECODE_FAILED',
  /** The database could not be opened, read or written (read-only folder, disk full, corrupt). */
  'STORAGE_ERROR',
  /** Reading or writing a user file failed (export target, import source). */
  'FILE_ERROR',
  /** A file changed since a job started reading it (resuming would skip or repeat rows). */
  'FILE_CHANGED',
  /** An encrypted file could not be decrypted (wrong key, wrong passphrase, corrupt data). */
  'DECRYPT_FAILED',
  /** The user cancelled (a dialog, a running job). */
  'CANCELLED',
  /** The request came from a sender the app does not trust. */
  'FORBIDDEN',
  /** A bug: logged with its stack in main, shown to the user with a plain message. */
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  readonly code: ErrorCode;
  readonly message: string;
  /** Optional machine-readable detail (e.g. which field failed validation). */
  readonly details?: readonly { readonly path: string; readonly message: string }[];
}

export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, details?: AppError['details']): Result<never> {
  return details ? { ok: false, error: { code, message, details } } : { ok: false, error: { code, message } };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Exhaustiveness guard for switches over closed unions. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}
