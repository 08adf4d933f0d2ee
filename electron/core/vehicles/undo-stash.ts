/**
 * Removed vehicles kept for a while so "Undo" can put them back exactly.
 *
 * Kept in memory (main process): an undo is offered for minutes, not across restarts. The
 * records are complete (`Vehicle` with id and raw record), so a restore is byte-for-byte.
 */
import { randomUUID } from 'node:crypto';
import type { Vehicle } from '../../../shared/vehicle';

export const UNDO_TTL_MS = 10 * 60 * 1000;

export interface UndoStash {
  put(vehicles: Vehicle[]): { token: string; expiresAt: Date };
  /** Take the vehicles out (a token works once); null when unknown or expired. */
  take(token: string): Vehicle[] | null;
}

export function createUndoStash(now: () => Date = () => new Date(), ttlMs = UNDO_TTL_MS): UndoStash {
  const entries = new Map<string, { vehicles: Vehicle[]; expiresAt: number }>();
  const sweep = (): void => {
    const t = now().getTime();
    for (const [token, entry] of entries) if (entry.expiresAt <= t) entries.delete(token);
  };
  return {
    put(vehicles) {
      sweep();
      const token = randomUUID();
      const expiresAt = now().getTime() + ttlMs;
      entries.set(token, { vehicles, expiresAt });
      return { token, expiresAt: new Date(expiresAt) };
    },
    take(token) {
      sweep();
      const entry = entries.get(token);
      if (!entry) return null;
      entries.delete(token);
      return entry.vehicles;
    },
  };
}
