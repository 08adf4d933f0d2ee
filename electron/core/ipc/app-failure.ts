/**
 * An expected failure a core service raises; the dispatcher turns it into a `Result` error.
 *
 * Anything else thrown by a handler is a bug: it is logged with its stack and crosses as INTERNAL.
 */
import type { AppError, ErrorCode } from '../../../shared/ipc/result';

export class AppFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: AppError['details'],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppFailure';
  }
}

/** The message of anything thrown (an Error's message, else its string form). */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
