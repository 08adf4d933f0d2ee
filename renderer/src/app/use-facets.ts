/**
 * Makes, year bounds and the vehicle count, re-read whenever the cache changes.
 */
import { useEffect, useState } from 'react';
import type { VehicleFacets } from '../../../shared/vehicles/vehicle-query';

export function useFacets(version: number): VehicleFacets | null {
  const [facets, setFacets] = useState<VehicleFacets | null>(null);
  useEffect(() => {
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
  }, [version]);
  return facets;
}
