/** Handler of the fleet overview domain. */
import type { Database } from 'better-sqlite3';
import type { OVERVIEW_INVOKE_CHANNELS } from '../../../shared/overview/overview-channels';
import type { Handler } from '../ipc/dispatch';
import { fleetOverview } from '../storage/sqlite/overview/fleet-overview-query';

type OverviewChannel = (typeof OVERVIEW_INVOKE_CHANNELS)[number];

export function createOverviewHandlers(deps: { readonly db: Database }): { [C in OverviewChannel]: Handler<C> } {
  return { 'fleet:overview': () => fleetOverview(deps.db) };
}
