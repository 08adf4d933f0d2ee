/** Handlers of the vehicles domain: lookup, table, details, remove with undo, vPIC status. */
import type { Database } from 'better-sqlite3';
import type { RemovalProgress, VehiclesChanged } from '../../../shared/vehicles/vehicles-contract';
import type { VEHICLE_INVOKE_CHANNELS } from '../../../shared/vehicles/vehicles-channels';
import { AppFailure } from '../ipc/app-failure';
import type { Handler } from '../ipc/dispatch';
import type { LookupService } from '../lookup/lookup-service';
import { withRecallSummaries } from '../storage/sqlite/recalls/recall-repository';
import { removeInChunks, restoreInChunks } from '../storage/sqlite/vehicles/chunked-removal';
import type { RemovalClient } from '../storage/sqlite/vehicles/removal-client';
import type { UndoStash } from '../storage/sqlite/vehicles/undo-stash';
import { getById, listVehicles, vehicleFacets } from '../storage/sqlite/vehicles/vehicle-repository';

type VehicleChannel = (typeof VEHICLE_INVOKE_CHANNELS)[number];

/** Removals up to this many vehicles run on the main connection (one chunk, about a millisecond). */
export const SMALL_REMOVAL = 100;

export interface VehicleHandlerDeps {
  readonly db: Database;
  readonly lookup: LookupService;
  /** Large removals and their undo run in a worker thread, in chunks (removal-client.ts). */
  readonly removals: RemovalClient;
  /** The undo stash of small removals, done at once on the main connection. */
  readonly undo: UndoStash;
  readonly onChanged: (change: VehiclesChanged) => void;
  /** Progress of a running remove or undo (both run in chunks, off the event loop's critical path). */
  readonly onRemovalProgress?: (progress: RemovalProgress) => void;
}

export function createVehicleHandlers(deps: VehicleHandlerDeps): { [C in VehicleChannel]: Handler<C> } {
  const { db, lookup, removals, undo } = deps;
  // Tokens of removals made on the main connection; any other token belongs to the worker.
  const mainTokens = new Set<string>();
  const onProgress = deps.onRemovalProgress ?? (() => undefined);
  // Undo tokens being restored right now: a second click must not race the first through the stash.
  const restoring = new Set<string>();
  return {
    'vehicles:lookup': (request) => lookup.lookup(request.vin, { refresh: request.refresh ?? false }),
    'vehicles:lookupMany': (request) => lookup.lookupMany(request.vins, { refresh: request.refresh ?? false }),
    'vehicles:get': (request) => {
      const vehicle = getById(db, request.id);
      if (!vehicle) throw new AppFailure('NOT_FOUND', `There is no vehicle with id ${request.id}; it may have been removed.`);
      return vehicle;
    },
    'vehicles:list': (request) => withRecallSummaries(db, listVehicles(db, request)),
    'vehicles:facets': () => vehicleFacets(db),
    'vehicles:remove': async (request) => {
      // A few rows take well under a millisecond: removed at once, in this thread, so the removal
      // is complete before any other request is handled. Larger ones go to the worker.
      const small = request.ids.length <= SMALL_REMOVAL;
      const { removed, token, expiresAt } = small
        ? await removeInChunks(undo, request.ids, { onProgress })
        : await removals.remove(request.ids, onProgress);
      if (small) mainTokens.add(token);
      if (removed > 0) deps.onChanged({ reason: 'remove', count: removed });
      return { removed, undoToken: token, undoExpiresAt: expiresAt.toISOString() };
    },
    'vehicles:restore': async (request) => {
      const token = request.undoToken;
      if (restoring.has(token)) throw new AppFailure('INVALID_INPUT', 'This undo is already running.');
      restoring.add(token);
      try {
        let restored: number;
        if (mainTokens.has(token)) {
          const stashed = undo.peek(token);
          if (!stashed) throw new AppFailure('NOT_FOUND', 'This undo has expired or was already used.');
          // The token is spent only once every row is back: if the restore fails (disk full, the
          // database busy with an import), the user can press Undo again and lose nothing.
          restored = await restoreInChunks(stashed, { onProgress });
          undo.discard(token);
          mainTokens.delete(token);
        } else {
          restored = await removals.restore(token, onProgress);
        }
        if (restored > 0) deps.onChanged({ reason: 'restore', count: restored });
        return { restored };
      } finally {
        restoring.delete(token);
      }
    },
    'vpic:status': () => lookup.vpicStatus(),
  };
}
