/**
 * Serve the built renderer from `app://fleet/` instead of `file://`.
 *
 * A custom standard, secure scheme gives the page a real origin (so CSP 'self' and the sender
 * check mean something) and no file-system privileges (security checklist item 18). Requests are
 * confined to the renderer folder: anything resolving outside it is a 404, a URL that cannot be
 * decoded a 400. The handler sets the Content-Security-Policy header on every response itself
 * (item 7): whether session-level header hooks see custom-protocol responses is an Electron
 * detail no test here can check, so the policy does not depend on it.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_HOST, CONTENT_SECURITY_POLICY } from './security';

export type AppRequestTarget =
  | { readonly kind: 'file'; readonly file: string }
  | { readonly kind: 'bad-request' }
  | { readonly kind: 'not-found' };

/** Where an app:// URL points inside `rootDir`; never throws, whatever the page asks for. */
export function appRequestTarget(requestUrl: string, rootDir: string): AppRequestTarget {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { kind: 'bad-request' };
  }
  if (url.host !== APP_HOST) return { kind: 'not-found' };
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { kind: 'bad-request' }; // a malformed % escape (URIError)
  }
  const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = path.resolve(rootDir);
  const file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep)) return { kind: 'not-found' };
  return { kind: 'file', file };
}

/** Map an app:// URL to a file inside `rootDir`, or null when it escapes the folder, cannot be decoded or the host is wrong. */
export function resolveAppUrl(requestUrl: string, rootDir: string): string | null {
  const target = appRequestTarget(requestUrl, rootDir);
  return target.kind === 'file' ? target.file : null;
}

export function fileUrlFor(file: string): string {
  return pathToFileURL(file).toString();
}

/** A copy of `response` carrying the app's CSP header (fetch responses' headers are immutable). */
function withCsp(response: Response): Response {
  const headers = new Headers(response.headers);
  headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/**
 * The app:// handler: 400 for an undecodable URL, 404 outside the renderer folder, else the file
 * from `fetchFile` (Electron's `net.fetch` of its file:// URL); every answer carries the CSP.
 */
export function createAppProtocolHandler(
  rootDir: string,
  fetchFile: (fileUrl: string) => Promise<Response>,
): (request: { readonly url: string }) => Promise<Response> {
  return async (request) => {
    const target = appRequestTarget(request.url, rootDir);
    switch (target.kind) {
      case 'bad-request':
        return withCsp(new Response('Bad request', { status: 400 }));
      case 'not-found':
        return withCsp(new Response('Not found', { status: 404 }));
      case 'file':
        return withCsp(await fetchFile(fileUrlFor(target.file)));
    }
  };
}
