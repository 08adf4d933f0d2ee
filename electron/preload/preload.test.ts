/**
 * The preload exposes the contract and nothing else, with listeners that never see Electron's event.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { eventMethodNameOf, methodNameOf } from '../../shared/ipc/api';
import { MAX_DROPPED_FILES, REGISTER_DROPPED_FILES_CHANNEL } from '../../shared/import/import-channels';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../shared/ipc/channels';

const exposed = new Map<string, Record<string, unknown>>();
const invoke = vi.fn(async (channel: string, request: unknown): Promise<{ ok: boolean; value: unknown }> => ({ ok: true, value: { channel, request } }));
/** Stands in for File objects: only ones that came from the OS carry a path (`osPath`). */
interface FakeFile {
  readonly name: string;
  readonly osPath?: string;
}
const getPathForFile = vi.fn((file: unknown): string => {
  // Like webUtils: a TypeError for anything that is not a File, '' for a File the page built.
  if (typeof file !== 'object' || file === null || !('name' in file)) throw new TypeError('parameter 1 is not of type File');
  return (file as FakeFile).osPath ?? '';
});
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
  webUtils: { getPathForFile: (file: unknown) => getPathForFile(file) },
}));

beforeEach(async () => {
  exposed.clear();
  invoke.mockClear();
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
    expect(Object.keys(exposed.get('fleetFiles')!)).toEqual(['registerDroppedFiles']);
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

  describe('drop registration', () => {
    type Register = (files: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;
    const register = (): Register => (exposed.get('fleetFiles')! as { registerDroppedFiles: Register }).registerDroppedFiles;

    it('resolves OS files with webUtils and sends only their paths, on its own channel', async () => {
      invoke.mockImplementationOnce(async () => ({
        ok: true,
        value: { files: [{ grantId: 'g'.repeat(43), fileName: 'fleet.csv', sizeBytes: 10 }], refused: [] },
      }));
      const answer = await register()([{ name: 'fleet.csv', osPath: '/home/ops/fleet.csv' }]);
      expect(invoke).toHaveBeenCalledTimes(1);
      expect(invoke).toHaveBeenCalledWith(REGISTER_DROPPED_FILES_CHANNEL, { paths: ['/home/ops/fleet.csv'] });
      expect(answer).toEqual({ ok: true, value: { files: [{ grantId: 'g'.repeat(43), fileName: 'fleet.csv', sizeBytes: 10 }], refused: [] } });
    });

    it('a File built by page script (no path), a string or a forged object gets no grant and reaches main as nothing', async () => {
      const forged = [
        { name: 'passwd' }, // new File(['x'], 'passwd'): webUtils answers ''
        '/etc/passwd',
        { path: '/etc/passwd' },
        null,
      ];
      const answer = await register()(forged);
      expect(invoke).not.toHaveBeenCalled();
      expect(answer).toMatchObject({ ok: true, value: { files: [], refused: expect.arrayContaining([expect.objectContaining({ fileName: 'passwd' })]) } });
      expect((answer.value as { refused: unknown[] }).refused).toHaveLength(4);
    });

    it('sends the real files of a mixed drop and reports the others; a path is never taken from the page', async () => {
      invoke.mockImplementationOnce(async (_channel: string, request: unknown) => ({
        ok: true,
        value: { files: (request as { paths: string[] }).paths.map((p) => ({ grantId: 'h'.repeat(43), fileName: p, sizeBytes: 1 })), refused: [] },
      }));
      const answer = await register()([{ name: 'a.csv', osPath: '/data/a.csv' }, { name: 'b.csv', path: '/etc/shadow' }]);
      expect(invoke).toHaveBeenCalledWith(REGISTER_DROPPED_FILES_CHANNEL, { paths: ['/data/a.csv'] });
      expect(answer).toMatchObject({ ok: true, value: { files: [{ fileName: '/data/a.csv' }], refused: [{ fileName: 'b.csv' }] } });
    });

    it('refuses a non-array and more files than the limit without asking main', async () => {
      expect(await register()({ length: 1, 0: { name: 'x', osPath: '/x' } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      const many = Array.from({ length: MAX_DROPPED_FILES + 1 }, (_, i) => ({ name: `${i}.csv`, osPath: `/d/${i}.csv` }));
      expect(await register()(many)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(invoke).not.toHaveBeenCalled();
    });

    it('the page-facing contract has no function that registers a path', () => {
      const api = exposed.get('fleet')!;
      expect(Object.keys(api).some((name) => /register|grant/i.test(name))).toBe(false);
      expect(INVOKE_CHANNELS as readonly string[]).not.toContain(REGISTER_DROPPED_FILES_CHANNEL);
    });
  });
});
