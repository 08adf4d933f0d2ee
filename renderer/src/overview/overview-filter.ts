/**
 * The table filters the overview's charts and the recalls controls set, on top of the search,
 * make, years, source and errors filters the table already had.
 */
import type { DecodeQuality } from '../../../shared/overview/fleet-overview';
import type { RecallStatus } from '../../../shared/recalls/recall-types';
import type { VehicleListQueryInput } from '../../../shared/vehicles/vehicle-query';

export interface OverviewFilter {
  readonly bodyClass?: string;
  readonly vehicleType?: string;
  readonly gvwrClass?: string;
  readonly quality?: DecodeQuality;
  readonly recallStatus?: RecallStatus;
  readonly parkIt?: boolean;
}

/** The query fields for the filters that are set. */
export function overviewQuery(filter: OverviewFilter): Partial<VehicleListQueryInput> {
  const query: { -readonly [K in keyof OverviewFilter]: OverviewFilter[K] } = {};
  if (filter.bodyClass) query.bodyClass = filter.bodyClass;
  if (filter.vehicleType) query.vehicleType = filter.vehicleType;
  if (filter.gvwrClass) query.gvwrClass = filter.gvwrClass;
  if (filter.quality) query.quality = filter.quality;
  if (filter.recallStatus) query.recallStatus = filter.recallStatus;
  if (filter.parkIt) query.parkIt = true;
  return query;
}
