/**
 * The Electron security checklist, asserted against fakes of Electron's objects.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  denyAllPermissions,
  enforceCsp,
  hardenWebContents,
  isAllowedExternalUrl,
  isTrustedSender,
  secureWebPreferences,
  trustedOrigins,
} from './security';

type Listener = (...args: unknown[]) => void;

function fakeWebContents() {
  const listeners = new Map<string, Listener>();
  let windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  return {
    on: (name: string, listener: Listener) => listeners.set(name, listener),
    setWindowOpenHandler: (handler: typeof windowOpenHandler) => {
      windowOpenHandler = handler;
    },
    fire(name: string, url: string): boolean {
      const event = { prevented: false, preventDefault() { this.prevented = true; } };
      listeners.get(name)!(event, url);
      return event.prevented;
    },
    open: (url: string) => windowOpenHandler!({ url }),
  };
}

describe('window options', () => {
  it('turn on context isolation and the sandbox and keep Node out of the page', () => {
    const prefs = secureWebPreferences('/app/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

describe('navigation and new windows', () => {
  const trusted = trustedOrigins(undefined);

  it('denies window.open and hands allow-listed links to the browser only', () => {
    const contents = fakeWebContents();
    const opened: string[] = [];
    hardenWebContents(contents as never, trusted, (url) => opened.push(url));
    expect(contents.open('https://vpic.nhtsa.dot.gov/api/')).toEqual({ action: 'deny' });
    expect(contents.open(`${APP_ORIGIN}/index.html`)).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://vpic.nhtsa.dot.gov/api/', `${APP_ORIGIN}/index.html`]);
    expect(isAllowedExternalUrl('https://vpic.nhtsa.dot.gov/api/')).toBe(true);
    expect(isAllowedExternalUrl('https://vpic.nhtsa.dot.gov.evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
  });

  it('blocks navigation away from the app, comparing whole origins rather than prefixes', () => {
    const contents = fakeWebContents();
    hardenWebContents(contents as never, trusted, () => undefined);
    expect(contents.fire('will-navigate', `${APP_ORIGIN}/index.html#details`)).toBe(false);
    for (const url of [
      'https://evil.example/',
      'app://fleet.evil.example/',
      'app://fleetx/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(contents.fire('will-navigate', url), url).toBe(true);
      expect(contents.fire('will-redirect', url), url).toBe(true);
    }
  });

  it('trusts the dev server origin only when one is given', () => {
    expect([...trustedOrigins('http://localhost:5173/')]).toEqual([APP_ORIGIN, 'http://localhost:5173']);
    expect([...trustedOrigins(undefined)]).toEqual([APP_ORIGIN]);
  });
});

describe('IPC senders', () => {
  const trusted = trustedOrigins(undefined);
  it('accepts frames from the app origin only', () => {
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html` }, trusted)).toBe(true);
    expect(isTrustedSender({ url: 'https://evil.example/' }, trusted)).toBe(false);
    expect(isTrustedSender({ url: 'app://fleet.evil/' }, trusted)).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/index.html' }, trusted)).toBe(false);
    expect(isTrustedSender(null, trusted)).toBe(false);
  });
});

describe('session', () => {
  it('denies every permission request and check', () => {
    let requestHandler: ((c: unknown, p: string, cb: (granted: boolean) => void) => void) | undefined;
    let checkHandler: (() => boolean) | undefined;
    denyAllPermissions({
      setPermissionRequestHandler: (h: typeof requestHandler) => (requestHandler = h),
      setPermissionCheckHandler: (h: typeof checkHandler) => (checkHandler = h),
    } as never);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      requestHandler!(null, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(checkHandler!()).toBe(false);
  });

  it('adds the CSP header to every response', () => {
    let hook: ((d: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void) | undefined;
    enforceCsp({ webRequest: { onHeadersReceived: (h: typeof hook) => (hook = h) } } as never);
    const callback = vi.fn();
    hook!({ responseHeaders: { 'X-Other': ['1'] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
  });

  it('the page carries the same CSP in its meta tag', () => {
    const html = fs.readFileSync(path.resolve(__dirname, '../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    // frame-ancestors is ignored in a meta tag, so only the header carries it.
    const headerDirectives = CONTENT_SECURITY_POLICY.split('; ').filter((d) => !d.startsWith('frame-ancestors'));
    expect(meta!.split('; ')).toEqual(headerDirectives);
  });
});
