/**
 * A client for NHTSA's vPIC API: what to ask and how to read the answers.
 *
 * Earlier implementations sent one request per VIN with no throttling and fell over when vPIC
 * did. This one batches up to 50 VINs per `DecodeVINValuesBatch` POST (vPIC's documented
 * limit), sends every request through the shared politeness stack (one queue and rate cap,
 * Retry-After pauses, jittered retries, circuit breaker: ../http/polite-http), and accounts for
 * every VIN: each distinct input ends in exactly one of `decoded` or `failed`.
 *
 * Plain Node; `fetch` and the clock are parameters so tests drive it against the simulator.
 */
import type { DecodedVehicle } from '../../../shared/vehicle';
import { normalizeVin } from '../../../shared/vin/vin-rules';
import type { VpicStatus } from '../../../shared/vpic-status';
import { createPoliteHttp, type PoliteErrors, type PoliteSettings } from '../http/polite-http';
import { fetchFailure, readEnvelope, type VpicEnvelope } from './vpic-client-http';
import { VpicError, isVpicError } from './vpic-error';
import { mapVpicResult } from './vpic-record';

export { DEFAULT_CONCURRENCY, DEFAULT_RATE_PER_SECOND } from '../http/polite-http';

export const DEFAULT_VPIC_BASE_URL = 'https://vpic.nhtsa.dot.gov/api';
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

export interface VpicClientOptions extends PoliteSettings {
  readonly baseUrl?: string;
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

function breakerOpenError(): VpicError {
  return new VpicError('VPIC_BREAKER_OPEN', 'vPIC failed repeatedly, so it is not being asked for a while; using offline data', {
    retryable: false,
  });
}

function closedError(): VpicError {
  return new VpicError('VPIC_UNREACHABLE', 'The vPIC client was closed', { retryable: false });
}

/** vPIC's words for the failures the politeness stack produces itself. */
const VPIC_ERRORS: PoliteErrors<VpicError> = {
  is: isVpicError,
  closed: closedError,
  breakerOpen: breakerOpenError,
  isBreakerOpen: (error) => error.code === 'VPIC_BREAKER_OPEN',
  fetchFailed: (error, how) => fetchFailure(error, how.timedOut, how.closed, how.timeoutMs),
  unexpected: (error) => {
    const message = error instanceof Error ? error.message : String(error);
    return new VpicError('VPIC_BAD_RESPONSE', `Unexpected failure while asking vPIC: ${message}`, { retryable: false, cause: error });
  },
};

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A VIN can go in a batch body unless it is empty or holds the list separators `;` and `,`. */
function batchable(vin: string): boolean {
  return vin.length > 0 && !/[;,]/.test(vin);
}

export function createVpicClient(options: VpicClientOptions = {}): VpicClient {
  const baseUrl = (options.baseUrl ?? DEFAULT_VPIC_BASE_URL).replace(/\/+$/, '');
  const now = options.now ?? (() => new Date());
  const onRequest = options.onRequest;
  const { baseUrl: _baseUrl, onRequest: _onRequest, ...settings } = options;
  const http = createPoliteHttp<VpicError, { readonly vins: number }>({
    ...settings,
    now,
    errors: VPIC_ERRORS,
    ...(onRequest === undefined
      ? {}
      : {
          onRequest: ({ meta, ...info }) => onRequest({ ...info, vins: meta.vins }),
        }),
  });

  function toVpicError(error: unknown): VpicError {
    if (isVpicError(error)) return error;
    if (http.isClosed()) return closedError();
    return VPIC_ERRORS.unexpected(error);
  }

  const call = (request: { method: 'GET' | 'POST'; url: string; body?: string; vins: number }): Promise<VpicEnvelope> =>
    http.call(
      {
        method: request.method,
        url: request.url,
        ...(request.body === undefined ? {} : { body: request.body }),
        meta: { vins: request.vins },
      },
      readEnvelope,
    );

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
    status: () => http.status(),
    onStatus: (listener) => http.onStatus(listener),
    onBreakerClose: (listener) => http.onBreakerClose(listener),
    close: () => http.close(),
  };
}
