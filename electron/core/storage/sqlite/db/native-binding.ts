/**
 * Which better-sqlite3 native build to load in which runtime.
 *
 * better-sqlite3 is compiled for Node's ABI by `npm ci` (tests and the CLI use it). Electron has
 * its own ABI, so the desktop app loads a separate build that `npm run native:electron` makes
 * with node-gyp (against Electron's headers) into `.native/electron-<abi>/` and passes it through better-sqlite3's
 * `nativeBinding` option. Keeping two builds side by side means neither runtime breaks the other.
 */
import path from 'node:path';

export interface RuntimeVersions {
  /** `process.versions.electron`, absent under plain Node. */
  readonly electron?: string | undefined;
  /** `process.versions.modules`: the ABI number native modules are built for. */
  readonly modules: string;
}

export type NativeBindingChoice =
  | { readonly kind: 'node-default' }
  | { readonly kind: 'electron'; readonly path: string }
  | { readonly kind: 'missing'; readonly path: string; readonly message: string };

export function electronBindingPath(appRoot: string, abi: string): string {
  return path.join(appRoot, '.native', `electron-${abi}`, 'better_sqlite3.node');
}

/**
 * Decide the binding. Under plain Node: better-sqlite3's own build. Under Electron: the
 * Electron-ABI build, or a clear "missing" answer the shell turns into a dialog.
 */
export function selectNativeBinding(
  versions: RuntimeVersions,
  appRoot: string,
  exists: (file: string) => boolean,
  override?: string,
): NativeBindingChoice {
  if (override) {
    return exists(override)
      ? { kind: 'electron', path: override }
      : { kind: 'missing', path: override, message: `FLEET_SQLITE_BINDING points at ${override}, which does not exist.` };
  }
  if (!versions.electron) return { kind: 'node-default' };
  const file = electronBindingPath(appRoot, versions.modules);
  if (exists(file)) return { kind: 'electron', path: file };
  return {
    kind: 'missing',
    path: file,
    message:
      `The Electron build of better-sqlite3 (ABI ${versions.modules}, Electron ${versions.electron}) is missing at ${file}. ` +
      'Run "npm run native:electron" once (npm start does it for you), then start the app again.',
  };
}
