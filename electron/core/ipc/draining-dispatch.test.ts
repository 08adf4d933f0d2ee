import { describe, expect, it } from 'vitest';
import { ok, type Result } from '../../../shared/ipc/result';
import { createDrainingDispatch } from './draining-dispatch';

function deferred(): { promise: Promise<Result<unknown>>; resolve: (value: Result<unknown>) => void } {
  let resolve!: (value: Result<unknown>) => void;
  const promise = new Promise<Result<unknown>>((r) => (resolve = r));
  return { promise, resolve };
}

describe('draining dispatch', () => {
  it('waits for the running request before it resolves, and refuses new ones meanwhile', async () => {
    const pending = deferred();
    const { dispatch, drain } = createDrainingDispatch(() => pending.promise);
    const running = dispatch('vehicles:get', { id: 1 });

    let drained = false;
    const draining = drain().then(() => (drained = true));
    await expect(dispatch('vehicles:get', { id: 2 })).resolves.toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    await Promise.resolve();
    expect(drained).toBe(false);

    pending.resolve(ok('done'));
    await draining;
    expect(drained).toBe(true);
    await expect(running).resolves.toEqual(ok('done'));
  });

  it('drains at once when nothing runs, and a failed request does not block it', async () => {
    const { dispatch, drain } = createDrainingDispatch(() => Promise.reject(new Error('boom')));
    await expect(dispatch('app:info', {})).rejects.toThrow('boom');
    await expect(drain()).resolves.toBeUndefined();
  });
});
