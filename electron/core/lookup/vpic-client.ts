/**
 * A polite, resilient client for NHTSA's vPIC API.
 *
 * Earlier implementations sent one request per VIN with no throttling and fell over when vPIC
 * did. This one:
 * - batches up to 50 VINs per `DecodeVINValuesBatch` POST (vPIC's documented limit);
 * - sends every request (GET and POST alike) through ONE queue: a few at a time and at most
 *   `ratePerSecond` started in any rolling second (p-queue strict mode);
 * - retries network errors, timeouts, 408/429/5xx and garbled bodies with jittered exponential
 *   backoff (p-retry), waiting at least what `Retry-After` asks (RFC 9110 §10.2.3);
 * - stops calling a vPIC that keeps failing (opossum circuit breaker), so the lookup service
 *   can fall back to the offline snapshot at once, and tries again after a cool-down;
 * - accounts for every VIN: each distinct input ends in exactly one of `decoded` or `failed`.
 *
 * Plain Node; `fetch` and the clock are parameters so tests drive it against the simulator.
 */
import CircuitBreaker from 'opossum';
import PQueue from 'p-queue';
import pRetry from 'p-retry';
import type { DecodedVehicle } from '../../../shared/vehicle';
import { normalizeVin } from '../../../shared/vin/vin-rules';
import { INITIAL_VPIC_STATUS, type VpicState, type VpicStatus } from '../../../shared/vpic-status';
import { fetchFailure, readEnvelope, type VpicEnvelope } from './vpic-client-http';
import { ArrivalRateGate } from './vpic-client-rate';
import { VpicError, isVpicError } from './vpic-error';
import { mapVpicResult } from './vpic-record';

export const DEFAULT_VPIC_BASE_URL = 'https://vpic.nhtsa.dot.gov/api';
/** Politeness defaults: requests in flight at once, and requests started in any second. */
export const DEFAULT_CONCURRENCY = 2;
export const DEFAULT_RATE_PER_SECOND = 5;
/** vPIC's DecodeVINValuesBatch takes at most 50 VINs a request. */
export const VPIC_BATCH_LIMIT = 50;

export interface VpicRequestInfo {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  /** HTTP status, or null when no answer arrived (network error, timeout). */
  readonly status: number | null;
  readonly durationMs: number;
  /** VINs the request asked for. */
  readonly vins: number;
  readonly error?: string;
}

export interface VpicClientOptions {
  readonly baseUrl?: string;
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
  readonly fetch?: typeof fetch;
  readonly now?: () => Date;
  readonly onRequest?: (info: VpicRequestInfo) => void;
}

export interface BatchProgress {
  /** Distinct VINs settled so far (decoded or failed for good). */
  readonly done: number;
  readonly total: number;
}

export interface BatchFailure {
  readonly vin: string;
  readonly error: VpicError;
}

export interface BatchResult {
  /** In input order; each distinct (normalised) VIN once. */
  readonly decoded: DecodedVehicle[];
  readonly failed: BatchFailure[];
}

export interface VpicClient {
  decodeOne(vin: string): Promise<DecodedVehicle>;
  decodeBatch(vins: readonly string[], onProgress?: (progress: BatchProgress) => void): Promise<BatchResult>;
  status(): VpicStatus;
  /** Called on every status change; returns an unsubscribe function. */
  onStatus(listener: (status: VpicStatus) => void): () => void;
  /** Called when the breaker closes again (vPIC is back): re-decode offline records then. */
  onBreakerClose(listener: () => void): () => void;
  /** Aborts requests in flight and queued; later calls fail with VPIC_UNREACHABLE. */
  close(): void;
}

interface HttpRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly body?: string;
  readonly vins: number;
}

/** Outcome of the last finished call, which decides online/offline when nothing else does. */
type LastOutcome = 'none' | 'reachable' | 'unreachable';

function breakerOpenError(): VpicError {
  return new VpicError('VPIC_BREAKER_OPEN', 'vPIC failed repeatedly, so it is not being asked for a while; using offline data', {
    retryable: false,
  });
}

