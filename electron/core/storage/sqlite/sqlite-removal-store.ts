/**
 * Removal with undo on SQLite: small removals on the store's own connection, large ones and their
 * undo in the removal worker.
 *
 * A few rows take well under a millisecond, so they are moved into the undo stash at once, in
 * this thread, and the removal is complete before any other request is handled. Larger ones go to
 * the worker (removal-client.ts), which moves them in short chunks with progress; its stash lives
 * with the worker's connection. A token says which of the two holds its rows.
 */
import type { RemovalStore } from '../fleet-store';
import { AppFailure } from '../../ipc/app-failure';
import { removeInChunks, restoreInChunks } from './vehicles/chunked-removal';
import type { RemovalClient } from './vehicles/removal-client';
import type { UndoStash } from './vehicles/undo-stash';

/** Removals up to this many vehicles run on the main connection (one chunk, about a millisecond). */
export const SMALL_REMOVAL = 100;

export function createSqliteRemovalStore(deps: { readonly undo: UndoStash; readonly worker: RemovalClient }): RemovalStore {
  const { undo, worker } = deps;
  // Tokens of removals made on the main connection; any other token belongs to the worker.
  const mainTokens = new Set<string>();
  return {
    async remove(ids, onProgress) {
      if (ids.length > SMALL_REMOVAL) return worker.remove(ids, onProgress);
      const removal = await removeInChunks(undo, ids, { onProgress });
      mainTokens.add(removal.token);
      return removal;
    },
    async restore(token, onProgress) {
      if (!mainTokens.has(token)) return worker.restore(token, onProgress);
      const stashed = undo.peek(token);
      if (!stashed) throw new AppFailure('NOT_FOUND', 'This undo has expired or was already used.');
      // The token is spent only once every row is back: if the restore fails (disk full, the
      // database busy with an import), the user can press Undo again and lose nothing.
      const restored = await restoreInChunks(stashed, { onProgress });
      undo.discard(token);
      mainTokens.delete(token);
      return restored;
    },
    async discard(token) {
      // The worker's stash expires on its own (undo-stash's time to live); only ours is dropped early.
      if (!mainTokens.delete(token)) return;
      undo.discard(token);
    },
  };
}
