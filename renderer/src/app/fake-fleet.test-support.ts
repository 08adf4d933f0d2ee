/**
 * A fake `window.fleet` for component tests: the real `createContractApi` over a transport that
 * records each call and answers from per-channel handlers.
 */
import { createContractApi, type ContractApi } from '../../../shared/ipc/api';
import type { EventChannel, InvokeChannel } from '../../../shared/ipc/channels';

export interface FakeFleet {
  readonly api: ContractApi;
  readonly calls: { channel: InvokeChannel; request: unknown }[];
  emit(channel: EventChannel, payload: unknown): void;
}

export type FakeAnswers = Partial<Record<InvokeChannel, (request: unknown) => unknown>>;

export function installFakeFleet(answers: FakeAnswers): FakeFleet {
  const calls: { channel: InvokeChannel; request: unknown }[] = [];
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  const api = createContractApi({
    invoke(channel, request) {
      calls.push({ channel, request });
      const answer = answers[channel];
      if (!answer) return Promise.resolve({ ok: false, error: { code: 'INTERNAL', message: `no fake for ${channel}` } });
      return Promise.resolve(answer(request));
    },
    subscribe(channel, listener) {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return () => set.delete(listener);
    },
  });
  Object.defineProperty(window, 'fleet', { value: api, configurable: true, writable: false });
  return {
    api,
    calls,
    emit(channel, payload) {
      for (const listener of listeners.get(channel) ?? []) listener(payload);
    },
  };
}
