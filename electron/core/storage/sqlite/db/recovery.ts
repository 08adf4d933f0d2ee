/**
 * Recovering from a database the app cannot use: say what is wrong, offer to move it aside.
 *
 * The unusable file is renamed, never deleted or
 * rewritten, so a damaged cache or one from a newer app version can still be inspected, sent
 * to support or opened by that newer version. The Electron shell shows the prompt; this module
 * holds the decisions so they are testable without Electron.
 */
import fs from 'node:fs';
import { StorageError, type StorageProblem } from './open-database';

/** SQLite's companion files: the write-ahead log and its shared-memory index. */
const SIDECAR_SUFFIXES = ['-wal', '-shm'] as const;

/** The rename operations used; tests inject failing ones. */
export interface RenameFileSystem {
  existsSync(file: string): boolean;
  renameSync(from: string, to: string): void;
}

/** `2025-03-04T05:06:07.089Z` → `20250304T050607Z`: sortable and valid in Windows file names. */
export function asideTimestamp(now: Date): string {
  return now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
}

/**
 * Rename `file` and its -wal/-shm to `<file>.unusable-<timestamp>` (plus the same suffixes).
 *
 * The companions move first: were the main file renamed alone, SQLite would find the old
 * `-wal` next to the fresh database and could replay pages of the old one into it. Keeping the
 * suffixes means the set still opens as one database under its new name. If the name is taken
 * (two moves in one second) a counter is added; an existing file is never replaced. Returns the
 * new path of the main file.
 */
export function moveDatabaseAside(file: string, now: Date, fsys: RenameFileSystem = fs): string {
  const base = `${file}.unusable-${asideTimestamp(now)}`;
  const taken = (candidate: string): boolean =>
    fsys.existsSync(candidate) || SIDECAR_SUFFIXES.some((suffix) => fsys.existsSync(candidate + suffix));
  let target = base;
  for (let n = 2; taken(target); n++) target = `${base}-${n}`;
  for (const suffix of SIDECAR_SUFFIXES) {
    if (fsys.existsSync(file + suffix)) fsys.renameSync(file + suffix, target + suffix);
  }
  if (fsys.existsSync(file)) fsys.renameSync(file, target);
  return target;
}

export type RecoveryAction = 'quit' | 'move-aside' | 'open-folder' | 'keep-working';

export interface RecoveryPrompt {
  readonly problem: StorageProblem;
  readonly title: string;
  /** The StorageError's own sentence: what is wrong and with which file. */
  readonly message: string;
  /** What each button does. */
  readonly detail: string;
  readonly buttons: readonly { readonly label: string; readonly action: RecoveryAction }[];
  /** Index of the button Escape / closing the box chooses: always Quit. */
  readonly cancelId: number;
}

const QUIT = { label: 'Quit', action: 'quit' } as const;
const MOVE_ASIDE = { label: 'Move it aside and start fresh', action: 'move-aside' } as const;
const OPEN_FOLDER = { label: 'Open data folder', action: 'open-folder' } as const;

/**
 * What to offer for a start-up failure, or null when it is not a storage problem (then the
 * caller shows the plain error box).
 *
 * Moving the file aside cures a file the app cannot read (corrupt, too new, unusable for another
 * reason); it does not cure a read-only folder or a full disk, where the new file would fail the
 * same way — those get Quit and Open data folder only.
 */
export function recoveryChoices(error: unknown): RecoveryPrompt | null {
  if (!(error instanceof StorageError)) return null;
  const fixable = error.problem === 'corrupt' || error.problem === 'too-new' || error.problem === 'unavailable';
  const buttons = fixable ? [QUIT, MOVE_ASIDE, OPEN_FOLDER] : [QUIT, OPEN_FOLDER];
  const detail = fixable
    ? 'Move it aside: the file is renamed to "….unusable-<date>" in the data folder (nothing is deleted) and the app starts with an empty cache; decoded vehicles are fetched again as you look them up.'
    : error.problem === 'disk-full'
      ? 'Free some disk space, then start the app again.'
      : error.problem === 'busy'
        ? 'Close the other program using the database (another Fleet VIN Lookup, a vinlookup command), then start the app again.'
        : 'Make the data folder writable (or move it to a writable disk), then start the app again.';
  return {
    problem: error.problem,
    title: 'Fleet VIN Lookup cannot use its database',
    message: error.message,
    detail,
    buttons,
    cancelId: 0,
  };
}


const KEEP_WORKING = { label: 'Keep working', action: 'keep-working' } as const;
const MOVE_ASIDE_AND_RESTART = { label: 'Move it aside and restart', action: 'move-aside' } as const;

/**
 * What to offer when a damaged database is met while the app runs (a query hit a bad page).
 *
 * The user may want to finish something first (an export of what still reads), so the default
 * and Escape keep the app running; moving aside needs a restart because the file is open.
 */
export function runningRecoveryChoices(error: StorageError): RecoveryPrompt {
  return {
    problem: error.problem,
    title: 'Fleet VIN Lookup found its database damaged',
    message: error.message,
    detail:
      'Move it aside and restart: the file is renamed to "….unusable-<date>" in the data folder (nothing is deleted) and the app starts again with an empty cache. Keep working: the app goes on, but what is stored may be incomplete and saving may fail.',
    buttons: [KEEP_WORKING, MOVE_ASIDE_AND_RESTART, OPEN_FOLDER],
    cancelId: 0,
  };
}
