/**
 * Facts about the built bundles that no runtime test here can catch (Electron cannot start here):
 * a sandboxed preload must be one CommonJS file that requires nothing but `electron`, and test
 * support code must never end up in the app.
 *
 * The test builds the app itself, with the project's own electron-vite config, into a fresh
 * folder: it never depends on (or trusts a stale) `out/` left by an earlier build. The build runs
 * in a child process because electron-vite sets `NODE_ENV` for the process it runs in.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const ELECTRON_VITE = path.join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js');
/** A whole build on a loaded two-core machine can take a minute or more. */
const BUILD_TIMEOUT_MS = 300_000;

let outDir: string;

beforeAll(async () => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-facts-'));
  await promisify(execFile)(process.execPath, [ELECTRON_VITE, 'build', '--outDir', outDir, '--logLevel', 'error'], {
    cwd: ROOT,
    timeout: BUILD_TIMEOUT_MS,
    maxBuffer: 16 * 1024 * 1024,
  });
}, BUILD_TIMEOUT_MS + 10_000);

afterAll(() => {
  if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
});

function readBuilt(relative: string): string {
  const file = path.join(outDir, relative);
  if (!fs.existsSync(file)) throw new Error(`The build did not write ${relative}: check electron.vite.config.ts.`);
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
