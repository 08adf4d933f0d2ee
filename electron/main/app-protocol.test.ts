import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppUrl } from './app-protocol';

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
