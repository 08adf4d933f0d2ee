/**
 * Opening a user's file for reading, only when it is a regular file.
 *
 * A named pipe (FIFO) opened for reading blocks until a writer appears: a preview that never
 * answers, holding one of libuv's four pool threads for good (five of them stall every file
 * operation of the process). A device such as /dev/zero never ends; a folder or a socket is not
 * a file. So paths are checked with `stat` (which never blocks) before anything opens them, and
 * the file is opened non-blocking and without following a final symlink, then checked again
 * with `fstat` on the open handle: the very file that will be read, not whatever the path
 * names a moment later.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppFailure } from '../ipc/app-failure';

/** The kind of a non-regular file in words, or null for a regular file. */
function notARegularFile(stat: fs.Stats): string | null {
  if (stat.isFile()) return null;
  if (stat.isDirectory()) return 'it is a folder';
  if (stat.isFIFO()) return 'it is a named pipe (FIFO), not a file';
  if (stat.isSocket()) return 'it is a socket, not a file';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'it is a device, not a file';
  if (stat.isSymbolicLink()) return 'it is a symbolic link';
  return 'it is not a regular file';
}

function reasonOf(error: unknown): string {
  switch ((error as { code?: unknown }).code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'it does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENXIO':
      return 'it is a socket or device, not a file';
    case 'ELOOP':
      return 'it is a symbolic link (choose the file it points to)';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** FILE_ERROR naming the file and why it cannot be read. */
export function unreadableFile(file: string, why: string, cause?: unknown): AppFailure {
  return new AppFailure('FILE_ERROR', `The file ${path.basename(file)} cannot be read: ${why}.`, undefined, { cause });
}

export interface RegularFileInfo {
  /** The path with every symlink resolved. */
  readonly realPath: string;
  readonly stat: fs.Stats;
}

/** Resolve a path and check, without opening it, that it names a regular file (FILE_ERROR if not). */
export async function inspectRegularFile(file: string): Promise<RegularFileInfo> {
  let realPath: string;
  let stat: fs.Stats;
  try {
    realPath = await fs.promises.realpath(file);
    stat = await fs.promises.stat(realPath);
  } catch (error) {
    throw unreadableFile(file, reasonOf(error), error);
  }
  const why = notARegularFile(stat);
  if (why !== null) throw unreadableFile(file, why);
  return { realPath, stat };
}

// O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer (then fstat refuses
// it). O_NOFOLLOW: a path swapped for a symlink is refused rather than followed. Neither exists
// on Windows, which has no FIFOs in the file system.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOFOLLOW ?? 0);

/**
 * Open a regular file for reading (FILE_ERROR for anything else, never a hang). The caller owns
 * the handle and must close it.
 */
export async function openRegularFile(file: string): Promise<{ handle: fs.promises.FileHandle; stat: fs.Stats }> {
  // Checked before opening too: opening some devices has side effects (a tape rewinds).
  let before: fs.Stats;
  try {
    before = await fs.promises.stat(file);
  } catch (error) {
    throw unreadableFile(file, reasonOf(error), error);
  }
  const early = notARegularFile(before);
  if (early !== null) throw unreadableFile(file, early);
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, OPEN_FLAGS);
  } catch (error) {
    throw unreadableFile(file, reasonOf(error), error);
  }
  try {
    const stat = await handle.stat();
    const why = notARegularFile(stat);
    if (why !== null) throw unreadableFile(file, why);
    return { handle, stat };
  } catch (error) {
    await handle.close();
    throw error instanceof AppFailure ? error : unreadableFile(file, reasonOf(error), error);
  }
}
