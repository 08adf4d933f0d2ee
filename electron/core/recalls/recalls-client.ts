/**
 * A client for NHTSA's recalls API (`/recalls/recallsByVehicle`), one request per make, model
 * and model year, through the same politeness stack as vPIC (../http/polite-http): its own
 * queue, rate cap, Retry-After pause, retries and breaker, since it is a different service.
 */
import type { ServiceStatus } from '../http/service-status';
import { createPoliteHttp, type PoliteErrors, type PoliteSettings } from '../http/polite-http';
import { readRecallsAnswer, type RecallsAnswer } from './recalls-answer';
import { RecallsError, isRecallsError } from './recalls-error';

export const DEFAULT_NHTSA_API_URL = 'https://api.nhtsa.gov';

export interface RecallModelKey {
  /** As NHTSA spells them (vPIC's spelling, which the recalls API shares). */
  readonly make: string;
  readonly model: string;
  readonly modelYear: number;
}

export interface RecallsRequestInfo {
  readonly url: string;
  readonly status: number | null;
  readonly durationMs: number;
  readonly error?: string;
}

export interface RecallsClientOptions extends PoliteSettings {
  readonly baseUrl?: string;
  readonly fetch?: typeof fetch;
  readonly now?: () => Date;
  readonly onRequest?: (info: RecallsRequestInfo) => void;
}

export interface RecallsClient {
  /** NHTSA's campaigns for one make/model/year; `no-data` when NHTSA has none; rejects with a RecallsError. */
  recallsFor(key: RecallModelKey): Promise<RecallsAnswer>;
  status(): ServiceStatus;
  onStatus(listener: (status: ServiceStatus) => void): () => void;
  close(): void;
}

const RECALLS_ERRORS: PoliteErrors<RecallsError> = {
  is: isRecallsError,
  closed: () => new RecallsError('RECALLS_UNREACHABLE', 'The recalls client was closed', { retryable: false }),
  breakerOpen: () =>
    new RecallsError('RECALLS_BREAKER_OPEN', "NHTSA's recalls service failed repeatedly, so it is not being asked for a while; try again in a minute", {
      retryable: false,
    }),
  isBreakerOpen: (error) => error.code === 'RECALLS_BREAKER_OPEN',
  fetchFailed: (error, how) => {
    if (how.closed) return new RecallsError('RECALLS_UNREACHABLE', 'The recalls client was closed before NHTSA answered', { retryable: false, cause: error });
    if (how.timedOut) {
      return new RecallsError('RECALLS_TIMEOUT', `NHTSA's recalls service did not answer within ${Math.round(how.timeoutMs / 100) / 10} s`, {
        retryable: true,
        cause: error,
      });
    }
    return new RecallsError('RECALLS_UNREACHABLE', "Could not reach NHTSA's recalls service; check the network connection", { retryable: true, cause: error });
  },
  unexpected: (error) =>
    new RecallsError('RECALLS_BAD_RESPONSE', `Unexpected failure while asking NHTSA for recalls: ${error instanceof Error ? error.message : String(error)}`, {
      retryable: false,
      cause: error,
    }),
};

export function createRecallsClient(options: RecallsClientOptions = {}): RecallsClient {
  const baseUrl = (options.baseUrl ?? DEFAULT_NHTSA_API_URL).replace(/\/+$/, '');
  const { baseUrl: _baseUrl, onRequest, ...settings } = options;
  const http = createPoliteHttp<RecallsError, null>({
    ...settings,
    errors: RECALLS_ERRORS,
    ...(onRequest === undefined ? {} : { onRequest: ({ meta: _meta, method: _method, ...info }) => onRequest(info) }),
  });
  return {
    recallsFor(key) {
      const query = new URLSearchParams({ make: key.make, model: key.model, modelYear: String(key.modelYear) });
      return http.call({ method: 'GET', url: `${baseUrl}/recalls/recallsByVehicle?${query.toString()}`, meta: null }, readRecallsAnswer);
    },
    status: () => http.status(),
    onStatus: (listener) => http.onStatus(listener),
    close: () => http.close(),
  };
}
