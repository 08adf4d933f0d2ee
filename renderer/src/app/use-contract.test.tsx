import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/ipc/result';
import { callContract, useContract } from './use-contract';

afterEach(cleanup);

/** A call the test answers when it chooses, so ordering is decided by the test, not by timers. */
function deferred<T>(): { promise: Promise<Result<T>>; resolve: (r: Result<T>) => void; reject: (e: unknown) => void } {
  let resolve!: (r: Result<T>) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<Result<T>>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('callContract', () => {
  it('passes an answer through and turns a thrown error into an INTERNAL AppError', async () => {
    expect(await callContract(() => Promise.resolve({ ok: true, value: 3 }))).toEqual({ ok: true, value: 3 });
    expect(await callContract(() => Promise.reject(new Error('bridge down')))).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'bridge down' } });
    expect(await callContract(() => Promise.reject('plain text'))).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'plain text' } });
  });
});

describe('useContract', () => {
  it('answers with the value, keeps it while a refresh fails, and clears the error on the next success', async () => {
    const answers: Result<number>[] = [
      { ok: true, value: 1 },
      { ok: false, error: { code: 'STORAGE_ERROR', message: 'The disk is full.' } },
      { ok: true, value: 3 },
    ];
    const { result, rerender } = renderHook(({ version }) => useContract(() => Promise.resolve(answers[version]!), [version]), {
      initialProps: { version: 0 },
    });
    expect(result.current).toEqual({ value: null, error: null, settled: false });
    await waitFor(() => expect(result.current).toEqual({ value: 1, error: null, settled: true }));
    rerender({ version: 1 });
    expect(result.current.settled).toBe(false);
    await waitFor(() => expect(result.current).toEqual({ value: 1, error: { code: 'STORAGE_ERROR', message: 'The disk is full.' }, settled: true }));
    rerender({ version: 2 });
    await waitFor(() => expect(result.current).toEqual({ value: 3, error: null, settled: true }));
  });

  it('shows a thrown call, sync or async, as an AppError', async () => {
    const rejected = renderHook(() => useContract<number>(() => Promise.reject(new Error('fetch failed')), []));
    await waitFor(() => expect(rejected.result.current.error).toEqual({ code: 'INTERNAL', message: 'fetch failed' }));
    const thrown = renderHook(() =>
      useContract<number>(() => {
        throw new Error('no window.fleet');
      }, []),
    );
    await waitFor(() => expect(thrown.result.current.error).toEqual({ code: 'INTERNAL', message: 'no window.fleet' }));
  });

  it('drops an answer for inputs that changed meanwhile, so a slow old answer never wins', async () => {
    const calls = new Map<string, ReturnType<typeof deferred<string>>>();
    const { result, rerender } = renderHook(
      ({ id }) =>
        useContract(() => {
          const call = deferred<string>();
          calls.set(id, call);
          return call.promise;
        }, [id]),
      { initialProps: { id: 'a' } },
    );
    rerender({ id: 'b' });
    await act(async () => calls.get('b')!.resolve({ ok: true, value: 'answer for b' }));
    await act(async () => calls.get('a')!.resolve({ ok: true, value: 'answer for a' }));
    expect(result.current).toEqual({ value: 'answer for b', error: null, settled: true });
  });

  it('asks nothing while the call says there is nothing to ask', async () => {
    let asked = 0;
    const { result, rerender } = renderHook(
      ({ id }) =>
        useContract(() => {
          if (id === null) return null;
          asked += 1;
          return Promise.resolve<Result<number>>({ ok: true, value: id });
        }, [id]),
      { initialProps: { id: null as number | null } },
    );
    expect(asked).toBe(0);
    expect(result.current).toEqual({ value: null, error: null, settled: false });
    rerender({ id: 7 });
    await waitFor(() => expect(result.current).toEqual({ value: 7, error: null, settled: true }));
    expect(asked).toBe(1);
  });
});
