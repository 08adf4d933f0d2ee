import { describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS } from '../../shared/ipc/channels';
import { ok } from '../../shared/ipc/result';
import { silentLogger } from '../core/logging/logger';
import { registerInvokeHandlers } from './ipc-main';
import { APP_ORIGIN, trustedOrigins } from './security';

type InvokeListener = (event: { senderFrame: { url: string } | null }, payload: unknown) => Promise<unknown>;

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
