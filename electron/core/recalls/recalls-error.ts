/**
 * The one error type the recalls client throws.
 *
 * "No data at NHTSA" is not an error (it is an answer); these codes are for when no answer
 * came, so the vehicles keep their previous status and the user is told why.
 */
export type RecallsErrorCode =
  | 'RECALLS_UNREACHABLE'
  | 'RECALLS_TIMEOUT'
  | 'RECALLS_HTTP'
  | 'RECALLS_BAD_RESPONSE'
  | 'RECALLS_BREAKER_OPEN';

export class RecallsError extends Error {
  readonly code: RecallsErrorCode;
  readonly status?: number;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;

  constructor(
    code: RecallsErrorCode,
    message: string,
    options: { readonly status?: number; readonly retryable: boolean; readonly retryAfterMs?: number; readonly cause?: unknown },
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RecallsError';
    this.code = code;
    this.retryable = options.retryable;
    if (options.status !== undefined) this.status = options.status;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

export function isRecallsError(value: unknown): value is RecallsError {
  return value instanceof RecallsError;
}
