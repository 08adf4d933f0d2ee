/**
 * Before the electron target runs, make sure the Electron-ABI build of better-sqlite3 exists
 * (`npm run native:electron`, once). Without an Electron binary there is nothing to prepare:
 * the web target needs only the Node build `npm ci` made.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { electronBinary } from './targets';

export default function globalSetup(): void {
  if (!('path' in electronBinary())) return;
  const root = path.resolve(__dirname, '..');
  const run = spawnSync(process.execPath, [path.join(root, 'scripts/build-electron-native.mjs'), '--if-missing'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (run.status !== 0) throw new Error('The Electron build of better-sqlite3 could not be made; the electron e2e target cannot start the app.');
}
