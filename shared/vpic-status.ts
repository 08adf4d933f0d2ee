/**
 * How the app currently sees NHTSA's vPIC service.
 *
 * Shared so the renderer can show a status badge and the lookup service can decide to fall
 * back to the offline snapshot; the vPIC client is the only producer.
 */

/**
 * - `unknown`: no request has finished yet.
 * - `online`: the last request got an answer from vPIC.
 * - `retrying`: a request failed and a retry is pending (backoff or Retry-After).
 * - `offline`: the circuit breaker is open, or the last request ended unreachable/unavailable.
 */
export type VpicState = 'unknown' | 'online' | 'retrying' | 'offline';

export interface VpicStatus {
  readonly state: VpicState;
  /** ISO-8601 instant of the last successful answer, or null. */
  readonly lastSuccessAt: string | null;
  /** User-readable message of the last failure, or null. */
  readonly lastError: string | null;
  /** True while the circuit breaker fails calls fast (open, not yet half-open). */
  readonly breakerOpen: boolean;
}

export const INITIAL_VPIC_STATUS: VpicStatus = {
  state: 'unknown',
  lastSuccessAt: null,
  lastError: null,
  breakerOpen: false,
};