function closedError(): VpicError {
  return new VpicError('VPIC_UNREACHABLE', 'The vPIC client was closed', { retryable: false });
}

function hasCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === code;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** A VIN can go in a batch body unless it is empty or holds the list separators `;` and `,`. */
function batchable(vin: string): boolean {
  return vin.length > 0 && !/[;,]/.test(vin);
}

export function createVpicClient(options: VpicClientOptions = {}): VpicClient {
  const baseUrl = (options.baseUrl ?? DEFAULT_VPIC_BASE_URL).replace(/\/+$/, '');
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

  // --- status -------------------------------------------------------------------------------
  let lastOutcome: LastOutcome = 'none';
  let lastSuccessAt: string | null = null;
  let lastError: string | null = null;
  let breakerOpen = false;
  let retryingCalls = 0;
  let published: VpicStatus = INITIAL_VPIC_STATUS;
  const statusListeners = new Set<(status: VpicStatus) => void>();
  const breakerCloseListeners = new Set<() => void>();

  function currentStatus(): VpicStatus {
    let state: VpicState;
    if (breakerOpen) state = 'offline';
    else if (retryingCalls > 0) state = 'retrying';
    else if (lastOutcome === 'reachable') state = 'online';
    else if (lastOutcome === 'unreachable') state = 'offline';
    else state = 'unknown';
    return { state, lastSuccessAt, lastError, breakerOpen };
  }

  function publish(): void {
    const next = currentStatus();
    if (
      next.state === published.state &&
      next.lastSuccessAt === published.lastSuccessAt &&
      next.lastError === published.lastError &&
      next.breakerOpen === published.breakerOpen
    ) {
      return;
    }
    published = next;
    for (const listener of [...statusListeners]) listener(next);
  }

  // --- plumbing -----------------------------------------------------------------------------
  let closed = false;
  const closeController = new AbortController();

  // Strict mode = sliding window: never more than intervalCap starts in any `interval` ms.
  // The arrival gate then makes the same cap hold for arrivals at vPIC (see vpic-client-rate).
  const intervalCap = Math.max(1, Math.floor(ratePerSecond));
  const interval = Math.ceil((1000 * intervalCap) / ratePerSecond);
  const queue = new PQueue({ concurrency, intervalCap, interval, strict: true });
  const arrivalGate = new ArrivalRateGate(intervalCap, interval);

  /** One HTTP attempt; resolves with the envelope or rejects with a VpicError. */
  async function exchange(request: HttpRequest): Promise<VpicEnvelope> {
    const release = await arrivalGate.acquire(closeController.signal).catch((reason: unknown) => {
      throw isVpicError(reason) ? reason : closedError();
    });
    try {
      return await exchangeNow(request);
    } finally {
      release();
    }
  }

  async function exchangeNow(request: HttpRequest): Promise<VpicEnvelope> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = AbortSignal.any([timeout, closeController.signal]);
    const started = performance.now();
    let status: number | null = null;
    try {
      const response = await fetchImpl(request.url, {
        method: request.method,
        signal,
        headers: {
          accept: 'application/json',
          ...(request.body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
        },
        ...(request.body === undefined ? {} : { body: request.body }),
      });
      status = response.status;
      const envelope = await readEnvelope(response, { now: now(), retryAfterMaxMs });
      onRequest?.({ method: request.method, url: request.url, status, durationMs: performance.now() - started, vins: request.vins });
      lastOutcome = 'reachable';
      lastSuccessAt = now().toISOString();
      lastError = null;
      publish();
      return envelope;
    } catch (caught) {
      const error = isVpicError(caught) ? caught : fetchFailure(caught, timeout.aborted, closeController.signal.aborted, timeoutMs);
      onRequest?.({
        method: request.method,
        url: request.url,
        status,
        durationMs: performance.now() - started,
        vins: request.vins,
        error: error.message,
      });
      throw error;
    }
  }

  const breaker = new CircuitBreaker<[HttpRequest], VpicEnvelope>(exchange, {
    timeout: false, // each request has its own AbortSignal timeout
    resetTimeout: resetTimeoutMs,
    volumeThreshold: failureThreshold,
    errorThresholdPercentage: 50,
    // A 400/404 or our own close() says nothing about vPIC's health: not a breaker failure.
    errorFilter: (error: unknown) => isVpicError(error) && !error.retryable,
  });

  // Requests still waiting in the queue must not reach vPIC after the breaker opened: each
  // waiting attempt has its own controller, aborted on 'open' (running ones finish normally).
  const waitingInQueue = new Set<AbortController>();
  breaker.on('open', () => {
    breakerOpen = true;
    const reason = breakerOpenError();
    for (const waiting of waitingInQueue) waiting.abort(reason);
    waitingInQueue.clear();
    publish();
  });
  breaker.on('halfOpen', () => {
    breakerOpen = false;
    publish();
  });
  breaker.on('close', () => {
    breakerOpen = false;
    publish();
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
  async function throughBreaker(request: HttpRequest): Promise<VpicEnvelope> {
    for (;;) {
      if (closed) throw closedError();
      if (breaker.opened) throw breakerOpenError();
      // Half-open lets exactly one trial through; the others wait for its verdict.
      if (breaker.halfOpen && !breaker.pendingClose) {
        await breakerSettled();
        continue;
      }
      return breaker.fire(request);
    }
  }

  function toVpicError(error: unknown): VpicError {
    if (isVpicError(error)) return error;
    if (closed) return closedError();
    if (hasCode(error, 'EOPENBREAKER')) return breakerOpenError();
    const message = error instanceof Error ? error.message : String(error);
    return new VpicError('VPIC_BAD_RESPONSE', `Unexpected failure while asking vPIC: ${message}`, { retryable: false, cause: error });
  }

  /** One attempt: fail fast when the breaker is open, else wait for a queue slot. */
  async function attempt(request: HttpRequest): Promise<VpicEnvelope> {
    if (closed) throw closedError();
    if (breaker.opened) throw breakerOpenError();
    const waiting = new AbortController();
    waitingInQueue.add(waiting);
    const signal = AbortSignal.any([closeController.signal, waiting.signal]);
    try {
      return await queue.add(
        () => {
          waitingInQueue.delete(waiting);
          return throughBreaker(request);
        },
        { signal },
      );
    } catch (error) {
      throw toVpicError(error);
    } finally {
      waitingInQueue.delete(waiting);
    }
  }

  function willRetry(error: unknown): boolean {
    return isVpicError(error) && error.retryable && !closed && !breaker.opened;
  }

  /** A request with retries; the final failure is a VpicError and is reflected in the status. */
  async function call(request: HttpRequest): Promise<VpicEnvelope> {
    let retryPending = false;
    const endPending = (): void => {
      if (retryPending) {
        retryPending = false;
        retryingCalls -= 1;
      }
    };
    try {
      return await pRetry(
        async () => {
          endPending();
          return attempt(request);
        },
        {
          retries,
          factor: 2,
          minTimeout: retryMinDelayMs,
          maxTimeout: retryMaxDelayMs,
          randomize: true,
          signal: closeController.signal,
          shouldRetry: ({ error }) => willRetry(error),
          onFailedAttempt: async ({ error, retriesLeft }) => {
            if (!willRetry(error) || retriesLeft <= 0) return;
            lastError = error.message;
            retryPending = true;
            retryingCalls += 1;
            publish();
            // Honour Retry-After (already capped); p-retry's own jittered backoff follows.
            const retryAfterMs = isVpicError(error) ? error.retryAfterMs : undefined;
            if (retryAfterMs !== undefined && retryAfterMs > 0) await sleep(retryAfterMs, closeController.signal);
          },
        },
      );
    } catch (caught) {
      endPending();
      const error = toVpicError(caught);
      if (error.code !== 'VPIC_BREAKER_OPEN' && !closed) {
        lastError = error.message;
        // A definite "no" from vPIC (400, 404) still shows vPIC is there.
        lastOutcome = error.retryable ? 'unreachable' : 'reachable';
      }
      publish();
      throw error;
    }
  }

  // --- public API ---------------------------------------------------------------------------
  async function decodeOne(input: string): Promise<DecodedVehicle> {
    const vin = normalizeVin(input);
    const envelope = await call({
      method: 'GET',
      url: `${baseUrl}/vehicles/DecodeVinValues/${encodeURIComponent(vin)}?format=json`,
      vins: 1,
    });
    const result = envelope.results[0];
    if (result === undefined) {
      throw new VpicError('VPIC_MISSING_RESULT', `vPIC's answer had no result for ${vin}`, { retryable: false });
    }
    return mapVpicResult(result, now(), vin);
  }

  /** POSTs one batch and sorts its VINs into found results and missing ones. */
  async function postBatch(vins: readonly string[]): Promise<{ found: Map<string, DecodedVehicle>; missing: string[] }> {
    const envelope = await call({
      method: 'POST',
      url: `${baseUrl}/vehicles/DecodeVINValuesBatch/`,
      body: `format=json&data=${vins.map(encodeURIComponent).join(';')}`,
      vins: vins.length,
    });
    const wanted = new Set(vins);
    const found = new Map<string, DecodedVehicle>();
    const decodedAt = now();
    for (const result of envelope.results) {
      const echoed = typeof result.VIN === 'string' ? normalizeVin(result.VIN) : '';
      // Ignore results for VINs we did not ask for, and duplicates: identity comes from the request.
      if (wanted.has(echoed) && !found.has(echoed)) found.set(echoed, mapVpicResult(result, decodedAt, echoed));
    }
    return { found, missing: vins.filter((v) => !found.has(v)) };
  }

  async function decodeBatch(inputs: readonly string[], onProgress?: (progress: BatchProgress) => void): Promise<BatchResult> {
    const order: string[] = [];
    const seen = new Set<string>();
    for (const input of inputs) {
      const vin = normalizeVin(input);
      if (!seen.has(vin)) {
        seen.add(vin);
        order.push(vin);
      }
    }
    const decoded = new Map<string, DecodedVehicle>();
    const failed = new Map<string, VpicError>();
    const total = order.length;
    const progress = (): void => onProgress?.({ done: decoded.size + failed.size, total });

    for (const vin of order.filter((v) => !batchable(v))) {
      failed.set(vin, new VpicError('VPIC_HTTP', `"${vin}" cannot be sent to vPIC: a VIN is letters and digits only`, { retryable: false }));
    }

    async function pass(vins: readonly string[]): Promise<string[]> {
      const missing: string[] = [];
      await Promise.all(
        chunk(vins, VPIC_BATCH_LIMIT).map(async (batch) => {
          try {
            const answer = await postBatch(batch);
            for (const [vin, record] of answer.found) decoded.set(vin, record);
            missing.push(...answer.missing);
          } catch (error) {
            const vpicError = toVpicError(error);
            for (const vin of batch) failed.set(vin, vpicError);
          }
          progress();
        }),
      );
      return missing;
    }

    // vPIC sometimes leaves VINs out of a batch answer: ask once more for those, then give up.
    const missing = await pass(order.filter(batchable));
    const stillMissing = missing.length > 0 ? await pass(missing) : [];
    for (const vin of stillMissing) {
      failed.set(vin, new VpicError('VPIC_MISSING_RESULT', `vPIC left ${vin} out of its answer twice; try this VIN again later`, { retryable: true }));
    }
    if (stillMissing.length > 0) progress();

    return {
      decoded: order.flatMap((vin) => {
        const record = decoded.get(vin);
        return record === undefined ? [] : [record];
      }),
      failed: order.flatMap((vin) => {
        const error = failed.get(vin);
        return error === undefined ? [] : [{ vin, error }];
      }),
    };
  }

  return {
    decodeOne,
    decodeBatch,
    status: currentStatus,
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    onBreakerClose(listener) {
      breakerCloseListeners.add(listener);
      return () => breakerCloseListeners.delete(listener);
    },
    close() {
      if (closed) return;
      closed = true;
      closeController.abort(closedError());
      breaker.shutdown();
      statusListeners.clear();
      breakerCloseListeners.clear();
    },
  };
}
