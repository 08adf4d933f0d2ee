/**
 * The one error type the vPIC client throws or reports.
 *
 * A closed set of codes lets the lookup service decide what to do (fall back offline on
 * UNREACHABLE/TIMEOUT/BREAKER_OPEN, report HTTP 4xx as a bad request) and lets the UI explain
 * it; `message` is written for the user.
 */

export type VpicErrorCode =
  | 'VPIC_UNREACHABLE'
  | 'VPIC_TIMEOUT'
  | 'VPIC_HTTP'
  | 'VPIC_BAD_RESPONSE'
  | 'VPIC_BREAKER_OPEN'
  | 'VPIC_MISSING_RESULT';

export interface VpicErrorOptions {
  readonly status?: number;
  readonly retryable: boolean;
  /** Delay the server asked for (Retry-After), already capped, in ms. */
  readonly retryAfterMs?: number;
  readonly cause?: unknown;
}

export class VpicError extends Error {
  readonly code: VpicErrorCode;
  readonly status?: number;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;

  constructor(code: VpicErrorCode, message: string, options: VpicErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'VpicError';
    this.code = code;
    this.retryable = options.retryable;
    if (options.status !== undefined) this.status = options.status;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

export function isVpicError(value: unknown): value is VpicError {
  return value instanceof VpicError;
}
