/**
 * Recalls as every layer sees them, as plain data (no zod, so the renderer bundles none).
 *
 * NHTSA's recalls API answers per make, model and model year, never per VIN. So a campaign
 * here is "listed for this vehicle's model", not "open on this VIN"; and "no recalls
 * reported" is what NHTSA's list says, not a statement that the vehicle is safe.
 */

/**
 * What is known about one vehicle's recalls.
 * - `found`: NHTSA lists campaigns for the vehicle's make, model and year.
 * - `none`: NHTSA answered with no campaigns for them.
 * - `no-data`: NHTSA has no data for that make/model/year (its API answers HTTP 400).
 * - `not-checked`: nobody has asked NHTSA yet (or the last try failed).
 * - `unknown-model`: the decode lacks make, model or year, so NHTSA cannot be asked.
 */
export const RECALL_STATUSES = ['found', 'none', 'no-data', 'not-checked', 'unknown-model'] as const;
export type RecallStatus = (typeof RECALL_STATUSES)[number];

/** Statuses an answer from NHTSA can leave in the cache. */
export type FetchedRecallStatus = Extract<RecallStatus, 'found' | 'none' | 'no-data'>;

export interface RecallCampaign {
  /** NHTSA's campaign number, e.g. `14V123000`. */
  readonly campaignNumber: string;
  /** ISO date (YYYY-MM-DD) NHTSA received the report, or null when it gave none we can read. */
  readonly reportReceivedDate: string | null;
  readonly component: string | null;
  readonly summary: string | null;
  readonly consequence: string | null;
  readonly remedy: string | null;
  readonly notes: string | null;
  /** NHTSA advises not to drive the vehicle until it is repaired. */
  readonly parkIt: boolean;
  /** NHTSA advises parking outside, away from buildings (fire risk). */
  readonly parkOutside: boolean;
  readonly overTheAirUpdate: boolean;
}

/** One row's recalls at a glance (the table's column). */
export interface RecallSummary {
  readonly status: RecallStatus;
  /** Campaigns listed for the model (0 unless `found`). */
  readonly count: number;
  /** Campaigns among them that say "park it" or "park outside". */
  readonly parkCount: number;
}

/** Everything known about one vehicle's recalls (details panel, CLI). */
export interface VehicleRecalls {
  readonly vehicleId: number;
  readonly vin: string;
  readonly make: string | null;
  readonly model: string | null;
  readonly modelYear: number | null;
  readonly status: RecallStatus;
  /** Park-it and park-outside campaigns first, then newest first. */
  readonly campaigns: readonly RecallCampaign[];
  /** When NHTSA's answer was fetched (ISO instant), or null when it never was. */
  readonly fetchedAt: string | null;
  /** Why the last try to ask NHTSA failed, when it did and nothing is cached. */
  readonly lastError: string | null;
}

/** The sentence shown wherever recalls are: what they are, and what they are not. */
export const RECALLS_CAVEAT =
  "NHTSA lists recalls per make, model and year, not per VIN: a listed campaign may not apply to this vehicle, and none listed does not mean none open. Check the VIN with the maker or on NHTSA's recall site.";

/** A short label for each status, worded so that none of them reads as "safe". */
export const RECALL_STATUS_LABELS: Readonly<Record<RecallStatus, string>> = {
  found: 'Campaigns listed',
  none: 'No recalls reported',
  'no-data': 'No data at NHTSA',
  'not-checked': 'Not checked yet',
  'unknown-model': 'Model unknown',
};

/** Park-it/park-outside first, then newest report first, then campaign number. */
export function orderCampaigns(campaigns: readonly RecallCampaign[]): RecallCampaign[] {
  const urgent = (c: RecallCampaign): number => (c.parkIt || c.parkOutside ? 0 : 1);
  return [...campaigns].sort(
    (a, b) =>
      urgent(a) - urgent(b) ||
      (b.reportReceivedDate ?? '').localeCompare(a.reportReceivedDate ?? '') ||
      a.campaignNumber.localeCompare(b.campaignNumber),
  );
}

/** Headers of the recall columns the fleet table and spreadsheet exports show beside the vehicle's own. */
export const RECALL_COLUMN_LABELS = { recalls: 'Recalls', recallCampaigns: 'Recall campaigns' } as const;
