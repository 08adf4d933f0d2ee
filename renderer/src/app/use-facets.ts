/**
 * Makes, body classes, year bounds and the vehicle count, re-read whenever the cache changes.
 *
 * Asked only once the table has its first rows (`ready`): main answers one request at a time,
 * and the facets walk two indexes of the whole fleet, so asking first would hold back the rows
 * the user is waiting for.
 */
import { useEffect, useState } from 'react';
import type { VehicleFacets } from '../../../shared/vehicles/vehicle-query';

export function useFacets(version: number, ready = true): VehicleFacets | null {
  const [facets, setFacets] = useState<VehicleFacets | null>(null);
  useEffect(() => {
    if (!ready) return undefined;
    let live = true;
    void window.fleet.vehiclesFacets({}).then(
      (result) => {
        if (live && result.ok) setFacets(result.value);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [version, ready]);
  return facets;
}
