/**
 * What the import needs of the fleet store: its jobs, the remembered mappings, and which VINs
 * are stored. Any `FleetStore` is one.
 */
import type { FleetStore, VehicleStore } from '../storage/fleet-store';

export type ImportStores = Pick<FleetStore, 'importJobs' | 'mappings'> & { readonly vehicles: Pick<VehicleStore, 'getManyByVin'> };

/** Which of `vins` are stored now. */
export async function storedVins(vehicles: ImportStores['vehicles'], vins: readonly string[]): Promise<Set<string>> {
  if (vins.length === 0) return new Set();
  return new Set((await vehicles.getManyByVin(vins)).keys());
}
