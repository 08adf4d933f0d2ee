/** Handlers of the vehicles domain: lookup, table, details, remove with undo, vPIC status. */
import type { RemovalProgress, VehiclesChanged } from '../../../shared/vehicles/vehicles-contract';
import type { VEHICLE_INVOKE_CHANNELS } from '../../../shared/vehicles/vehicles-channels';
import { AppFailure } from '../ipc/app-failure';
import type { Handler } from '../ipc/dispatch';
import type { LookupService } from '../lookup/lookup-service';
import type { FleetStore } from '../storage/fleet-store';

type VehicleChannel = (typeof VEHICLE_INVOKE_CHANNELS)[number];

export interface VehicleHandlerDeps {
  readonly store: Pick<FleetStore, 'vehicles' | 'removals'>;
  readonly lookup: LookupService;
  readonly onChanged: (change: VehiclesChanged) => void;
  /** Progress of a running remove or undo (both run in chunks, off the event loop's critical path). */
  readonly onRemovalProgress?: (progress: RemovalProgress) => void;
}

export function createVehicleHandlers(deps: VehicleHandlerDeps): { [C in VehicleChannel]: Handler<C> } {
  const { store, lookup } = deps;
  const onProgress = deps.onRemovalProgress ?? (() => undefined);
  // Undo tokens being restored right now: a second click must not race the first through the stash.
  const restoring = new Set<string>();
  return {
    'vehicles:lookup': (request) => lookup.lookup(request.vin, { refresh: request.refresh ?? false }),
    'vehicles:lookupMany': (request) => lookup.lookupMany(request.vins, { refresh: request.refresh ?? false }),
    'vehicles:get': async (request) => {
      const vehicle = await store.vehicles.getById(request.id);
      if (!vehicle) throw new AppFailure('NOT_FOUND', `There is no vehicle with id ${request.id}; it may have been removed.`);
      return vehicle;
    },
    'vehicles:list': (request) => store.vehicles.list(request),
    'vehicles:facets': () => store.vehicles.facets(),
    'vehicles:remove': async (request) => {
      const { removed, token, expiresAt } = await store.removals.remove(request.ids, onProgress);
      if (removed > 0) deps.onChanged({ reason: 'remove', count: removed });
      return { removed, undoToken: token, undoExpiresAt: expiresAt.toISOString() };
    },
    'vehicles:restore': async (request) => {
      const token = request.undoToken;
      if (restoring.has(token)) throw new AppFailure('INVALID_INPUT', 'This undo is already running.');
      restoring.add(token);
      try {
        const restored = await store.removals.restore(token, onProgress);
        if (restored > 0) deps.onChanged({ reason: 'restore', count: restored });
        return { restored };
      } finally {
        restoring.delete(token);
      }
    },
    'vpic:status': () => lookup.vpicStatus(),
  };
}
