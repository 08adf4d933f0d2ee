/**
 * Which e2e targets can run on this machine, and with which browser.
 *
 * `web` always runs (Chromium from FLEET_CHROMIUM, else /usr/bin/chromium, else Playwright's own).
 * `electron` runs wherever the Electron binary exists; elsewhere it is skipped with one printed line.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';

export function chromiumExecutable(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.FLEET_CHROMIUM) return env.FLEET_CHROMIUM;
  if (fs.existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  return undefined;
}

/** Path of the Electron binary, or the reason there is none. */
export function electronBinary(): { path: string } | { missing: string } {
  try {
    // The electron package exports the binary's path, and throws when the download never happened.
    const binary = createRequire(__filename)('electron') as unknown;
    if (typeof binary === 'string' && fs.existsSync(binary)) return { path: binary };
    return { missing: 'the electron package has no binary' };
  } catch (error) {
    return { missing: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
  }
}

/** Flags that keep Debian's Chromium quiet on a machine with no outside network. */
export const CHROMIUM_ARGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
