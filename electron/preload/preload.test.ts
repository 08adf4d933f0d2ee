/**
 * The preload exposes the contract and nothing else, with listeners that never see Electron's event.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { eventMethodNameOf, methodNameOf } from '../../shared/ipc/api';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../shared/ipc/channels';

const exposed = new Map<string, Record<string, unknown>>();
const invoke = vi.fn(async (channel: string, request: unknown) => ({ ok: true, value: { channel, request } }));
const rendererListeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.set(key, api) },
  ipcRenderer: {
    invoke,
    on: (channel: string, listener: (event: unknown, payload: unknown) => void) => {
      const set = rendererListeners.get(channel) ?? new Set();
      set.add(listener);
      rendererListeners.set(channel, set);
    },
    removeListener: (channel: string, listener: (event: unknown, payload: unknown) => void) => {
      rendererListeners.get(channel)?.delete(listener);
    },
  },
  webUtils: { getPathForFile: () => '/home/ops/fleet.csv' },
}));

beforeEach(async () => {
  exposed.clear();
  vi.resetModules();
  await import('./index');
});

describe('preload', () => {
  it('exposes one function per invoke channel and one subscriber per event, nothing more', () => {
    const api = exposed.get('fleet')!;
    const expected = [...INVOKE_CHANNELS.map(methodNameOf), ...EVENT_CHANNELS.map(eventMethodNameOf)].sort();
    expect(Object.keys(api).sort()).toEqual(expected);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect([...exposed.keys()].sort()).toEqual(['fleet', 'fleetFiles']);
    expect(Object.keys(exposed.get('fleetFiles')!)).toEqual(['pathForFile']);
  });

  it('each function invokes its own channel', async () => {
    const api = exposed.get('fleet')!;
    for (const channel of INVOKE_CHANNELS) {
      const result = await (api[methodNameOf(channel)] as (r: unknown) => Promise<unknown>)({});
      expect(result).toEqual({ ok: true, value: { channel, request: {} } });
    }
  });

  it('event listeners get the payload only, and unsubscribe works', () => {
    const api = exposed.get('fleet')!;
    for (const channel of EVENT_CHANNELS) {
      const received: unknown[][] = [];
      const unsubscribe = (api[eventMethodNameOf(channel)] as (l: (...a: unknown[]) => void) => () => void)(
        (...args) => received.push(args),
      );
      for (const listener of rendererListeners.get(channel)!) listener({ sender: 'electron-internal' }, { n: 1 });
      expect(received).toEqual([[{ n: 1 }]]);
      unsubscribe();
      expect(rendererListeners.get(channel)!.size).toBe(0);
    }
  });

  it('gives dropped files their path through webUtils', async () => {
    const files = exposed.get('fleetFiles')! as { pathForFile: (f: unknown) => Promise<string> };
    await expect(files.pathForFile({})).resolves.toBe('/home/ops/fleet.csv');
  });
});
