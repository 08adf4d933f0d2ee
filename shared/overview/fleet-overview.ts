/**
 * The fleet at a glance: counts computed in SQL, shown as charts and printed by the CLI.
 *
 * Every list's counts add up to `total` (vehicles whose value is unknown are counted under
 * `null`), so a chart never silently drops part of the fleet.
 */
import type { DecodeSource } from '../vehicle';
import type { RecallStatus } from '../recalls/recall-types';

/** Decode quality: clean, decoded with a wrong check digit (vPIC code 1), or with decode errors. */
export const DECODE_QUALITIES = ['clean', 'check-digit', 'errors'] as const;
export type DecodeQuality = (typeof DECODE_QUALITIES)[number];

export interface FleetOverview {
  readonly total: number;
  /** Most vehicles first. */
  readonly byMake: readonly { readonly make: string | null; readonly count: number }[];
  /** Oldest year first. */
  readonly byModelYear: readonly { readonly modelYear: number | null; readonly count: number }[];
  readonly byBodyClass: readonly { readonly bodyClass: string | null; readonly count: number }[];
  readonly byVehicleType: readonly { readonly vehicleType: string | null; readonly count: number }[];
  /** "Class 8", "Class 2E", … (the part of vPIC's GVWR before the colon). */
  readonly byGvwrClass: readonly { readonly gvwrClass: string | null; readonly count: number }[];
  readonly bySource: readonly { readonly source: DecodeSource; readonly count: number }[];
  readonly byQuality: readonly { readonly quality: DecodeQuality; readonly count: number }[];
  readonly recalls: {
    /** Every status, in `RECALL_STATUSES` order, zeros included. */
    readonly byStatus: readonly { readonly status: RecallStatus; readonly count: number }[];
    /** Vehicles whose model has at least one park-it or park-outside campaign. */
    readonly withParkIt: number;
  };
  /** Time the queries took in the core. */
  readonly durationMs: number;
}
