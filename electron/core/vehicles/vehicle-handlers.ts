/** Handlers of the vehicles domain: lookup, table, details, remove with undo, vPIC status. */
import type { Database } from 'better-sqlite3';
import type { VehiclesChanged } from '../../../shared/vehicles/vehicles-contract';
import type { VEHICLE_INVOKE_CHANNELS } from '../../../shared/vehicles/vehicles-channels';
import { AppFailure } from '../ipc/app-failure';
import type { Handler } from '../ipc/dispatch';
import type { LookupService } from '../lookup/lookup-service';
import { withRecallSummaries } from '../recalls/recall-repository';
import type { UndoStash } from './undo-stash';
import { getById, listVehicles, removeByIds, restore, vehicleFacets } from './vehicle-repository';

type VehicleChannel = (typeof VEHICLE_INVOKE_CHANNELS)[number];

export interface VehicleHandlerDeps {
  readonly db: Database;
  readonly lookup: LookupService;
  readonly undo: UndoStash;
  readonly onChanged: (change: VehiclesChanged) => void;
}

export function createVehicleHandlers(deps: VehicleHandlerDeps): { [C in VehicleChannel]: Handler<C> } {
  const { db, lookup, undo } = deps;
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
    'vehicles:remove': (request) => {
      const removed = removeByIds(db, request.ids);
      const { token, expiresAt } = undo.put(removed);
      if (removed.length > 0) deps.onChanged({ reason: 'remove', count: removed.length });
      return { removed: removed.length, undoToken: token, undoExpiresAt: expiresAt.toISOString() };
    },
    'vehicles:restore': (request) => {
      const vehicles = undo.peek(request.undoToken);
      if (!vehicles) throw new AppFailure('NOT_FOUND', 'This undo has expired or was already used.');
      // The token is spent only once the rows are back: if the restore fails (disk full, the
      // database busy with an import), the user can press Undo again and lose nothing.
      const restored = restore(db, vehicles);
      undo.discard(request.undoToken);
      if (restored > 0) deps.onChanged({ reason: 'restore', count: restored });
      return { restored };
    },
    'vpic:status': () => lookup.vpicStatus(),
  };
}
