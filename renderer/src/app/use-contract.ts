/**
 * Calling the contract from a component: one place that turns a thrown error into an `AppError`
 * and that drops answers nobody is waiting for any more.
 *
 * `window.fleet` answers with a `Result`, but a call can still throw (the e2e bridge's fetch
 * fails, a bug in the preload): such an error is shown like any refused request, never lost.
 * An answer that arrives after the component unmounted, or after its inputs changed, is
 * dropped, so a slow old answer never overwrites a newer one.
 */
import { useEffect, useState, type DependencyList } from 'react';
import type { AppError, Result } from '../../../shared/ipc/result';
import { toAppError } from './app-error-message';

/** A contract call's answer; a thrown error becomes a failed `Result`, so callers handle one shape. */
export async function callContract<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await call();
  } catch (thrown) {
    return { ok: false, error: toAppError(thrown) };
  }
}

export interface ContractAnswer<T> {
  /** The latest value answered; kept while a newer call runs or fails, so a refresh never blanks the screen. */
  readonly value: T | null;
  /** The latest answer's error; cleared by the next success. */
  readonly error: AppError | null;
  /** True once the call for the current inputs has answered. */
  readonly settled: boolean;
}

interface Answered<T> {
  readonly value: T | null;
  readonly error: AppError | null;
  /** The inputs the latest answer was for. */
  readonly deps: DependencyList | null;
}

function sameDeps(a: DependencyList | null, b: DependencyList): boolean {
  return a !== null && a.length === b.length && a.every((value, i) => Object.is(value, b[i]));
}

/**
 * Call the contract whenever `deps` change, as `useEffect` would; `call` returns null when there
 * is nothing to ask yet (no vehicle selected, the table not loaded). `deps` name everything
 * `call` reads, plus whatever should ask again (a data version): the lint cannot check them here,
 * since its rule for custom hooks rejects deps the callback does not read.
 */
export function useContract<T>(call: () => Promise<Result<T>> | null, deps: DependencyList): ContractAnswer<T> {
  const [answered, setAnswered] = useState<Answered<T>>({ value: null, error: null, deps: null });
  useEffect(() => {
    let live = true;
    let asked: Promise<Result<T>> | null;
    try {
      asked = call();
    } catch (thrown) {
      asked = Promise.reject(thrown);
    }
    if (asked === null) return undefined;
    const answer = asked;
    void callContract(() => answer).then((result) => {
      if (!live) return;
      setAnswered((previous) =>
        result.ok ? { value: result.value, error: null, deps } : { value: previous.value, error: result.error, deps },
      );
    });
    return () => {
      live = false;
    };
    // The caller's deps are the effect's (see above).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return { value: answered.value, error: answered.error, settled: sameDeps(answered.deps, deps) };
}
