/**
 * An import's store calls, held while the team database cannot be reached and tried again when it
 * answers: a server restart or a network drop pauses the import instead of failing it.
 *
 * Only `StorageError`s of problem `unavailable` are waited on (what the PostgreSQL store reports
 * for a refused, dropped or timed-out connection); any other failure is the caller's as before.
 * The wait grows from `minDelayMs` to `maxDelayMs` (capped exponential backoff) and never gives
 * up on its own: a started import resumes whenever the server is back. The job's cancel signal
 * ends the wait at once (the call then rejects with `StorageWaitAborted`).
 *
 * The operation is run again WHOLE, so it must be safe to repeat: a chunk commit is (the store
 * applies a chunk at or below the job's cursor once), reads are.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { messageOf } from '../ipc/app-failure';
import { StorageError } from '../storage/storage-error';

/** What the user is told while an import waits. */
export interface StorageWait {
  /** The store's sentence: which server, what is wrong. */
  readonly message: string;
  /** Failed tries so far (1 on the first wait). */
  readonly attempt: number;
  /** When the next try is. */
  readonly retryInMs: number;
  /** When the waiting started (ISO time). */
  readonly since: string;
}

export interface StorageWaitOptions {
  /** The job's cancel signal: ends the wait. */
  readonly signal?: AbortSignal;
  /** Called before each wait. */
  readonly onWaiting?: (wait: StorageWait) => void;
  /** Called once when a try succeeds after waiting. */
  readonly onRecovered?: () => void;
  /** First wait (default 250 ms). */
  readonly minDelayMs?: number;
  /**
   * Longest wait between tries (default 5 s, the heartbeat's period): once the server is back,
   * the job's heartbeat is written again within one period, before other desks take it for gone.
   */
  readonly maxDelayMs?: number;
  readonly now?: () => Date;
}

/** The job was cancelled while it waited for the store. */
export class StorageWaitAborted extends Error {
  constructor(options?: { cause?: unknown }) {
    super('The import was cancelled while it waited for the database.', options);
    this.name = 'StorageWaitAborted';
  }
}

export const MIN_STORAGE_RETRY_MS = 250;
export const MAX_STORAGE_RETRY_MS = 5_000;

export function isStorageUnavailable(error: unknown): boolean {
  return error instanceof StorageError && error.problem === 'unavailable';
}

/** The wait before try `attempt + 1`: doubling from `min`, never beyond `max`. */
export function backoffDelay(attempt: number, min: number, max: number): number {
  return Math.min(max, min * 2 ** Math.max(0, attempt - 1));
}

/**
 * Run `operation` until it succeeds, waiting while the store is unavailable. `attempt` is 1 on the
 * first try; a later try is one after a wait (the caller may check first that the job is still
 * its own).
 */
export async function whileStorageUnavailable<T>(operation: (attempt: number) => Promise<T>, options: StorageWaitOptions = {}): Promise<T> {
  const min = options.minDelayMs ?? MIN_STORAGE_RETRY_MS;
  const max = options.maxDelayMs ?? MAX_STORAGE_RETRY_MS;
  const now = options.now ?? (() => new Date());
  let since: string | null = null;
  for (let attempt = 1; ; attempt++) {
    if (options.signal?.aborted) throw new StorageWaitAborted({ cause: options.signal.reason });
    try {
      const result = await operation(attempt);
      if (since !== null) options.onRecovered?.();
      return result;
    } catch (error) {
      if (!isStorageUnavailable(error)) throw error;
      since ??= now().toISOString();
      const retryInMs = backoffDelay(attempt, min, max);
      options.onWaiting?.({ message: messageOf(error), attempt, retryInMs, since });
      try {
        await delay(retryInMs, undefined, options.signal ? { signal: options.signal } : {});
      } catch (aborted) {
        throw new StorageWaitAborted({ cause: aborted });
      }
    }
  }
}
