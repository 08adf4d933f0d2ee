import { describe, expect, expectTypeOf, it } from 'vitest';
import type { AppInfo } from '../../../shared/ipc/app-info';
import type { Result } from '../../../shared/ipc/result';
import type { VehicleListPage } from '../../../shared/vehicles/vehicle-query';
import { INVOKE_CHANNELS, requestSchemas } from '../../../shared/ipc/contract';
import { silentLogger } from '../logging/logger';
import type { StorageError } from '../storage/sqlite/db/open-database';
import { AppFailure } from './app-failure';
import { createDispatch, type Handlers } from './dispatch';

/** Handlers that record what reached them, so a test can prove invalid payloads never do. */
function recordingHandlers(calls: string[]): Handlers {
  return Object.fromEntries(
    INVOKE_CHANNELS.map((channel) => [
      channel,
      (request: unknown) => {
        calls.push(channel);
        return { channel, request };
      },
    ]),
  ) as unknown as Handlers;
}

const JUNK: unknown[] = [null, 42, 'text', [], true, { unexpected: 1 }, { __proto__: { polluted: true } }];

describe('dispatch', () => {
  it('rejects junk payloads on every channel with INVALID_INPUT, without calling the handler', async () => {
    const calls: string[] = [];
    const dispatch = createDispatch(recordingHandlers(calls), silentLogger());
    for (const channel of INVOKE_CHANNELS) {
      for (const payload of JUNK) {
        // A payload the schema accepts is not junk for that channel; skip those.
        if (requestSchemas[channel].safeParse(payload).success) continue;
        const result = await dispatch(channel, payload);
        expect(result, `${channel} with ${JSON.stringify(payload)}`).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      }
    }
    expect(calls).toEqual([]);
  });

  it('names the offending field in the message and in the details', async () => {
    const dispatch = createDispatch(recordingHandlers([]), silentLogger());
    // A nested field, so the path is more than the channel name could ever match.
    const result = await dispatch('vehicles:lookupMany', { vins: ['1XPWD40X1ED215307', 42] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.details?.map((d) => d.path)).toEqual(['vins.1']);
    expect(result.error.message).toMatch(/\bvins\.1: /);
    // An unexpected key is named too, not only the channel.
    const stray = await dispatch('app:info', { stray: 1 });
    expect(stray.ok).toBe(false);
    if (!stray.ok) expect(stray.error.message).toMatch(/stray/);
  });

  it('answers an unknown channel with INVALID_INPUT', async () => {
    const dispatch = createDispatch(recordingHandlers([]), silentLogger());
    expect(await dispatch('evil:channel', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('passes valid payloads to the handler and wraps the value', async () => {
    const calls: string[] = [];
    const dispatch = createDispatch(recordingHandlers(calls), silentLogger());
    const result = await dispatch('app:info', {});
    expect(result).toEqual({ ok: true, value: { channel: 'app:info', request: {} } });
    expect(calls).toEqual(['app:info']);
  });

  it("types a channel named in code by the contract, and one read off the wire as unknown", async () => {
    const dispatch = createDispatch(recordingHandlers([]), silentLogger());
    expectTypeOf(await dispatch('app:info', {})).toEqualTypeOf<Result<AppInfo>>();
    expectTypeOf(await dispatch('vehicles:list', { limit: 5 })).toEqualTypeOf<Result<VehicleListPage>>();
    const wire: string = 'app:info';
    const answer = await dispatch(wire, {});
    expectTypeOf(answer).toEqualTypeOf<Result<unknown>>();
    // Typed or not, the payload is still checked at run time.
    expect(await dispatch(wire, { stray: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('turns an AppFailure into its code and a bug into INTERNAL, never a throw', async () => {
    const failing = (error: unknown): Handlers =>
      ({ 'app:info': () => { throw error; } }) as unknown as Handlers;
    const expected = await createDispatch(failing(new AppFailure('NOT_FOUND', 'No such vehicle')), silentLogger())('app:info', {});
    expect(expected).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'No such vehicle' } });
    const bug = await createDispatch(failing(new TypeError('x is undefined')), silentLogger())('app:info', {});
    expect(bug).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    if (!bug.ok) expect(bug.error.message).not.toContain('x is undefined');
  });

  it('maps a damaged database met by any handler to STORAGE_ERROR and reports it for recovery', async () => {
    const damaged: StorageError[] = [];
    const failing = (error: unknown): Handlers => ({ 'app:info': () => { throw error; } }) as unknown as Handlers;
    const options = { databasePath: '/data/fleet.sqlite', onDatabaseDamaged: (e: StorageError) => damaged.push(e) };
    for (const code of ['SQLITE_CORRUPT', 'SQLITE_CORRUPT_INDEX', 'SQLITE_NOTADB']) {
      const error = Object.assign(new Error('database disk image is malformed'), { code });
      const result = await createDispatch(failing(error), silentLogger(), options)('app:info', {});
      expect(result).toMatchObject({ ok: false, error: { code: 'STORAGE_ERROR' } });
      if (!result.ok) expect(result.error.message).toMatch(/^The database file \/data\/fleet\.sqlite is damaged/);
    }
    expect(damaged.map((e) => e.problem)).toEqual(['corrupt', 'corrupt', 'corrupt']);
    // Other storage problems are answered the same way but need no recovery.
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    expect(await createDispatch(failing(full), silentLogger(), options)('app:info', {})).toMatchObject({ ok: false, error: { code: 'STORAGE_ERROR' } });
    expect(damaged).toHaveLength(3);
  });
});
