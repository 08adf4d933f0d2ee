/**
 * The politeness stack every NHTSA API client sends its requests through.
 *
 * NHTSA's services are shared public infrastructure, and earlier implementations fell over
 * with them. Whatever the API, a request here:
 * - waits for a slot in ONE queue per client: a few in flight at once and at most
 *   `ratePerSecond` started in any rolling second (p-queue strict mode), with the same cap
 *   held for arrivals at the server (`ArrivalRateGate`);
 * - waits out any `Retry-After` the server gave this client, whichever request received it
 *   (`RetryAfterPause`);
 * - is retried on network errors, timeouts and whatever the client's reader marks retryable,
 *   with jittered exponential backoff (p-retry);
 * - fails fast while the service keeps failing (opossum circuit breaker), so callers can fall
 *   back at once, and is tried again after a cool-down;
 * - feeds a status (`unknown`, `online`, `retrying`, `offline`) that a badge can show.
 *
 * The API client brings what only it knows: the URL and body, how to read an answer (which
 * statuses mean what, which bodies are garbled) and its own error type, through `errors`.
 */
import CircuitBreaker from 'opossum';
import PQueue from 'p-queue';
import pRetry from 'p-retry';
import { ArrivalRateGate } from './arrival-rate-gate';
import { RetryAfterPause } from './retry-after-pause';
import { ServiceStatusTracker, type ServiceStatus } from './service-status';

/** What the stack needs to know about a client's error: is it worth another try, and when. */
export interface PoliteFailure extends Error {
  readonly retryable: boolean;
  /** Delay the server asked for (Retry-After), already capped, in ms. */
  readonly retryAfterMs?: number;
}

/** The client's error type and the failures the stack itself produces, in the client's words. */
export interface PoliteErrors<E extends PoliteFailure> {
  is(value: unknown): value is E;
  /** The client was closed (not retryable). */
  closed(): E;
  /** The breaker is open (not retryable). */
  breakerOpen(): E;
  /** True for an error made by `breakerOpen()`: it says nothing new about the service. */
  isBreakerOpen(error: E): boolean;
  /** `fetch` rejected: network failure, timeout or close. */
  fetchFailed(error: unknown, how: { readonly timedOut: boolean; readonly closed: boolean; readonly timeoutMs: number }): E;
  /** Anything else (a bug): not retryable. */
  unexpected(error: unknown): E;
}

export interface PoliteRequest<M> {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly body?: string;
  /** Content type of `body` (default form-encoded). */
  readonly contentType?: string;
  /** Whatever the client wants to see again in `onRequest` (e.g. how many VINs were asked). */
  readonly meta: M;
}

export interface PoliteRequestInfo<M> {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  /** HTTP status, or null when no answer arrived (network error, timeout). */
  readonly status: number | null;
  readonly durationMs: number;
  readonly meta: M;
  readonly error?: string;
}

export interface PoliteSettings {
  /** Requests in flight at once (default 2). */
  readonly concurrency?: number;
  /** Requests started in any rolling second (default 5). */
  readonly ratePerSecond?: number;
  /** Per-request timeout, including reading the body (default 10 000 ms). */
  readonly timeoutMs?: number;
  /** Retries after the first attempt (default 4). */
  readonly retries?: number;
  /** Backoff bounds; each delay is randomised ×1–2 (defaults 500 ms and 8 000 ms). */
  readonly retryMinDelayMs?: number;
  readonly retryMaxDelayMs?: number;
  /** Longest `Retry-After` honoured (default 60 000 ms). */
  readonly retryAfterMaxMs?: number;
  readonly breaker?: {
    /** Failed requests (and >50 % of those in the last 10 s) that open the breaker (default 5). */
    readonly failureThreshold?: number;
    /** Cool-down before a trial request is let through (default 30 000 ms). */
    readonly resetTimeoutMs?: number;
  };
}

export interface PoliteHttpOptions<E extends PoliteFailure, M> extends PoliteSettings {
  readonly errors: PoliteErrors<E>;
  readonly fetch?: typeof fetch;
  readonly now?: () => Date;
  readonly onRequest?: (info: PoliteRequestInfo<M>) => void;
}

/** Reads one answer: returns the parsed value or throws the client's error (retryable or not). */
export type AnswerReader<T> = (response: Response, context: { readonly now: Date; readonly retryAfterMaxMs: number }) => Promise<T>;

