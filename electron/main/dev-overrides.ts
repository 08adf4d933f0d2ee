/**
 * Environment variables that only development and tests may use.
 *
 * `ELECTRON_RENDERER_URL` loads the page from another origin (and trusts that origin's IPC);
 * `FLEET_SQLITE_BINDING` loads a native library from any path. In an installed app either one,
 * set by anything that can start the program, would run foreign code with the app's rights, so a
 * packaged build ignores both (Electron security checklist: do not let the environment widen
 * what the app trusts).
 */
export interface DevOverrides {
  /** The electron-vite dev server's URL. */
  readonly devServerUrl?: string;
  /** A better-sqlite3 native build to load instead of the app's own. */
  readonly sqliteBinding?: string;
}

export function devOverrides(env: Readonly<Record<string, string | undefined>>, isPackaged: boolean): DevOverrides {
  if (isPackaged) return {};
  return {
    ...(env.ELECTRON_RENDERER_URL ? { devServerUrl: env.ELECTRON_RENDERER_URL } : {}),
    ...(env.FLEET_SQLITE_BINDING ? { sqliteBinding: env.FLEET_SQLITE_BINDING } : {}),
  };
}
