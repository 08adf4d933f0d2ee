#!/usr/bin/env node
/**
 * Build better-sqlite3 for Electron's ABI into `.native/electron-<abi>/`, leaving node_modules'
 * Node-ABI build alone (tests and the CLI keep using that one).
 *
 * node-gyp builds a module in place, so we build a private copy of the package in a scratch
 * folder against Electron's headers and keep only the resulting `.node` file. node-gyp is called
 * directly (as @electron/rebuild would, without its Node >= 22.12 requirement). The main process finds it through
 * `electron/core/storage/sqlite/db/native-binding.ts`. Needs Electron's headers, which are downloaded: run it
 * on a machine that can reach them (`npm start` runs it with --if-missing).
 *
 *   node scripts/build-electron-native.mjs [--if-missing]
 */
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const electronVersion = require('electron/package.json').version;
const { getAbi } = require('node-abi');
const abi = getAbi(electronVersion, 'electron');
const ELECTRON_HEADERS_URL = 'https://www.electronjs.org/headers';
const target = path.join(root, '.native', `electron-${abi}`, 'better_sqlite3.node');

if (process.argv.includes('--if-missing') && fs.existsSync(target)) {
  console.log(`Electron build of better-sqlite3 present: ${path.relative(root, target)}`);
  process.exit(0);
}

// Say in one line what is missing instead of letting node-gyp hang on a download and then blame
// itself: without Electron's binary the app cannot start, and without its headers (fetched from
// Electron's site into node-gyp's cache) better-sqlite3 cannot be built for it.
const missing = await missingElectronPrerequisite();
if (missing) {
  console.error(`Cannot start the Electron app on this machine: ${missing}`);
  process.exit(1);
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-native-'));
try {
  const moduleDir = path.join(scratch, 'node_modules', 'better-sqlite3');
  fs.cpSync(path.dirname(require.resolve('better-sqlite3/package.json')), moduleDir, {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}build${path.sep}`),
  });
  console.log(`Building better-sqlite3 for Electron ${electronVersion} (ABI ${abi})…`);
  // --target/--dist-url select Electron's headers instead of Node's: the ABI the main process loads.
  execFileSync(
    process.execPath,
    [require.resolve('node-gyp/bin/node-gyp.js'), 'rebuild', '--release', `--target=${electronVersion}`, `--dist-url=${ELECTRON_HEADERS_URL}`],
    { cwd: moduleDir, stdio: 'inherit' },
  );
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(path.join(moduleDir, 'build', 'Release', 'better_sqlite3.node'), target);
  console.log(`Wrote ${path.relative(root, target)}`);
} catch (error) {
  console.error(`Could not build better-sqlite3 for Electron: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}

/** Why Electron cannot be built for here, or null when its binary and headers are within reach. */
async function missingElectronPrerequisite() {
  let binary;
  try {
    binary = require('electron');
  } catch {
    binary = null;
  }
  if (typeof binary !== 'string' || !fs.existsSync(binary)) {
    return 'Electron\'s binary is not installed (npm ci ran with ELECTRON_SKIP_BINARY_DOWNLOAD, or its download failed); run `npm ci` where Electron\'s download site is reachable.';
  }
  const cachedHeaders = path.join(os.homedir(), '.electron-gyp', electronVersion, 'include', 'node', 'node_version.h');
  if (fs.existsSync(cachedHeaders)) return null;
  const headersUrl = `${ELECTRON_HEADERS_URL}/v${electronVersion}/node-v${electronVersion}-headers.tar.gz`;
  try {
    const response = await fetch(headersUrl, { method: 'HEAD', signal: AbortSignal.timeout(10_000) });
    if (response.ok) return null;
    return `Electron ${electronVersion}'s headers are not available (${headersUrl} answered HTTP ${response.status}).`;
  } catch (error) {
    return `Electron ${electronVersion}'s headers cannot be downloaded from ${headersUrl} (${error instanceof Error ? error.message : error}); better-sqlite3 needs them to be built for Electron.`;
  }
}
