/**
 * The built CLI loads what a command needs and no more: a cached lookup must not pay for the
 * OpenPGP or Parquet libraries (each costs a large share of a short command's CPU), while an
 * export still finds its writer in the bundle's chunks. The test builds the CLI itself into a
 * fresh folder with the project's vite.cli.config.ts (never a stale `out/`), and records every
 * package the process requires through a preloaded hook on Node's module loader.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const VITE = path.join(ROOT, 'node_modules/vite/bin/vite.js');
const BUILD_TIMEOUT_MS = 300_000;
const run = promisify(execFile);

let dir: string;
let cli: string;
let hook: string;

beforeAll(async () => {
  // Inside the project, so the bundle's external packages resolve from its node_modules.
  const cache = path.join(ROOT, 'node_modules/.cache');
  fs.mkdirSync(cache, { recursive: true });
  dir = fs.mkdtempSync(path.join(cache, 'cli-loading-'));
  const outDir = path.join(dir, 'out');
  await run(process.execPath, [VITE, 'build', '--config', 'vite.cli.config.ts', '--outDir', outDir, '--logLevel', 'error'], {
    cwd: ROOT,
    timeout: BUILD_TIMEOUT_MS,
    maxBuffer: 16 * 1024 * 1024,
  });
  cli = path.join(outDir, 'vinlookup.js');
  hook = path.join(dir, 'record-requires.cjs');
  // Bare package names only: the CLI's own chunks and Node's builtins are not libraries.
  fs.writeFileSync(
    hook,
    `const Module = require('node:module');
const fs = require('node:fs');
const load = Module._load;
Module._load = function (request, ...rest) {
  if (!request.startsWith('.') && !request.startsWith('/') && !request.startsWith('node:') && !Module.isBuiltin(request)) {
    fs.appendFileSync(process.env.REQUIRE_LOG, request + '\\n');
  }
  return load.call(this, request, ...rest);
};
`,
  );
}, BUILD_TIMEOUT_MS + 10_000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function vinlookup(dataDir: string, args: readonly string[]): Promise<{ stdout: string; required: Set<string> }> {
  const log = path.join(dir, `requires-${args[0]}.log`);
  fs.rmSync(log, { force: true });
  const { stdout } = await run(process.execPath, ['--require', hook, cli, '--data-dir', dataDir, '--offline', ...args], {
    env: { ...process.env, REQUIRE_LOG: log },
    timeout: 120_000,
  });
  const required = new Set(fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter(Boolean) : []);
  return { stdout, required };
}

describe('the built CLI', () => {
  it('answers a cached lookup without loading OpenPGP or Parquet, and still exports Parquet', async () => {
    const dataDir = path.join(dir, 'data');
    const vin = '1XPWD40X1ED215307';
    // The first lookup decodes offline and stores the vehicle; the second is the cached one.
    await vinlookup(dataDir, ['lookup', vin, '--json']);
    const cached = await vinlookup(dataDir, ['lookup', vin, '--json']);
    expect((JSON.parse(cached.stdout) as { results: { vin: string; cached: boolean }[] }).results).toEqual([
      expect.objectContaining({ vin, cached: true }),
    ]);
    expect(cached.required).toContain('better-sqlite3');
    expect(cached.required).not.toContain('openpgp');
    expect(cached.required).not.toContain('parquetjs-lite');

    const target = path.join(dir, 'fleet.parquet');
    const exported = await vinlookup(dataDir, ['export', target, '--json']);
    expect(JSON.parse(exported.stdout)).toMatchObject({ rows: 1, format: 'parquet' });
    expect(fs.readFileSync(target).subarray(0, 4).toString()).toBe('PAR1');
  });
});
