/**
 * Recalls for the fleet: ask NHTSA once per distinct make/model/year, cache the answer with its
 * fetch time, and ask again only when it is older than `maxAgeMs` or the user says so.
 */
import type { VehicleRecalls } from '../../../shared/recalls/recall-types';
import type { RecallsProgress, RecallsRefreshAnswer } from '../../../shared/recalls/recalls-contract';
import { AppFailure, messageOf } from '../ipc/app-failure';
import type { Logger } from '../logging/logger';
import type { RecallStore } from '../storage/fleet-store';
import type { RecallModelKey, RecallsClient } from './recalls-client';

export const DEFAULT_RECALLS_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

export interface RecallsServiceOptions {
  /** The recalls cache (`store.recalls`). */
  readonly recalls: RecallStore;
  /** Null when the app runs offline: the cache is shown, nothing is fetched. */
  readonly client: RecallsClient | null;
  /** Answers older than this are fetched again (default 7 days). */
  readonly maxAgeMs?: number;
  readonly now?: () => Date;
  readonly logger?: Logger;
  /** Called after answers were stored, so views can re-read. */
  readonly onChanged?: (models: number) => void;
}

export interface RefreshOptions {
  readonly ids?: readonly number[];
  readonly force?: boolean;
  readonly onProgress?: (progress: RecallsProgress) => void;
}

export interface RecallsService {
  /** One vehicle's recalls; with `fetch`, first asks NHTSA if its model's answer is missing or stale. */
  forVehicle(id: number, options?: { readonly fetch?: boolean }): Promise<VehicleRecalls>;
  /** Asks NHTSA for every distinct make/model/year (of the fleet, or of `ids`) that is missing or stale. */
  refresh(options?: RefreshOptions): Promise<RecallsRefreshAnswer>;
}

const keyOf = (k: RecallModelKey): string => `${k.make.toUpperCase()}\u0000${k.model.toUpperCase()}\u0000${k.modelYear}`;

export function createRecallsService(options: RecallsServiceOptions): RecallsService {
  const { recalls: cache, client } = options;
  const maxAgeMs = options.maxAgeMs ?? DEFAULT_RECALLS_MAX_AGE_MS;
  const now = options.now ?? (() => new Date());
  /** Requests in flight, so a details panel and a refresh asking the same model share one. */
  const inFlight = new Map<string, Promise<void>>();
  /** Why the last try for a model failed (kept until an answer arrives). */
  const failures = new Map<string, string>();

  function fetchModel(key: RecallModelKey): Promise<void> {
    const id = keyOf(key);
    const running = inFlight.get(id);
    if (running !== undefined) return running;
    if (client === null) return Promise.reject(new Error('The app is offline, so NHTSA is not asked for recalls.'));
    const task = client
      .recallsFor(key)
      .then(async (answer) => {
        await cache.save(key, answer, now());
        failures.delete(id);
      })
      .catch((error: unknown) => {
        failures.set(id, messageOf(error));
        options.logger?.warn({ recalls: { ...key, error: messageOf(error) } }, 'recalls request failed');
        throw error;
      })
      .finally(() => inFlight.delete(id));
    inFlight.set(id, task);
    return task;
  }

  const cutoff = (): Date => new Date(now().getTime() - maxAgeMs);

  return {
    async forVehicle(id, o = {}) {
      const lastError = (key: RecallModelKey): string | null => failures.get(keyOf(key)) ?? null;
      let recalls = await cache.forVehicle(id, lastError);
      if (recalls === null) throw new AppFailure('NOT_FOUND', `There is no vehicle with id ${id}; it may have been removed.`);
      if (!o.fetch || client === null || recalls.status === 'unknown-model') return recalls;
      const key = { make: recalls.make ?? '', model: recalls.model ?? '', modelYear: recalls.modelYear ?? 0 };
      const cached = await cache.get(key);
      if (cached !== null && Date.parse(cached.fetchedAt) >= cutoff().getTime()) return recalls;
      try {
        await fetchModel(key);
        options.onChanged?.(1);
      } catch {
        // The failure is kept and shown with the cached (or "not checked") status.
      }
      recalls = await cache.forVehicle(id, lastError);
      if (recalls === null) throw new AppFailure('NOT_FOUND', `There is no vehicle with id ${id}; it may have been removed.`);
      return recalls;
    },

    async refresh(o = {}) {
      const models = await cache.modelsToFetch({ fetchedBefore: o.force ? null : cutoff(), ...(o.ids === undefined ? {} : { ids: o.ids }) });
      const total = models.length;
      let done = 0;
      let fetched = 0;
      let failed = 0;
      let error: string | null = client === null && total > 0 ? 'The app is offline, so NHTSA was not asked for recalls.' : null;
      o.onProgress?.({ done, total });
      if (client !== null) {
        // All at once: the polite stack's queue keeps NHTSA's load to its concurrency and rate cap.
        await Promise.all(
          models.map(async (key) => {
            try {
              await fetchModel(key);
              fetched += 1;
            } catch (caught) {
              failed += 1;
              error ??= messageOf(caught);
            }
            done += 1;
            o.onProgress?.({ done, total });
          }),
        );
      } else {
        failed = total;
      }
      if (fetched > 0) options.onChanged?.(fetched);
      return { models: total, fetched, failed, error };
    },
  };
}
