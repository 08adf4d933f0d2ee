/**
 * The relay on its own, against a store stand-in: what reaches the window, what is announced,
 * how a burst from other desks is merged, and that closing stops both.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VehiclesChanged } from '../../../shared/vehicles/vehicles-contract';
import { silentLogger } from '../logging/logger';
import type { StoreChange } from '../storage/fleet-store';
import { CLOSE_GRACE_MS, relayVehicleChanges, REMOTE_COALESCE_MS } from './vehicle-change-relay';

function fakeStore(announce: (change: StoreChange) => Promise<void> = async () => undefined) {
  const listeners = new Set<(change: StoreChange) => void>();
  const announced: StoreChange[] = [];
  return {
    announced,
    listeners,
    store: {
      announce: (change: StoreChange) => {
        announced.push(change);
        return announce(change);
      },
      onRemoteChange(listener: (change: StoreChange) => void) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    /** Another desk's notice arriving. */
    remote(change: StoreChange) {
      for (const listener of listeners) listener(change);
    },
  };
}

describe('relayVehicleChanges', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('tells this window at once and announces the change to the other desks', () => {
    const fake = fakeStore();
    const emitted: VehiclesChanged[] = [];
    const relay = relayVehicleChanges({ store: fake.store, emit: (c) => emitted.push(c), logger: silentLogger() });
    relay.changed({ reason: 'lookup', count: 1 });
    relay.changed({ reason: 'remove', count: 3 });
    expect(emitted).toEqual([
      { reason: 'lookup', count: 1 },
      { reason: 'remove', count: 3 },
    ]);
    expect(fake.announced).toEqual(emitted);
  });

  it('logs a failed announcement and never throws it at the change that was already stored', async () => {
    const fake = fakeStore(() => Promise.reject(new Error('server gone')));
    const logger = silentLogger();
    const warn = vi.spyOn(logger, 'warn');
    const emitted: VehiclesChanged[] = [];
    const relay = relayVehicleChanges({ store: fake.store, emit: (c) => emitted.push(c), logger });
    expect(() => relay.changed({ reason: 'import', count: 500 })).not.toThrow();
    await relay.close();
    expect(emitted).toEqual([{ reason: 'import', count: 500 }]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![1]).toBe('could not tell other desks about a change');
  });

  it('passes another desk’s first change on at once and merges the rest of a burst per reason', () => {
    const fake = fakeStore();
    const emitted: VehiclesChanged[] = [];
    relayVehicleChanges({ store: fake.store, emit: (c) => emitted.push(c), logger: silentLogger() });
    fake.remote({ reason: 'import', count: 500 });
    expect(emitted).toEqual([{ reason: 'import', count: 500 }]);

    fake.remote({ reason: 'import', count: 500 });
    fake.remote({ reason: 'lookup', count: 1 });
    fake.remote({ reason: 'import', count: 200 });
    expect(emitted).toHaveLength(1);
    vi.advanceTimersByTime(REMOTE_COALESCE_MS);
    expect(emitted.slice(1)).toEqual([
      { reason: 'import', count: 700 },
      { reason: 'lookup', count: 1 },
    ]);

    // A quiet window ends the merging: the next change goes out at once again.
    vi.advanceTimersByTime(REMOTE_COALESCE_MS);
    fake.remote({ reason: 'restore', count: 2 });
    expect(emitted.at(-1)).toEqual({ reason: 'restore', count: 2 });
    expect(emitted).toHaveLength(4);
  });

  it('never re-announces another desk’s change (it would echo between desks forever)', () => {
    const fake = fakeStore();
    relayVehicleChanges({ store: fake.store, emit: () => undefined, logger: silentLogger() });
    fake.remote({ reason: 'lookup', count: 1 });
    vi.advanceTimersByTime(REMOTE_COALESCE_MS * 2);
    expect(fake.announced).toEqual([]);
  });

  it('on close stops listening, drops a merged burst and waits for announcements on their way', async () => {
    let finishAnnounce: () => void = () => undefined;
    const fake = fakeStore(() => new Promise<void>((resolve) => (finishAnnounce = resolve)));
    const emitted: VehiclesChanged[] = [];
    const relay = relayVehicleChanges({ store: fake.store, emit: (c) => emitted.push(c), logger: silentLogger() });
    fake.remote({ reason: 'import', count: 1 });
    fake.remote({ reason: 'import', count: 1 });
    relay.changed({ reason: 'lookup', count: 1 });

    let closed = false;
    const closing = relay.close().then(() => (closed = true));
    await Promise.resolve();
    expect(closed).toBe(false);
    expect(fake.listeners.size).toBe(0);
    finishAnnounce();
    await closing;
    expect(closed).toBe(true);

    vi.advanceTimersByTime(REMOTE_COALESCE_MS * 2);
    expect(emitted).toEqual([
      { reason: 'import', count: 1 },
      { reason: 'lookup', count: 1 },
    ]);
    // A change after close still reaches this window but is not announced on a closing store.
    relay.changed({ reason: 'remove', count: 1 });
    expect(fake.announced).toHaveLength(1);
  });

  it('does not let a server that stopped answering hold up closing', async () => {
    const fake = fakeStore(() => new Promise<void>(() => undefined));
    const relay = relayVehicleChanges({ store: fake.store, emit: () => undefined, logger: silentLogger() });
    relay.changed({ reason: 'lookup', count: 1 });
    let closed = false;
    const closing = relay.close().then(() => (closed = true));
    await vi.advanceTimersByTimeAsync(CLOSE_GRACE_MS - 1);
    expect(closed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await closing;
    expect(closed).toBe(true);
  });
});
