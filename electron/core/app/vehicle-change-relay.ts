/**
 * Vehicle changes between this window and the other desks sharing the store.
 *
 * A change this process makes (a lookup, an import's committed chunks, a removal or its undo, a
 * re-decode, fetched recalls) reaches its own window at once as `vehicles:changed` and is
 * announced through the store, so every other desk on the same team server refreshes too. A
 * change another process announced reaches this window as `vehicles:changed`. (The SQLite store
 * has nobody to tell: its announce does nothing and it never hears anything.)
 *
 * Other desks' notices are coalesced per reason over a short window — the first goes out at once,
 * the rest of a burst at most `coalesceMs` later — because a team importing at several desks
 * would otherwise make every window re-query the server for every committed chunk. The window is
 * far inside the promise that a change shows at the other desks within 2 seconds.
 */
import type { VehiclesChanged } from '../../../shared/vehicles/vehicles-contract';
import type { Logger } from '../logging/logger';
import type { FleetStore } from '../storage/fleet-store';

/** Long enough to merge a burst of notices, short enough to keep "within 2 seconds" with room to spare. */
export const REMOTE_COALESCE_MS = 250;
/**
 * How long closing waits for announcements still on their way: a server that stopped answering
 * must not hold up quitting the app (a connection attempt alone may take 10 s to give up).
 */
export const CLOSE_GRACE_MS = 2000;

export interface VehicleChangeRelay {
  /** A change made in this process: this window hears it now, the other desks through the store. */
  changed(change: VehiclesChanged): void;
  /** Stop hearing other desks, then wait (at most CLOSE_GRACE_MS) for this process's announcements still on their way. */
  close(): Promise<void>;
}

export interface VehicleChangeRelayDeps {
  readonly store: Pick<FleetStore, 'announce' | 'onRemoteChange'>;
  /** Tell this process's window (the shell's `vehicles:changed` event). */
  readonly emit: (change: VehiclesChanged) => void;
  readonly logger: Logger;
  readonly coalesceMs?: number;
  readonly closeGraceMs?: number;
}

export function relayVehicleChanges(deps: VehicleChangeRelayDeps): VehicleChangeRelay {
  const coalesceMs = deps.coalesceMs ?? REMOTE_COALESCE_MS;
  const inFlight = new Set<Promise<void>>();
  const pending = new Map<VehiclesChanged['reason'], number>();
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  const startWindow = (): void => {
    timer = setTimeout(flush, coalesceMs);
    // A quiet window must never keep a CLI process alive.
    timer.unref();
  };
  function flush(): void {
    timer = null;
    if (pending.size === 0) return;
    for (const [reason, count] of pending) deps.emit({ reason, count });
    pending.clear();
    startWindow();
  }
  const unsubscribe = deps.store.onRemoteChange((change) => {
    if (closed) return;
    if (timer === null) {
      deps.emit(change);
      startWindow();
      return;
    }
    pending.set(change.reason, (pending.get(change.reason) ?? 0) + change.count);
  });

  return {
    changed(change) {
      deps.emit(change);
      if (closed) return;
      // The change itself is stored: a desk that misses the notice (the server was unreachable)
      // sees it at its next refresh, so a failed announcement is logged, never the caller's error.
      const announced = deps.store
        .announce(change)
        .catch((error: unknown) => deps.logger.warn({ err: error, change }, 'could not tell other desks about a change'))
        .finally(() => inFlight.delete(announced));
      inFlight.add(announced);
    },
    async close() {
      closed = true;
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
      timer = null;
      pending.clear();
      if (inFlight.size === 0) return;
      let grace: NodeJS.Timeout | undefined;
      const gaveUp = new Promise<void>((resolve) => {
        grace = setTimeout(resolve, deps.closeGraceMs ?? CLOSE_GRACE_MS);
        grace.unref();
      });
      await Promise.race([Promise.all(inFlight), gaveUp]);
      clearTimeout(grace);
    },
  };
}
