/**
 * How a client currently sees the service it calls, and who hears about changes.
 *
 * The state is derived from three facts the politeness stack feeds in: whether the breaker is
 * open, whether a retry is pending, and how the last finished call ended. Listeners hear only
 * real changes, so a badge bound to it does not flicker on every request.
 */
import { INITIAL_VPIC_STATUS, type VpicState, type VpicStatus } from '../../../shared/vpic-status';

/** The four-state picture is the same for every NHTSA API; vPIC's status type is it. */
export type ServiceStatus = VpicStatus;

/** Outcome of the last finished call, which decides online/offline when nothing else does. */
type LastOutcome = 'none' | 'reachable' | 'unreachable';

export class ServiceStatusTracker {
  private lastOutcome: LastOutcome = 'none';
  private lastSuccessAt: string | null = null;
  private lastError: string | null = null;
  private breakerOpen = false;
  private retryingCalls = 0;
  private published: ServiceStatus = INITIAL_VPIC_STATUS;
  private readonly listeners = new Set<(status: ServiceStatus) => void>();

  current(): ServiceStatus {
    let state: VpicState;
    if (this.breakerOpen) state = 'offline';
    else if (this.retryingCalls > 0) state = 'retrying';
    else if (this.lastOutcome === 'reachable') state = 'online';
    else if (this.lastOutcome === 'unreachable') state = 'offline';
    else state = 'unknown';
    return { state, lastSuccessAt: this.lastSuccessAt, lastError: this.lastError, breakerOpen: this.breakerOpen };
  }

  subscribe(listener: (status: ServiceStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clear(): void {
    this.listeners.clear();
  }

  answered(at: Date): void {
    this.lastOutcome = 'reachable';
    this.lastSuccessAt = at.toISOString();
    this.lastError = null;
    this.publish();
  }

  /** A call failed for good; a definite "no" (retryable false) still shows the service is there. */
  failed(message: string, reachable: boolean): void {
    this.lastError = message;
    this.lastOutcome = reachable ? 'reachable' : 'unreachable';
    this.publish();
  }

  retryStarted(message: string): void {
    this.lastError = message;
    this.retryingCalls += 1;
    this.publish();
  }

  retryEnded(): void {
    this.retryingCalls -= 1;
  }

  setBreakerOpen(open: boolean): void {
    this.breakerOpen = open;
    this.publish();
  }

  publish(): void {
    const next = this.current();
    const prev = this.published;
    if (
      next.state === prev.state &&
      next.lastSuccessAt === prev.lastSuccessAt &&
      next.lastError === prev.lastError &&
      next.breakerOpen === prev.breakerOpen
    ) {
      return;
    }
    this.published = next;
    for (const listener of [...this.listeners]) listener(next);
  }
}
