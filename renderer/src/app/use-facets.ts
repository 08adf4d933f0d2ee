/**
 * Makes, body classes, year bounds and the vehicle count, re-read whenever the cache changes.
 *
 * Asked only once the table has its first rows (`ready`): main answers one request at a time,
 * and the facets walk two indexes of the whole fleet, so asking first would hold back the rows
 * the user is waiting for. A failure is returned for the message area: without it the filter
 * dropdowns would stay empty with no word why.
 */
import type { AppError } from '../../../shared/ipc/result';
import type { VehicleFacets } from '../../../shared/vehicles/vehicle-query';
import { useContract } from './use-contract';

export interface FacetsState {
  /** The latest facets read; kept while a re-read runs or fails. */
  readonly facets: VehicleFacets | null;
  readonly error: AppError | null;
}

export function useFacets(version: number, ready = true): FacetsState {
  const { value, error } = useContract(() => (ready ? window.fleet.vehiclesFacets({}) : null), [version, ready]);
  return { facets: value, error };
}
