/** Handler of the fleet overview domain. */
import type { OVERVIEW_INVOKE_CHANNELS } from '../../../shared/overview/overview-channels';
import type { Handler } from '../ipc/dispatch';
import type { FleetStore } from '../storage/fleet-store';

type OverviewChannel = (typeof OVERVIEW_INVOKE_CHANNELS)[number];

export function createOverviewHandlers(deps: { readonly store: Pick<FleetStore, 'overview'> }): { [C in OverviewChannel]: Handler<C> } {
  return { 'fleet:overview': () => deps.store.overview() };
}
