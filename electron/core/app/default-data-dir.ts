/**
 * The data folder Electron's `app.getPath('userData')` would give, computed without Electron.
 *
 * Electron's userData is `<appData>/<productName>`; appData is %APPDATA% on Windows,
 * ~/Library/Application Support on macOS and $XDG_CONFIG_HOME or ~/.config on Linux. The CLI
 * uses this so administrators' scripts and the desktop app share one cache by default.
 */
import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'Fleet VIN Lookup';

export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME);
}
