/**
 * A journal of the temporary files the atomic writers have open, so the next start can remove
 * the ones a killed process left behind.
 *
 * An export, a backup or a rejects report writes `.<name>.<random>.tmp` beside the file the user
 * chose, in any folder. A process killed mid-write (power cut, force quit, `kill -9`) never
 * reaches its cleanup, and a hidden, possibly huge, half-written file stays in the user's
 * folder. Before a temporary file is created, a small marker naming it and the writing process
 * is put in the data folder's `pending-writes` folder; it is removed with the temporary file. At
 * start the core reads the markers: a marker whose process is gone means its temporary file is
 * an orphan, removed (with the -wal, -shm and -journal files a backup's temporary database may
 * have). A marker of a live process (the app beside a running `vinlookup export`) is left alone.
 * Only a regular file whose name has the writers' temporary pattern is ever removed, whatever a
 * marker says.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** `.<name>.<12 hex>.tmp`: the atomic writers' temporary names (see `temporaryPathFor`). */
const TEMPORARY_NAME = /^\..+\.[0-9a-f]{12}\.tmp$/;
/** Files SQLite may create beside a temporary backup database. */
const COMPANIONS = ['', '-wal', '-shm', '-journal'] as const;

interface Marker {
  readonly path: string;
  readonly pid: number;
}

export interface TempJournal {
  /** Note `temporary` before it is created; the returned function forgets it (after rename or cleanup). */
  record(temporary: string): () => void;
}

export function createTempJournal(dir: string, pid: number = process.pid): TempJournal {
  return {
    record(temporary) {
      fs.mkdirSync(dir, { recursive: true });
      const marker = path.join(dir, `${crypto.randomBytes(8).toString('hex')}.json`);
      fs.writeFileSync(marker, JSON.stringify({ path: temporary, pid } satisfies Marker));
      return () => fs.rmSync(marker, { force: true });
    },
  };
}

/** True when a process with this id exists (EPERM: it exists but belongs to someone else). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

function readMarker(file: string): Marker | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Marker>;
    return typeof parsed.path === 'string' && Number.isInteger(parsed.pid) ? (parsed as Marker) : null;
  } catch {
    return null;
  }
}

function removeIfTemporary(file: string): boolean {
  if (!path.isAbsolute(file) || !TEMPORARY_NAME.test(path.basename(file))) return false;
  let removedAny = false;
  for (const suffix of COMPANIONS) {
    const candidate = file + suffix;
    // lstat: a symlink planted under that name is never followed, and only regular files go.
    if (fs.lstatSync(candidate, { throwIfNoEntry: false })?.isFile()) {
      fs.rmSync(candidate, { force: true });
      removedAny = true;
    }
  }
  return removedAny;
}

/**
 * Remove the temporary files of writers that are gone, and their markers. Returns the removed
 * temporary paths. Never throws: a file that cannot be removed now is tried again next start.
 */
export function sweepPendingTempFiles(dir: string, isAlive: (pid: number) => boolean = isProcessAlive): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch {
    return []; // no journal yet
  }
  const removed: string[] = [];
  for (const name of names) {
    const markerFile = path.join(dir, name);
    try {
      const marker = readMarker(markerFile);
      if (marker) {
        // This process's own writes, or another process still at work (the app beside a CLI).
        if (marker.pid === process.pid || isAlive(marker.pid)) continue;
        if (removeIfTemporary(marker.path)) removed.push(marker.path);
      }
      fs.rmSync(markerFile, { force: true });
    } catch {
      // Left for the next start.
    }
  }
  return removed;
}
