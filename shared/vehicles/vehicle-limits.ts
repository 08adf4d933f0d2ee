/**
 * The vehicles domain's limits and closed lists, as plain data.
 *
 * Kept apart from the zod schemas that use them so the renderer can import them without
 * bundling zod (the page validates nothing itself: main parses every payload).
 */

/** Columns the fleet table can sort by; the repository maps each to an indexed SQL column. */
export const VEHICLE_SORT_COLUMNS = [
  'vin',
  'make',
  'model',
  'modelYear',
  'bodyClass',
  'source',
  'decodedAt',
  'updatedAt',
  'id',
  'unitNumber',
  'plate',
  'department',
  /** Park-it campaigns first, then by number of campaigns listed for the model. */
  'recalls',
] as const;

export type VehicleSortColumn = (typeof VEHICLE_SORT_COLUMNS)[number];

/** Most sort keys at once (Shift-click on headers adds keys). */
export const MAX_SORT_KEYS = 4;

export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/** Longest search text accepted: a VIN is 17 characters, make/model names are short. */
export const MAX_SEARCH_LENGTH = 100;
/** Largest page: the table is virtualised and asks for windows, never for the whole fleet. */
export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 100;

/** Most VINs one `vehicles:lookupMany` call takes (bigger lists are imports). */
export const MAX_LOOKUP_MANY = 1000;
/** Most vehicles one remove takes: a select-all of a large fleet. */
export const MAX_REMOVE = 200_000;
