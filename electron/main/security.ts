/**
 * The Electron security checklist, applied in one place and unit-tested with a mocked `electron`.
 *
 * https://www.electronjs.org/docs/latest/tutorial/security — each function names the item it
 * honours. The renderer is served from the custom `app://` scheme (item 18: avoid file://), so
 * "our origin" is a single, exact value compared with `new URL(...).origin`, never `startsWith`.
 */
import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';

/** The scheme and host the packaged renderer is served from. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'fleet';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The Content-Security-Policy of every page (item 7). Kept in step with renderer/index.html. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** webPreferences for every window (items 2, 3, 4, 6, 9, 10). */
export function secureWebPreferences(preloadPath: string): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    // Chromium's spellchecker downloads dictionaries from Google's servers; the app sends nothing
    // the user did not ask for, and VINs are not words.
    spellcheck: false,
  };
}

/** Parse a URL and give its origin, or null when it is not a URL at all. */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    // Custom schemes give the string "null" as origin; rebuild it from protocol and host.
    return parsed.origin !== 'null' ? parsed.origin : `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

/** The origins the app itself is served from: app://fleet, plus the dev server in development. */
export function trustedOrigins(devServerUrl: string | undefined): ReadonlySet<string> {
  const origins = new Set([APP_ORIGIN]);
  const dev = devServerUrl ? originOf(devServerUrl) : null;
  if (dev) origins.add(dev);
  return origins;
}

export function isTrustedUrl(url: string, trusted: ReadonlySet<string>): boolean {
  const origin = originOf(url);
  return origin !== null && trusted.has(origin);
}

/**
 * Harden one web contents: deny new windows (item 14), block navigation away (item 13),
 * deny webview attachment (item 12). Links to the outside world go through `openExternal`,
 * which the shell restricts to an allow-list.
 */
export function hardenWebContents(
  contents: WebContents,
  trusted: ReadonlySet<string>,
  openExternal: (url: string) => void,
): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternal(url);
    return { action: 'deny' };
  });
  const blockUntrusted = (event: { preventDefault(): void }, url: string): void => {
    if (!isTrustedUrl(url, trusted)) event.preventDefault();
  };
  contents.on('will-navigate', blockUntrusted);
  contents.on('will-redirect', blockUntrusted);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Deny every permission request and check (item 5): the app needs no camera, geolocation, … */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Add the CSP header to every response the session serves (item 7, belt and braces with the meta tag). */
export function enforceCsp(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
}

/** External links the app may open in the user's browser (item 15: shell.openExternal allow-list). */
export const EXTERNAL_URL_ALLOW_LIST: readonly string[] = ['https://vpic.nhtsa.dot.gov', 'https://www.nhtsa.gov'];

export function isAllowedExternalUrl(url: string): boolean {
  const origin = originOf(url);
  return origin !== null && EXTERNAL_URL_ALLOW_LIST.includes(origin);
}

/** A sender frame is trusted when its URL has one of our exact origins (item 17). */
export function isTrustedSender(frame: { url: string } | null | undefined, trusted: ReadonlySet<string>): boolean {
  return !!frame && isTrustedUrl(frame.url, trusted);
}
