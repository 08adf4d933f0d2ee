/**
 * A whole-client pause for `Retry-After`.
 *
 * A server that answers 429 or 503 with `Retry-After` asks the *client* to stay away for that
 * long (RFC 9110 §10.2.3, RFC 6585 §4), not merely the one request it answered. So every
 * request of the client waits here before it goes out; a second `Retry-After` can only make the
 * pause longer, never shorter.
 */
import { setTimeout as delay } from 'node:timers/promises';

export class RetryAfterPause {
  private until = 0;

  constructor(private readonly clock: () => number = () => performance.now()) {}

  /** Keeps every request away until `ms` from now (or longer, if already paused longer). */
  pauseFor(ms: number): void {
    if (!(ms > 0)) return;
    this.until = Math.max(this.until, this.clock() + ms);
  }

  /** Milliseconds the pause still lasts (0 when not paused). */
  remainingMs(): number {
    return Math.max(0, this.until - this.clock());
  }

  /** Resolves once no pause is in force; rejects with the signal's reason when it aborts. */
  async wait(signal: AbortSignal): Promise<void> {
    for (;;) {
      signal.throwIfAborted();
      const remaining = this.remainingMs();
      if (remaining <= 0) return;
      try {
        await delay(Math.ceil(remaining), undefined, { signal });
      } catch (error) {
        // timers/promises rejects with its own AbortError; callers expect the signal's reason.
        throw signal.aborted ? (signal.reason as unknown) : error;
      }
    }
  }
}
