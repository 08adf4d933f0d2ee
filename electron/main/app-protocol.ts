/**
 * Serve the built renderer from `app://fleet/` instead of `file://`.
 *
 * A custom standard, secure scheme gives the page a real origin (so CSP 'self' and the sender
 * check mean something) and no file-system privileges (security checklist item 18). Requests are
 * confined to the renderer folder: anything resolving outside it is a 404.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_HOST } from './security';

/** Map an app:// URL to a file inside `rootDir`, or null when it escapes the folder or the host is wrong. */
export function resolveAppUrl(requestUrl: string, rootDir: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.host !== APP_HOST) return null;
  const pathname = decodeURIComponent(url.pathname);
  const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = path.resolve(rootDir);
  const file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  return file;
}

export function fileUrlFor(file: string): string {
  return pathToFileURL(file).toString();
}
