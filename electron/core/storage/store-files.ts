/**
 * Files a store lives in, which no export, report or backup may replace: renaming a written file
 * over the live SQLite database would destroy the fleet. A server's store has no such file here.
 */
import { refuseLiveDatabase } from './sqlite/db/backup';
import type { StorageLocation } from './storage-location';

export function refuseStoreFiles(location: StorageLocation): (absoluteTarget: string) => string | null {
  return location.kind === 'sqlite' ? refuseLiveDatabase(location.path) : () => null;
}
