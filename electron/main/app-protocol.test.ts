import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppProtocolHandler, resolveAppUrl } from './app-protocol';
import { CONTENT_SECURITY_POLICY } from './security';

const ROOT = path.resolve('/opt/fleet/out/renderer');

describe('app:// protocol', () => {
  it('maps the app origin onto the renderer folder', () => {
    expect(resolveAppUrl('app://fleet/', ROOT)).toBe(path.join(ROOT, 'index.html'));
    expect(resolveAppUrl('app://fleet/assets/index.js', ROOT)).toBe(path.join(ROOT, 'assets/index.js'));
  });

  it('refuses anything outside the renderer folder or on another host', () => {
    // The URL parser folds plain dot segments, so the request stays inside the folder.
    expect(resolveAppUrl('app://fleet/../../etc/passwd', ROOT)).toBe(path.join(ROOT, 'etc/passwd'));
    expect(resolveAppUrl('app://fleet/%2e%2e/%2e%2e/etc/passwd', ROOT)).toBe(path.join(ROOT, 'etc/passwd'));
    // Encoded slashes survive the parser and would climb out after decoding: refused.
    expect(resolveAppUrl('app://fleet/..%2F..%2Fmain/index.js', ROOT)).toBeNull();
    expect(resolveAppUrl('app://other/index.html', ROOT)).toBeNull();
    expect(resolveAppUrl('not a url', ROOT)).toBeNull();
  });
});

describe('app:// protocol handler', () => {
  const fetched: string[] = [];
  const handler = createAppProtocolHandler(ROOT, async (fileUrl) => {
    fetched.push(fileUrl);
    return new Response('<!doctype html>', { status: 200, headers: { 'Content-Type': 'text/html' } });
  });

  it('serves a file with the CSP header set on the response itself', async () => {
    const response = await handler({ url: 'app://fleet/index.html' });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('Content-Type')).toBe('text/html');
    expect(await response.text()).toBe('<!doctype html>');
    expect(fetched.at(-1)).toBe(`file://${path.join(ROOT, 'index.html')}`);
  });

  it.each([
    ['a malformed % escape', 'app://fleet/%E0%A4%A', 400],
    ['a lone %', 'app://fleet/assets/%', 400],
    ['a path outside the folder', 'app://fleet/..%2F..%2Fmain/index.js', 404],
    ['another host', 'app://other/index.html', 404],
  ])('answers %s with %i (never a throw), CSP included', async (_label, url, status) => {
    const before = fetched.length;
    const response = await handler({ url });
    expect(response.status).toBe(status);
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(fetched.length).toBe(before);
  });
});