export interface PoliteHttp<M> {
  /** One request with queueing, pause, retries and breaker; rejects with the client's error type. */
  call<T>(request: PoliteRequest<M>, read: AnswerReader<T>): Promise<T>;
  status(): ServiceStatus;
  onStatus(listener: (status: ServiceStatus) => void): () => void;
  /** Called when the breaker closes again (the service is back). */
  onBreakerClose(listener: () => void): () => void;
  /** Aborts requests in flight and queued; later calls fail with `errors.closed()`. */
  close(): void;
  /** True once `close()` was called. */
  isClosed(): boolean;
}

/** Politeness defaults: requests in flight at once, and requests started in any second. */
export const DEFAULT_CONCURRENCY = 2;
export const DEFAULT_RATE_PER_SECOND = 5;

function hasCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === code;
}

type Job = () => Promise<unknown>;

export function createPoliteHttp<E extends PoliteFailure, M>(options: PoliteHttpOptions<E, M>): PoliteHttp<M> {
  const { errors } = options;
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const ratePerSecond = options.ratePerSecond ?? DEFAULT_RATE_PER_SECOND;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retries = options.retries ?? 4;
  const retryMinDelayMs = options.retryMinDelayMs ?? 500;
  const retryMaxDelayMs = Math.max(options.retryMaxDelayMs ?? 8_000, retryMinDelayMs);
  const retryAfterMaxMs = options.retryAfterMaxMs ?? 60_000;
  const failureThreshold = options.breaker?.failureThreshold ?? 5;
  const resetTimeoutMs = options.breaker?.resetTimeoutMs ?? 30_000;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const now = options.now ?? (() => new Date());
  const onRequest = options.onRequest;

  if (!(ratePerSecond > 0)) throw new RangeError('ratePerSecond must be > 0');
  if (!(concurrency >= 1)) throw new RangeError('concurrency must be >= 1');

  const status = new ServiceStatusTracker();
  const breakerCloseListeners = new Set<() => void>();
  let closed = false;
  const closeController = new AbortController();

  // Strict mode = sliding window: never more than intervalCap starts in any `interval` ms.
  // The arrival gate then makes the same cap hold for arrivals at the server.
  const intervalCap = Math.max(1, Math.floor(ratePerSecond));
  const interval = Math.ceil((1000 * intervalCap) / ratePerSecond);
  const queue = new PQueue({ concurrency, intervalCap, interval, strict: true });
  const arrivalGate = new ArrivalRateGate(intervalCap, interval);
  const pause = new RetryAfterPause();

  const asError = (reason: unknown): E => (errors.is(reason) ? reason : errors.closed());

  /** One HTTP attempt, sent once no Retry-After pause holds and the arrival gate has room. */
  async function exchange<T>(request: PoliteRequest<M>, read: AnswerReader<T>): Promise<T> {
    await pause.wait(closeController.signal).catch((reason: unknown) => {
      throw asError(reason);
    });
    const release = await arrivalGate.acquire(closeController.signal).catch((reason: unknown) => {
      throw asError(reason);
    });
    try {
      return await exchangeNow(request, read);
    } finally {
      release();
    }
  }

  async function exchangeNow<T>(request: PoliteRequest<M>, read: AnswerReader<T>): Promise<T> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = AbortSignal.any([timeout, closeController.signal]);
    const started = performance.now();
    let httpStatus: number | null = null;
    const report = (error?: string): void =>
      onRequest?.({
        method: request.method,
        url: request.url,
        status: httpStatus,
        durationMs: performance.now() - started,
        meta: request.meta,
        ...(error === undefined ? {} : { error }),
      });
    try {
      const response = await fetchImpl(request.url, {
        method: request.method,
        signal,
        headers: {
          accept: 'application/json',
          ...(request.body === undefined ? {} : { 'content-type': request.contentType ?? 'application/x-www-form-urlencoded' }),
        },
        ...(request.body === undefined ? {} : { body: request.body }),
      });
      httpStatus = response.status;
      const value = await read(response, { now: now(), retryAfterMaxMs });
      report();
      status.answered(now());
      return value;
    } catch (caught) {
      const error = errors.is(caught)
        ? caught
        : errors.fetchFailed(caught, { timedOut: timeout.aborted, closed: closeController.signal.aborted, timeoutMs });
      // The server asked this client to stay away: hold every request, not only this one.
      if (error.retryAfterMs !== undefined) pause.pauseFor(error.retryAfterMs);
      report(error.message);
      throw error;
    }
  }

  const breaker = new CircuitBreaker<[Job], unknown>((job: Job) => job(), {
    timeout: false, // each request has its own AbortSignal timeout
    resetTimeout: resetTimeoutMs,
    volumeThreshold: failureThreshold,
    errorThresholdPercentage: 50,
    // A definite "no" (400/404) or our own close() says nothing about the service's health.
    errorFilter: (error: unknown) => errors.is(error) && !error.retryable,
  });

  // Requests still waiting in the queue must not reach the server after the breaker opened: each
  // waiting attempt has its own controller, aborted on 'open' (running ones finish normally).
  const waitingInQueue = new Set<AbortController>();
  breaker.on('open', () => {
    const reason = errors.breakerOpen();
    for (const waiting of waitingInQueue) waiting.abort(reason);
    waitingInQueue.clear();
    status.setBreakerOpen(true);
  });
  breaker.on('halfOpen', () => status.setBreakerOpen(false));
  breaker.on('close', () => {
    status.setBreakerOpen(false);
    for (const listener of [...breakerCloseListeners]) listener();
  });

  /** Resolves when the breaker leaves half-open (trial succeeded → close, failed → open). */
  function breakerSettled(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        breaker.off('close', done);
        breaker.off('open', done);
        closeController.signal.removeEventListener('abort', done);
        resolve();
      };
      breaker.on('close', done);
      breaker.on('open', done);
      closeController.signal.addEventListener('abort', done, { once: true });
    });
  }

  /** Runs inside a queue slot: passes the breaker, waiting while a half-open trial is out. */
  async function throughBreaker<T>(request: PoliteRequest<M>, read: AnswerReader<T>): Promise<T> {
    for (;;) {
      if (closed) throw errors.closed();
      if (breaker.opened) throw errors.breakerOpen();
      // Half-open lets exactly one trial through; the others wait for its verdict.
      if (breaker.halfOpen && !breaker.pendingClose) {
        await breakerSettled();
        continue;
      }
      return (await breaker.fire(() => exchange(request, read))) as T;
    }
  }

  function toError(error: unknown): E {
    if (errors.is(error)) return error;
    if (closed) return errors.closed();
    if (hasCode(error, 'EOPENBREAKER')) return errors.breakerOpen();
    return errors.unexpected(error);
  }

  /** One attempt: fail fast when the breaker is open, else wait for a queue slot. */
  async function attempt<T>(request: PoliteRequest<M>, read: AnswerReader<T>): Promise<T> {
    if (closed) throw errors.closed();
    if (breaker.opened) throw errors.breakerOpen();
    const waiting = new AbortController();
    waitingInQueue.add(waiting);
    const signal = AbortSignal.any([closeController.signal, waiting.signal]);
    try {
      return await queue.add(
        () => {
          waitingInQueue.delete(waiting);
          return throughBreaker(request, read);
        },
        { signal },
      );
    } catch (error) {
      throw toError(error);
    } finally {
      waitingInQueue.delete(waiting);
    }
  }

  function willRetry(error: unknown): boolean {
    return errors.is(error) && error.retryable && !closed && !breaker.opened;
  }

  async function call<T>(request: PoliteRequest<M>, read: AnswerReader<T>): Promise<T> {
    let retryPending = false;
    const endPending = (): void => {
      if (retryPending) {
        retryPending = false;
        status.retryEnded();
      }
    };
    try {
      return await pRetry(
        async () => {
          endPending();
          return attempt(request, read);
        },
        {
          retries,
          factor: 2,
          minTimeout: retryMinDelayMs,
          maxTimeout: retryMaxDelayMs,
          randomize: true,
          signal: closeController.signal,
          shouldRetry: ({ error }) => willRetry(error),
          onFailedAttempt: ({ error, retriesLeft }) => {
            if (!willRetry(error) || retriesLeft <= 0) return;
            // The Retry-After wait itself is the client-wide pause the next attempt meets.
            retryPending = true;
            status.retryStarted(error.message);
          },
        },
      );
    } catch (caught) {
      endPending();
      const error = toError(caught);
      if (closed || errors.isBreakerOpen(error)) status.publish();
      // A definite "no" (400, 404) still shows the service is there.
      else status.failed(error.message, !error.retryable);
      throw error;
    }
  }

  return {
    call,
    status: () => status.current(),
    onStatus: (listener) => status.subscribe(listener),
    onBreakerClose(listener) {
      breakerCloseListeners.add(listener);
      return () => breakerCloseListeners.delete(listener);
    },
    close() {
      if (closed) return;
      closed = true;
      closeController.abort(errors.closed());
      breaker.shutdown();
      status.clear();
      breakerCloseListeners.clear();
    },
    isClosed: () => closed,
  };
}
