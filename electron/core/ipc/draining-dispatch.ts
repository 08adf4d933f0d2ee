/**
 * A dispatch that can be drained before the core closes.
 *
 * Requests are answered asynchronously (network, workers), so one may still be running when the
 * app quits. Closing the database under it turns a clean shutdown into "database connection is
 * not open" failures logged as bugs. Draining answers every new request with CANCELLED and waits
 * for the running ones to settle; only then are the resources they use closed.
 */
import { fail } from '../../../shared/ipc/result';
import { typedDispatch, type Dispatch } from './dispatch';

export interface DrainingDispatch {
  readonly dispatch: Dispatch;
  /** Refuse new requests from now on and resolve once every running one has answered. */
  drain(): Promise<void>;
}

export function createDrainingDispatch(inner: Dispatch): DrainingDispatch {
  const running = new Set<Promise<unknown>>();
  let draining = false;
  return {
    dispatch: typedDispatch((channel, payload) => {
      if (draining) return Promise.resolve(fail('CANCELLED', 'The app is closing; try again once it has restarted.'));
      const answer = inner(channel, payload);
      running.add(answer);
      // then(f, f) rather than finally(): a rejected answer belongs to the caller, and finally()
      // would hand the same rejection to a promise nobody awaits.
      const forget = (): void => void running.delete(answer);
      answer.then(forget, forget);
      return answer;
    }),
    async drain() {
      draining = true;
      await Promise.allSettled([...running]);
    },
  };
}
