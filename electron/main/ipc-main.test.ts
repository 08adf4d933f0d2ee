import { describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS } from '../../shared/ipc/channels';
import { ok } from '../../shared/ipc/result';
import { silentLogger } from '../core/logging/logger';
import { REGISTER_DROPPED_FILES_CHANNEL } from '../../shared/import/import-channels';
import { registerDroppedFilesHandler, registerInvokeHandlers } from './ipc-main';
import { APP_ORIGIN, trustedOrigins } from './security';

type InvokeListener = (event: { senderFrame: { url: string; parent?: unknown } | null }, payload: unknown) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, InvokeListener>();
  const registrations: string[] = [];
  return {
    handlers,
    registrations,
    handle(channel: string, listener: InvokeListener) {
      registrations.push(channel);
      handlers.set(channel, listener);
    },
    removeHandler(channel: string) {
      handlers.delete(channel);
    },
  };
}

describe('registerInvokeHandlers', () => {
  it('registers exactly one handler per contract channel', () => {
    const ipc = fakeIpcMain();
    registerInvokeHandlers(ipc as never, async () => ok(null), trustedOrigins(undefined), silentLogger());
    expect([...ipc.registrations].sort()).toEqual([...INVOKE_CHANNELS].sort());
    expect(new Set(ipc.registrations).size).toBe(ipc.registrations.length);
  });

  it('drops messages from untrusted frames before dispatching', async () => {
    const ipc = fakeIpcMain();
    const dispatch = vi.fn(async () => ok('answer'));
    registerInvokeHandlers(ipc as never, dispatch, trustedOrigins(undefined), silentLogger());
    const handler = ipc.handlers.get('app:info')!;
    for (const senderFrame of [{ url: 'https://evil.example/' }, { url: 'app://fleet.evil/' }, { url: 'file:///x.html' }, null]) {
      expect(await handler({ senderFrame }, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(dispatch).not.toHaveBeenCalled();
    expect(await handler({ senderFrame: { url: `${APP_ORIGIN}/index.html` } }, {})).toEqual(ok('answer'));
    expect(dispatch).toHaveBeenCalledWith('app:info', {});
  });

  it('unregisters every handler when disposed', () => {
    const ipc = fakeIpcMain();
    const dispose = registerInvokeHandlers(ipc as never, async () => ok(null), trustedOrigins(undefined), silentLogger());
    dispose();
    expect(ipc.handlers.size).toBe(0);
  });
});

describe('registerDroppedFilesHandler', () => {
  const top = { url: `${APP_ORIGIN}/index.html`, parent: null };

  it('grants the paths the preload sends from the app\'s top frame, and only those', async () => {
    const ipc = fakeIpcMain();
    const grantAll = vi.fn(async (paths: readonly string[]) => ({
      files: paths.map((p) => ({ grantId: 'g'.repeat(43), fileName: p, sizeBytes: 1 })),
      refused: [],
    }));
    registerDroppedFilesHandler(ipc as never, { grantAll }, trustedOrigins(undefined), silentLogger());
    expect(ipc.registrations).toEqual([REGISTER_DROPPED_FILES_CHANNEL]);
    const handler = ipc.handlers.get(REGISTER_DROPPED_FILES_CHANNEL)!;
    expect(await handler({ senderFrame: top }, { paths: ['/home/ops/fleet.csv'] })).toMatchObject({ ok: true, value: { files: [{ fileName: '/home/ops/fleet.csv' }] } });
    expect(grantAll).toHaveBeenCalledWith(['/home/ops/fleet.csv']);
  });

  it('refuses other senders, sub-frames and malformed payloads before granting anything', async () => {
    const ipc = fakeIpcMain();
    const grantAll = vi.fn(async () => ({ files: [], refused: [] }));
    registerDroppedFilesHandler(ipc as never, { grantAll }, trustedOrigins(undefined), silentLogger());
    const handler = ipc.handlers.get(REGISTER_DROPPED_FILES_CHANNEL)!;
    for (const senderFrame of [{ url: 'https://evil.example/', parent: null }, { url: `${APP_ORIGIN}/index.html`, parent: top }, null]) {
      expect(await handler({ senderFrame }, { paths: ['/etc/passwd'] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    for (const payload of [{}, { paths: [] }, { paths: [''] }, { paths: ['/a'], extra: 1 }, { paths: '/etc/passwd' }]) {
      expect(await handler({ senderFrame: top }, payload)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(grantAll).not.toHaveBeenCalled();
  });
});
