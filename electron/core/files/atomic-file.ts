/**
 * Write a file all-or-nothing: a temporary file beside the target, then one rename.
 *
 * rename(2) within one folder is atomic on POSIX and replaces the target in one step (MoveFileEx
 * with REPLACE_EXISTING on Windows), so a reader sees either the old file or the whole new one.
 * On any failure the temporary file is removed and an existing target is left untouched. The
 * temporary file is a dot-file in the same folder (same filesystem, so rename never copies).
 *
 * The one atomic writer of the app: exports and the import rejects report both go through it, so
 * both get the fsync, the cleanup, the clear messages and the refusal of protected files.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppFailure } from '../ipc/app-failure';
import type { TempJournal } from './pending-temp-files';

/** The file operations used; tests inject failing ones (disk full mid-write, locked target). */
export interface AtomicFileSystem {
  openSync(file: string, flags: string): number;
  writeSync(fd: number, data: Uint8Array): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  rmSync(file: string, options: { force: boolean }): void;
  statSync(file: string, options: { throwIfNoEntry: false }): fs.Stats | undefined;
}

export const nodeFileSystem: AtomicFileSystem = {
  openSync: (file, flags) => fs.openSync(file, flags),
  writeSync: (fd, data) => fs.writeSync(fd, data),
  fsyncSync: (fd) => fs.fsyncSync(fd),
  closeSync: (fd) => fs.closeSync(fd),
  renameSync: (from, to) => fs.renameSync(from, to),
  rmSync: (file, options) => fs.rmSync(file, options),
  statSync: (file, options) => fs.statSync(file, options),
};

/** Where the writers put bytes. Synchronous: the export runs in a worker thread. */
export interface FileSink {
  write(data: Uint8Array | string): void;
  /** Bytes written so far. */
  readonly bytes: number;
}

export interface AtomicWriteOptions {
  readonly fileSystem?: AtomicFileSystem;
  /** Suffix of the temporary name; random by default. */
  readonly randomSuffix?: () => string;
  /**
   * Says why `absoluteTarget` must not be replaced (the app's own database, say), or null.
   * A refusal is an `AppFailure('INVALID_INPUT', reason)`, raised before anything is written.
   */
  readonly refuse?: (absoluteTarget: string) => string | null;
  /** Where the temporary file is noted while it exists, so a killed process's is removed at the next start. */
  readonly journal?: TempJournal;
}

/** The `code` of a Node filesystem error (`ENOSPC`) or a better-sqlite3 error (`SQLITE_FULL`). */
export function errnoCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A sentence the user can act on for a filesystem error code. */
export function describeFileError(error: unknown): string {
  switch (errnoCode(error)) {
    case 'EROFS':
      return 'the folder is read-only';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied (the folder is read-only, or the file is open in another program)';
    case 'EBUSY':
      return 'the file is locked by another program';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EDQUOT':
      return 'the disk quota is exceeded';
    case 'ENOENT':
      return 'the folder does not exist';
    case 'ENOTDIR':
      return 'part of the path is a file, not a folder';
    case 'EISDIR':
      return 'a folder with that name already exists';
    case 'ENAMETOOLONG':
      return 'the file name is too long';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** The temporary name beside `target`: `.<name>.<random>.tmp`. */
export function temporaryPathFor(target: string, suffix: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${suffix}.tmp`);
}

function fileFailure(target: string, error: unknown): AppFailure {
  return new AppFailure('FILE_ERROR', `Could not write ${target}: ${describeFileError(error)}`, undefined, {
    cause: error,
  });
}

/**
 * Run `body` with a sink on a temporary file, then rename it over `target`.
 *
 * Filesystem errors become `AppFailure('FILE_ERROR', 'Could not write <target>: <reason>')`; other
 * errors from `body` (an `AppFailure` such as CANCELLED, or a bug) are rethrown as they are, after
 * the same cleanup.
 */
export async function writeFileAtomically<T>(
  target: string,
  body: (sink: FileSink) => Promise<T> | T,
  options: AtomicWriteOptions = {},
): Promise<T> {
  const fsys = options.fileSystem ?? nodeFileSystem;
  const suffix = options.randomSuffix?.() ?? crypto.randomBytes(6).toString('hex');
  const absolute = path.resolve(target);
  const refusal = options.refuse?.(absolute) ?? null;
  if (refusal !== null) throw new AppFailure('INVALID_INPUT', refusal);
  // Checked first so the message is clear: rename over a folder fails with EISDIR, but only at the end.
  let existing: fs.Stats | undefined;
  try {
    existing = fsys.statSync(absolute, { throwIfNoEntry: false });
  } catch (error) {
    throw fileFailure(absolute, error); // ENOTDIR: a parent is a file
  }
  if (existing?.isDirectory()) {
    throw fileFailure(absolute, Object.assign(new Error('is a directory'), { code: 'EISDIR' }));
  }
  const temporary = temporaryPathFor(absolute, suffix);
  let forget: () => void = () => undefined;
  let fd: number;
  try {
    forget = options.journal?.record(temporary) ?? forget;
    // 'wx': never follow or reuse an existing file of that name.
    fd = fsys.openSync(temporary, 'wx');
  } catch (error) {
    forget();
    throw fileFailure(absolute, error);
  }
  let open = true;
  let bytes = 0;
  const sink: FileSink = {
    write(data) {
      const chunk = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      let offset = 0;
      while (offset < chunk.length) offset += fsys.writeSync(fd, chunk.subarray(offset));
      bytes += chunk.length;
    },
    get bytes() {
      return bytes;
    },
  };
  try {
    const result = await body(sink);
    // fsync before rename: after a crash the new name must not point at unwritten blocks.
    fsys.fsyncSync(fd);
    fsys.closeSync(fd);
    open = false;
    // Asked again: a long export gives time for the target's folder to be swapped for a symlink.
    const lateRefusal = options.refuse?.(absolute) ?? null;
    if (lateRefusal !== null) throw new AppFailure('INVALID_INPUT', lateRefusal);
    fsys.renameSync(temporary, absolute);
    forget();
    return result;
  } catch (error) {
    if (open) {
      try {
        fsys.closeSync(fd);
      } catch {
        // Already failing; the close error adds nothing the user can act on.
      }
    }
    try {
      fsys.rmSync(temporary, { force: true });
      forget();
    } catch {
      // Best effort: the original error is the one to report (the journal keeps the name for the next start).
    }
    if (errnoCode(error)?.startsWith('E')) throw fileFailure(absolute, error);
    throw error;
  }
}
