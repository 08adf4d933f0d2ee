/**
 * Which storage the app starts with, as real tools decide it: the command line's
 * `--database-url` first, then the environment's `FLEET_DATABASE_URL`, then the team server saved
 * in Settings, else the SQLite file on this computer.
 *
 * An administrator's flag or variable must win over what a user clicked, and what a user saved
 * must win over the default. A URL that is not a PostgreSQL URL stops the start with a message
 * naming where it came from (never echoing the URL, which may hold a password).
 */
import { parseDatabaseUrl } from './database-url';
import type { StorageLocation } from './storage-location';

/** Where the chosen location came from (logged at start, so support can tell why a desk uses which database). */
export type StorageLocationSource = 'cli' | 'env' | 'settings' | 'default';

export interface StorageLocationInputs {
  /** `--database-url` from the command line. */
  readonly cliUrl?: string | undefined;
  /** `FLEET_DATABASE_URL` from the environment. */
  readonly envUrl?: string | undefined;
  /** The team server saved in Settings (`savedStorageLocation`), or null. */
  readonly saved: StorageLocation | null;
  /** The SQLite file used when nothing else is given. */
  readonly defaultSqlitePath: string;
}

export interface ResolvedStorageLocation {
  readonly location: StorageLocation;
  readonly source: StorageLocationSource;
}

const SOURCE_NAMES = { cli: 'The --database-url option', env: 'FLEET_DATABASE_URL' } as const;

export function resolveStorageLocation(inputs: StorageLocationInputs): ResolvedStorageLocation {
  // An empty value counts as unset: `FLEET_DATABASE_URL= app` is how a shell clears a variable.
  if (inputs.cliUrl?.trim()) return { location: parseDatabaseUrl(inputs.cliUrl, SOURCE_NAMES.cli), source: 'cli' };
  if (inputs.envUrl?.trim()) return { location: parseDatabaseUrl(inputs.envUrl, SOURCE_NAMES.env), source: 'env' };
  if (inputs.saved) return { location: inputs.saved, source: 'settings' };
  return { location: { kind: 'sqlite', path: inputs.defaultSqlitePath }, source: 'default' };
}
