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
  /** The vehicles of a live token, left in place; null when unknown or expired. */
  peek(token: string): Vehicle[] | null;
  /** Forget a token once its vehicles are back (a token works once). */
  discard(token: string): void;
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
    peek(token) {
      sweep();
      return entries.get(token)?.vehicles ?? null;
    },
    discard(token) {
      entries.delete(token);
    },
  };
}
