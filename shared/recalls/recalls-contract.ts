/**
 * The recalls domain of the IPC contract: one vehicle's campaigns, and asking NHTSA again.
 */
import { z } from 'zod';
import type { VehicleRecalls } from './recall-types';

export const recallsRequestSchemas = {
  /**
   * One vehicle's recalls from the cache. `fetch: true` first asks NHTSA when the answer for its
   * make/model/year is missing or older than the configured age (one request, shared by every
   * vehicle of that model).
   */
  'recalls:forVehicle': z.object({ id: z.number().int().positive(), fetch: z.boolean().optional() }).strict(),
  /**
   * Ask NHTSA for the recalls of every distinct make/model/year of the fleet (or of the given
   * vehicles) whose answer is missing or stale; `force` asks again even for fresh answers.
   */
  'recalls:refresh': z
    .object({
      ids: z.array(z.number().int().positive()).min(1).max(1000).optional(),
      force: z.boolean().optional(),
    })
    .strict(),
} as const;

export type RecallsRefreshRequest = z.infer<(typeof recallsRequestSchemas)['recalls:refresh']>;

export interface RecallsRefreshAnswer {
  /** Distinct make/model/year combinations that needed asking. */
  readonly models: number;
  /** Requests NHTSA answered (found, none or no data). */
  readonly fetched: number;
  /** Combinations whose request failed; their vehicles stay as they were. */
  readonly failed: number;
  /** First failure's message, for the user. */
  readonly error: string | null;
}

export interface RecallsProgress {
  readonly done: number;
  readonly total: number;
}

export interface RecallsInvokeContract {
  'recalls:forVehicle': VehicleRecalls;
  'recalls:refresh': RecallsRefreshAnswer;
}

export interface RecallsEventContract {
  /** Combinations answered so far during `recalls:refresh`. */
  'recalls:progress': RecallsProgress;
}
