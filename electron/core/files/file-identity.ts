/**
 * Is a path the same file as another one, by any route?
 *
 * Comparing path strings misses every second name a file system gives a file: a symlinked folder
 * (`ALIAS/fleet.sqlite`), a bind mount, a hard link, a different case on macOS and Windows. Two
 * tests together catch them: the real path of the target's folder (symlinks resolved) joined
 * with its name, and the identity (device + inode) of the file itself or, when it does not exist
 * yet, of its folder paired with its name. The name itself is never resolved: the atomic writers
 * rename over it, and a rename replaces a symlink, not what it points at.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Folders and names compare case-insensitively where the file system usually does. */
const CASE_INSENSITIVE = process.platform === 'win32' || process.platform === 'darwin';

function sameName(a: string, b: string): boolean {
  return CASE_INSENSITIVE ? a.toLowerCase() === b.toLowerCase() : a === b;
}

function realFolder(folder: string): string {
  try {
    return fs.realpathSync.native(folder);
  } catch {
    return path.resolve(folder); // a folder that does not exist has no other name yet
  }
}

/** `file` with its folder's symlinks resolved; the last component kept as written. */
export function realPathOf(file: string): string {
  const absolute = path.resolve(file);
  return path.join(realFolder(path.dirname(absolute)), path.basename(absolute));
}

/** `dev:ino`, or null when there is no such file (or the path cannot name one: a parent is a file). */
function identity(file: string): string | null {
  try {
    const stats = fs.statSync(file, { throwIfNoEntry: false, bigint: true });
    return stats ? `${stats.dev}:${stats.ino}` : null;
  } catch {
    return null; // the writer reports ENOTDIR and friends in the user's words
  }
}

/**
 * True when `a` and `b` name one file: the same real path, the same device and inode (hard link,
 * bind mount, symlink to it), or the same name in one folder reached by two routes.
 */
export function isSameFile(a: string, b: string): boolean {
  const realA = realPathOf(a);
  const realB = realPathOf(b);
  if (sameName(realA, realB)) return true;
  const idA = identity(realA);
  if (idA !== null && idA === identity(realB)) return true;
  const folderA = identity(path.dirname(realA));
  return (
    folderA !== null &&
    folderA === identity(path.dirname(realB)) &&
    sameName(path.basename(realA), path.basename(realB))
  );
}
