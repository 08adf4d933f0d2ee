/**
 * The renderer-facing API, generated from the contract.
 *
 * The preload (over `ipcRenderer`) and the e2e web bridge (over loopback HTTP) both call
 * `createContractApi` with their transport, so the page sees the same object either way and
 * cannot tell which one it runs against. The object is flat — one top-level function per
 * channel — because `contextBridge` only copies plain data and top-level functions.
 */
import { EVENT_CHANNELS, INVOKE_CHANNELS, type EventChannel, type InvokeChannel } from './channels';
import type { EventContract, RequestOf, ResponseOf } from './contract';
import type { Result } from './result';

type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;

/** `vehicles:lookup` → `vehiclesLookup`. */
export type MethodName<C extends string> = C extends `${infer Domain}:${infer Verb}`
  ? `${CamelCase<Domain>}${Capitalize<CamelCase<Verb>>}`
  : never;

/** `vpic:status` → `onVpicStatus`. */
export type EventMethodName<C extends string> = `on${Capitalize<MethodName<C>>}`;

export type ContractApi = {
  readonly [C in InvokeChannel as MethodName<C>]: (request: RequestOf<C>) => Promise<Result<ResponseOf<C>>>;
} & {
  readonly [E in EventChannel as EventMethodName<E>]: (listener: (payload: EventContract[E]) => void) => () => void;
};

export interface ContractTransport {
  invoke(channel: InvokeChannel, request: unknown): Promise<unknown>;
  /** Subscribe to one event channel; returns the unsubscribe function. */
  subscribe(channel: EventChannel, listener: (payload: unknown) => void): () => void;
}

function camel(part: string): string {
  return part.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}

function capitalize(part: string): string {
  return part.charAt(0).toUpperCase() + part.slice(1);
}

export function methodNameOf(channel: string): string {
  const [domain, verb] = channel.split(':');
  return camel(domain ?? '') + capitalize(camel(verb ?? ''));
}

export function eventMethodNameOf(channel: string): string {
  return 'on' + capitalize(methodNameOf(channel));
}

/** Build the flat API object: one function per invoke channel, one subscriber per event. */
export function createContractApi(transport: ContractTransport): ContractApi {
  const api: Record<string, unknown> = {};
  for (const channel of INVOKE_CHANNELS) {
    api[methodNameOf(channel)] = (request: unknown) => transport.invoke(channel, request ?? {});
  }
  for (const channel of EVENT_CHANNELS) {
    api[eventMethodNameOf(channel)] = (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError(`${eventMethodNameOf(channel)} needs a function`);
      return transport.subscribe(channel, listener);
    };
  }
  return Object.freeze(api) as ContractApi;
}
