/**
 * Facts about the built bundles that no runtime test here can catch (Electron cannot start here):
 * a sandboxed preload must be one CommonJS file that requires nothing but `electron`, and test
 * support code must never end up in the app.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const OUT = path.resolve(__dirname, '../../out');

function readBuilt(relative: string): string {
  const file = path.join(OUT, relative);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run "npm run build" before the unit tests.`);
  return fs.readFileSync(file, 'utf8');
}

describe('built bundles', () => {
  it('the preload is one CommonJS file with no ESM syntax and no require but electron', () => {
    const preload = readBuilt('preload/index.cjs');
    expect(preload).not.toMatch(/^\s*import[\s{*]/m);
    expect(preload).not.toMatch(/^\s*export\s/m);
    expect(preload).not.toMatch(/import\(/);
    const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(required.length).toBeGreaterThan(0);
    expect(new Set(required)).toEqual(new Set(['electron']));
    // zod stays in main: the preload only needs channel names.
    expect(preload).not.toMatch(/ZodError|safeParse/);
  });

  it('main keeps native modules external and carries no test-only code', () => {
    const main = readBuilt('main/index.js');
    expect(main).toMatch(/require\(["']better-sqlite3["']\)/);
    expect(main).not.toMatch(/vpic-simulator|__harness|test-host/);
  });

  it('the renderer bundle has no test bridge in it', () => {
    const html = readBuilt('renderer/index.html');
    expect(html).not.toContain('__harness');
    expect(html).toContain('Content-Security-Policy');
  });
});
