/**
 * One HTTP exchange with vPIC, turned into either a parsed envelope or a VpicError.
 *
 * Kept apart from the politeness stack (queue, retries, breaker; see ../http/polite-http) so the classification of
 * answers — which failures are worth retrying, what to tell the user — is in one place.
 * vPIC's envelope is `{Count, Message, SearchCriteria, Results: [...]}` with string values.
 */
import { isRetryableStatus, looksLikeHtml, parseRetryAfter } from '../http/http-answer';
import { VpicError } from './vpic-error';

export { isRetryableStatus, parseRetryAfter } from '../http/http-answer';

export interface VpicEnvelope {
  readonly results: readonly Readonly<Record<string, unknown>>[];
}

function describeStatus(status: number): string {
  if (status === 429) return 'vPIC is throttling requests (HTTP 429 Too Many Requests)';
  if (status === 408) return 'vPIC timed out reading the request (HTTP 408)';
  if (status === 503) return 'vPIC is temporarily unavailable (HTTP 503)';
  if (status >= 500) return `vPIC had an internal problem (HTTP ${status})`;
  if (status === 404) return 'vPIC does not know this address (HTTP 404); check the vPIC base URL';
  return `vPIC rejected the request (HTTP ${status})`;
}

export interface ClassifyContext {
  readonly now: Date;
  readonly retryAfterMaxMs: number;
}

/** Turns a received answer into an envelope, or throws the VpicError that describes it. */
export async function readEnvelope(response: Response, context: ClassifyContext): Promise<VpicEnvelope> {
  const body = await response.text();
  const status = response.status;
  const html = looksLikeHtml(body, response.headers.get('content-type'));

  if (!response.ok) {
    const retryable = isRetryableStatus(status);
    const retryAfterMs = retryable ? parseRetryAfter(response.headers.get('retry-after'), context.now, context.retryAfterMaxMs) : undefined;
    const message = html ? `vPIC answered with an HTML page instead of JSON (HTTP ${status})` : describeStatus(status);
    throw new VpicError('VPIC_HTTP', message, {
      status,
      retryable,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  if (html) {
    throw new VpicError('VPIC_BAD_RESPONSE', `vPIC answered with an HTML page instead of JSON (HTTP ${status})`, {
      status,
      retryable: true,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (cause) {
    throw new VpicError('VPIC_BAD_RESPONSE', `vPIC sent an answer that is not valid JSON (HTTP ${status}); it may have been cut off`, {
      status,
      retryable: true,
      cause,
    });
  }
  const results = typeof parsed === 'object' && parsed !== null && 'Results' in parsed ? (parsed as { Results: unknown }).Results : undefined;
  if (!Array.isArray(results) || !results.every((r): r is Record<string, unknown> => typeof r === 'object' && r !== null && !Array.isArray(r))) {
    throw new VpicError('VPIC_BAD_RESPONSE', `vPIC sent JSON without the expected list of results (HTTP ${status})`, {
      status,
      retryable: true,
    });
  }
  return { results };
}

/** Maps a fetch rejection (network failure or abort) to a VpicError. */
export function fetchFailure(error: unknown, timedOut: boolean, closed: boolean, timeoutMs: number): VpicError {
  if (closed) return new VpicError('VPIC_UNREACHABLE', 'The vPIC client was closed before vPIC answered', { retryable: false, cause: error });
  if (timedOut) {
    return new VpicError('VPIC_TIMEOUT', `vPIC did not answer within ${Math.round(timeoutMs / 1000 * 10) / 10} s`, { retryable: true, cause: error });
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const detail = cause instanceof Error && 'code' in cause && typeof cause.code === 'string' ? ` (${cause.code})` : '';
  return new VpicError('VPIC_UNREACHABLE', `Could not reach vPIC${detail}; check the network connection`, { retryable: true, cause: error });
}
