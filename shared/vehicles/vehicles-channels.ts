/** Channel names of the vehicles domain (lookup, table, remove/undo, vPIC status). */
export const VEHICLE_INVOKE_CHANNELS = [
  'vehicles:lookup',
  'vehicles:lookupMany',
  'vehicles:get',
  'vehicles:list',
  'vehicles:facets',
  'vehicles:remove',
  'vehicles:restore',
  'vpic:status',
] as const;

export const VEHICLE_EVENT_CHANNELS = ['vehicles:changed', 'vpic:status', 'vehicles:removalProgress'] as const;
