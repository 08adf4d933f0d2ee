/**
 * A rate cap that holds where it matters: at the server, on arrival.
 *
 * p-queue's strict interval counts request *starts*, but the server counts *arrivals*, and
 * the two drift apart when a request is held up on its way out (connection setup, a busy
 * event loop): a late first request and a prompt later one can land closer than a second
 * apart, so a server-side limiter would see cap + 1 in one second. A request's arrival lies
 * somewhere between its start and its answer, so this gate counts each request from its start
 * until its answer as "now", and afterwards at the time of its answer (the latest it can have
 * arrived). A new request starts only when fewer than `cap` such times fall in the last
 * `intervalMs`; then no window of `intervalMs` at the server ever holds more than `cap`.
 */
export class ArrivalRateGate {
  /** Answer times of finished requests, oldest first. */
  private readonly answered: number[] = [];
  private inFlight = 0;
  private readonly wakers = new Set<() => void>();

  constructor(
    private readonly cap: number,
    private readonly intervalMs: number,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Waits for a slot; call the returned function once when the answer (or failure) arrives. */
  async acquire(signal: AbortSignal): Promise<() => void> {
    for (;;) {
      signal.throwIfAborted();
      const now = this.clock();
      while (this.answered.length > 0 && (this.answered[0] ?? 0) <= now - this.intervalMs) this.answered.shift();
      if (this.answered.length + this.inFlight < this.cap) {
        this.inFlight += 1;
        let released = false;
        return () => {
          if (released) return;
          released = true;
          this.inFlight -= 1;
          this.answered.push(this.clock());
          this.wake();
        };
      }
      const oldest = this.answered[0];
      // Full: wait until the oldest answer leaves the window (or, if every slot is in flight,
      // until one is answered and so gets a time that can expire).
      await this.wait(oldest === undefined ? null : oldest + this.intervalMs - now, signal);
    }
  }

  private wait(ms: number | null, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const cleanup = (): void => {
        if (timer !== undefined) clearTimeout(timer);
        this.wakers.delete(done);
        signal.removeEventListener('abort', onAbort);
      };
      const done = (): void => {
        cleanup();
        resolve();
      };
      const onAbort = (): void => {
        cleanup();
        reject(signal.reason);
      };
      const timer = ms === null ? undefined : setTimeout(done, Math.max(1, Math.ceil(ms)));
      if (ms === null) this.wakers.add(done);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Lets waiters re-check after a release (only needed when every slot was in flight). */
  private wake(): void {
    for (const waker of [...this.wakers]) waker();
  }
}
