/**
 * Electron main process: a thin shell around the plain-Node core.
 *
 * It owns the window, the app:// protocol, the security settings and the IPC registration;
 * everything the app actually does lives in `electron/core/` and is reached through `dispatch`.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, net, Notification, protocol, safeStorage, session, shell } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { createAppContext, type AppContext, type EmitEvent } from '../core/app/app-context';
import { dataPaths } from '../core/app/data-paths';
import { nhtsaSettingsFromEnv, vpicSettingsFromEnv } from '../core/app/env-settings';
import { selectNativeBinding } from '../core/storage/sqlite/db/native-binding';
import { createLogger } from '../core/logging/logger';
import { freeNameIn } from '../core/export/export-handlers';
import type { SecretStore } from '../core/import/key-store';
import { savedStorageLocation } from '../core/settings/team-database-settings';
import { resolveStorageLocation, type ResolvedStorageLocation } from '../core/storage/resolve-storage-location';
import { describeLocation } from '../core/storage/storage-location';
import { createAppProtocolHandler } from './app-protocol';
import { registerDroppedFilesHandler, registerInvokeHandlers, sendEvent } from './ipc-main';
import { askTeamServerUnreachable } from './team-server-prompt';
import { askDatabaseRecovery, offerRecoveryWhileRunning } from './database-recovery';
import { devOverrides } from './dev-overrides';
import { appMenuTemplate } from './menu';
import { APP_SCHEME, denyAllPermissions, enforceCsp, hardenWebContents, isAllowedExternalUrl, trustedOrigins } from './security';
import { createMainWindow } from './window';

// Every renderer sandboxed, whatever a window's options say (Electron security checklist item 4);
// it must be called before the app is ready.
app.enableSandbox();

// The app:// scheme must be privileged before `ready` (standard + secure: a real origin, no file://).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

// Tests and administrators may point the app at another data folder or vPIC URL.
if (process.env.FLEET_DATA_DIR) app.setPath('userData', path.resolve(process.env.FLEET_DATA_DIR));

const overrides = devOverrides(process.env, app.isPackaged);
const devServerUrl = overrides.devServerUrl;
const trusted = trustedOrigins(devServerUrl);
const rendererDir = path.join(__dirname, '../renderer');

let mainWindow: BrowserWindow | null = null;
let context: AppContext | null = null;

if (!app.requestSingleInstanceLock()) {
  // A second instance would open the same SQLite file twice; hand over to the first one.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  // Every web contents, the main window's included, is hardened once, here.
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, trusted, (url) => {
      if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    });
  });
  app.on('window-all-closed', () => app.quit());
  // Close the core before exiting: stop the import worker cleanly and let SQLite checkpoint its
  // WAL. will-quit is held once for that, then the quit goes on.
  app.on('will-quit', (event) => {
    const closing = context;
    if (!closing) return;
    context = null;
    event.preventDefault();
    closing
      .close()
      .catch((error: unknown) => closing.logger.error({ err: error }, 'closing the core failed'))
      .finally(() => app.quit());
  });
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  const paths = dataPaths(app.getPath('userData'));
  const logger = createLogger({ logDir: paths.logDir, level: 'info' });

  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir, (fileUrl) => net.fetch(fileUrl)));
  denyAllPermissions(session.defaultSession);
  enforceCsp(session.defaultSession);

  const binding = selectNativeBinding(process.versions, app.getAppPath(), fs.existsSync, overrides.sqliteBinding);
  if (binding.kind === 'missing') {
    dialog.showErrorBox('Fleet VIN Lookup cannot open its database', binding.message);
    app.exit(1);
    return;
  }

  // Encryption at rest through the OS keychain: the import key and the team database's password.
  const secretStore: SecretStore = {
    isAvailable: () => safeStorage.isEncryptionAvailable(),
    encrypt: (text) => safeStorage.encryptString(text),
    decrypt: (data) => safeStorage.decryptString(data),
  };
  // Where the fleet is stored: FLEET_DATABASE_URL over the team server saved in Settings over
  // the SQLite file. Logged without the password, so support can tell which one a desk uses.
  let storage: ResolvedStorageLocation;
  try {
    storage = resolveStorageLocation({
      envUrl: process.env.FLEET_DATABASE_URL,
      saved: savedStorageLocation(paths.dataDir, secretStore),
      defaultSqlitePath: paths.databasePath,
    });
  } catch (error) {
    logger.error({ err: error }, 'storage location refused');
    dialog.showErrorBox('Fleet VIN Lookup cannot start', error instanceof Error ? error.message : String(error));
    app.exit(1);
    return;
  }
  logger.info({ storage: { source: storage.source, location: describeLocation(storage.location) } }, 'storage location');

  const emit: EmitEvent = (channel, payload) => {
    if (mainWindow) sendEvent(mainWindow.webContents, channel, payload);
  };
  // A database the app cannot use (damaged, from a newer version, unreadable) gets a prompt
  // with a way out: move it aside and try once more with a fresh file.
  for (let attempt = 1; ; attempt++) {
    try {
      context = await createAppContext({
        dataDir: paths.dataDir,
        runtime: 'electron',
        version: app.getVersion(),
        logger,
        emit,
        ...vpicSettingsFromEnv(process.env),
        ...nhtsaSettingsFromEnv(process.env),
        ...(binding.kind === 'electron' ? { nativeBinding: binding.path } : {}),
        // The native save dialog, attached to the window (modal), starting in Documents.
        chooseSavePath: async ({ defaultName, filters }) => {
          const options = {
            // Numbered when taken, so accepting the proposal never replaces an earlier export.
            defaultPath: path.join(app.getPath('documents'), freeNameIn(app.getPath('documents'), defaultName)),
            filters: filters.map((f) => ({ name: f.name, extensions: [...f.extensions] })),
            properties: ['createDirectory', 'showOverwriteConfirmation'] as ('createDirectory' | 'showOverwriteConfirmation')[],
          };
          const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
          return result.canceled || !result.filePath ? null : result.filePath;
        },
        // File › Import…: the native open dialog, several files at once.
        chooseOpenPaths: async ({ title, filters }) => {
          const options = {
            title,
            filters: filters.map((f) => ({ name: f.name, extensions: [...f.extensions] })),
            properties: ['openFile', 'multiSelections'] as ('openFile' | 'multiSelections')[],
          };
          const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
          return result.canceled ? [] : result.filePaths;
        },
        showItemInFolder: (file) => shell.showItemInFolder(file),
        storage: storage.location,
        storageSource: storage.source,
        // Import collaborators: the key at rest via the OS keychain, a notification when an
        // import ends, and the taskbar progress bar.
        secretStore,
        notify: ({ title, body }) => {
          if (Notification.isSupported()) new Notification({ title, body }).show();
        },
        setProgressBar: (fraction) => mainWindow?.setProgressBar(fraction),
        // A damaged database met while running: offer to move it aside and restart.
        onDatabaseDamaged: (damage) =>
          void offerRecoveryWhileRunning(damage, paths.databasePath, logger, {
            closeCore: async () => {
              const closing = context;
              context = null;
              await closing?.close();
            },
            relaunch: () => {
              app.relaunch();
              app.exit(0);
            },
          }),
      });
      break;
    } catch (error) {
      logger.error({ err: error }, 'startup failed');
      if (storage.location.kind === 'postgres') {
        // A server's problems are the server's: never offer to move a local file aside for them.
        const choice = askTeamServerUnreachable(error, describeLocation(storage.location), logger);
        if (choice === 'retry') continue;
        if (choice === 'local') {
          storage = { location: { kind: 'sqlite', path: paths.databasePath }, source: 'default' };
          continue;
        }
        app.exit(1);
        return;
      }
      const recovery = attempt === 1 ? askDatabaseRecovery(error, paths.databasePath, logger) : null;
      if (recovery === 'retry') continue;
      if (recovery === null) {
        dialog.showErrorBox('Fleet VIN Lookup cannot start', error instanceof Error ? error.message : String(error));
      }
      app.exit(1);
      return;
    }
  }
  registerInvokeHandlers(ipcMain, context.dispatch, trusted, logger);
  registerDroppedFilesHandler(ipcMain, context.grants, trusted, logger);
  mainWindow = createMainWindow({
    preloadPath: path.join(__dirname, '../preload/index.cjs'),
    boundsFile: path.join(paths.dataDir, 'window-state.json'),
    ...(devServerUrl ? { devServerUrl } : {}),
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate({
        appName: app.getName(),
        isMac: process.platform === 'darwin',
        isPackaged: app.isPackaged,
        send: (command) => {
          if (mainWindow) sendEvent(mainWindow.webContents, 'app:menu', { command });
        },
        openLogsFolder: () => void shell.openPath(paths.logDir),
        showAbout: () => app.showAboutPanel(),
      }),
    ),
  );
}
