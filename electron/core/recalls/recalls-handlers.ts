/** Handlers of the recalls domain: one vehicle's campaigns, and refreshing them from NHTSA. */
import type { RecallsProgress } from '../../../shared/recalls/recalls-contract';
import type { RECALLS_INVOKE_CHANNELS } from '../../../shared/recalls/recalls-channels';
import type { Handler } from '../ipc/dispatch';
import type { RecallsService } from './recalls-service';

type RecallsChannel = (typeof RECALLS_INVOKE_CHANNELS)[number];

export function createRecallsHandlers(deps: {
  readonly recalls: RecallsService;
  readonly emitProgress: (progress: RecallsProgress) => void;
}): { [C in RecallsChannel]: Handler<C> } {
  return {
    'recalls:forVehicle': (request) => deps.recalls.forVehicle(request.id, { fetch: request.fetch ?? false }),
    'recalls:refresh': (request) =>
      deps.recalls.refresh({
        ...(request.ids === undefined ? {} : { ids: request.ids }),
        force: request.force ?? false,
        onProgress: deps.emitProgress,
      }),
  };
}
