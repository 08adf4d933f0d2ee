/**
 * The core, assembled: the fleet's store, services and the contract's handlers.
 *
 * The three shells — the Electron main process, the `vinlookup` CLI and the e2e web host — each
 * build one of these with their own paths, logger and event sink, then talk to it only through
 * `dispatch` (IPC) or `services` (CLI). Side effects that need Electron (dialogs, the OS's
 * secret store, notifications) come in as collaborators, so the core never imports Electron.
 */
import type { AppInfo } from '../../../shared/ipc/app-info';
import type { EventChannel, EventContract } from '../../../shared/ipc/contract';
import type { VehiclesChanged } from '../../../shared/vehicles/vehicles-contract';
import type { FleetStore } from '../storage/fleet-store';
import { openFleetStore } from '../storage/open-fleet-store';
import type { StorageError } from '../storage/storage-error';
import { describeLocation, type StorageLocation } from '../storage/storage-location';
import {
  createExportHandlers,
  saveIntoExportsFolder,
  type ChooseSavePath,
  type ShowItemInFolder,
} from '../export/export-handlers';
import { createFileGrants, type FileGrants } from '../import/file-grants';
import { createImportHandlers, type ChooseOpenPaths } from '../import/import-handlers';
import { inProcessRunner } from '../import/import-in-process';
import { createImportService, type ImportService, type Notification } from '../import/import-service';
import { workerRunner } from '../import/import-worker-relay';
import { createKeyStore, type SecretStore } from '../import/key-store';
import { createTempJournal, sweepPendingTempFiles } from '../files/pending-temp-files';
import { createDispatch, type Dispatch, type Handlers } from '../ipc/dispatch';
import { createDrainingDispatch } from '../ipc/draining-dispatch';
import type { Logger } from '../logging/logger';
import { onlineBatchDecoder } from '../lookup/decode-with-fallback';
import { createLookupService, type LookupService } from '../lookup/lookup-service';
import { createOfflineDecoder, snapshotOpenerFor, type OfflineDecoder } from '../lookup/offline-decoder';
import { createVpicClient, type VpicClient, type VpicClientOptions } from '../lookup/vpic-client';
import { createOverviewHandlers } from '../overview/overview-handlers';
import { createRecallsClient, type RecallsClientOptions } from '../recalls/recalls-client';
import { createRecallsHandlers } from '../recalls/recalls-handlers';
import { createRecallsService, type RecallsService } from '../recalls/recalls-service';
import { createSettingsHandlers } from '../settings/settings-handlers';
import { createTeamDatabaseSettings } from '../settings/team-database-settings';
import type { StorageLocationSource } from '../storage/resolve-storage-location';
import { createVehicleHandlers } from '../vehicles/vehicle-handlers';
import { createAppHandlers } from './app-handlers';
import { dataPaths, type DataPaths } from './data-paths';
import { relayVehicleChanges } from './vehicle-change-relay';

export type EmitEvent = <E extends EventChannel>(channel: E, payload: EventContract[E]) => void;

export interface AppContextOptions {
  readonly dataDir: string;
  readonly databasePath?: string;
  /**
   * Where the fleet is stored (the shell resolves it: CLI flag, FLEET_DATABASE_URL, Settings);
   * default the SQLite file `databasePath` (in the data folder).
   */
  readonly storage?: StorageLocation;
  readonly runtime: AppInfo['runtime'];
  readonly version: string;
  readonly logger: Logger;
  readonly emit: EmitEvent;
  /** Electron-ABI better-sqlite3 build (desktop app only). */
  readonly nativeBinding?: string;
  /** vPIC base URL; default NHTSA's. */
  readonly vpicUrl?: string;
  /** Politeness and resilience settings for the vPIC client (tests shorten timeouts). */
  readonly vpicOptions?: Omit<VpicClientOptions, 'baseUrl' | 'onRequest'>;
  /** Base URL of NHTSA's API (recalls); default https://api.nhtsa.gov. */
  readonly nhtsaApiUrl?: string;
  /** Politeness settings of the recalls client (tests shorten timeouts). */
  readonly recallsOptions?: Omit<RecallsClientOptions, 'baseUrl' | 'onRequest'>;
  /** Recalls answers older than this are fetched again (default 7 days). */
  readonly recallsMaxAgeMs?: number;
  /** Never ask vPIC (nor NHTSA's recalls API): decode with the offline snapshot only. */
  readonly offline?: boolean;
  readonly now?: () => Date;
  /** Where to save an export (the native save dialog); default `<dataDir>/exports/<defaultName>`. */
  readonly chooseSavePath?: ChooseSavePath;
  /** File › Import…'s native open dialog; without it `import:chooseFiles` answers no paths. */
  readonly chooseOpenPaths?: ChooseOpenPaths;
  /** Reveal an exported file in the file manager; default does nothing (no desktop). */
  readonly showItemInFolder?: ShowItemInFolder;
  /** Encryption at rest for the import key (Electron's safeStorage); without it no key can be imported. */
  readonly secretStore?: SecretStore;
  /** A system notification (Electron's Notification); imports announce their counts when done. */
  readonly notify?: (notification: Notification) => void;
  /** Taskbar progress 0..1, -1 to clear (BrowserWindow.setProgressBar). */
  readonly setProgressBar?: (fraction: number) => void;
  /** How long each database connection waits for another's write lock (default 30 s; the CLI's --busy-timeout). */
  readonly busyTimeoutMs?: number;
  /**
   * A request met a damaged database while the app was running: the shell offers the recovery
   * path (move it aside and restart). Called once per run; an `app:notice` is sent as well.
   */
  readonly onDatabaseDamaged?: (error: StorageError) => void;
  /**
   * Run imports in this process instead of a worker thread: the CLI has no window to keep
   * responsive (and its bundle ships no worker). Default false.
   */
  readonly importsInProcess?: boolean;
  /** Data rows per import transaction (default 500; tests use less). */
  readonly importChunkSize?: number;
  /** Who chose `storage`: Settings › Team database says when an administrator's flag or variable overrides it. */
  readonly storageSource?: StorageLocationSource;
}

export interface AppServices {
  readonly lookup: LookupService;
  readonly vpic: VpicClient | null;
  /** The offline decoder, created (and its snapshot unpacked) on first use. */
  readonly offlineDecoder: () => Promise<OfflineDecoder>;
  /** Fleet CSV imports (queue in main, worker threads). */
  readonly imports: ImportService;
  /** Recalls per make/model/year from NHTSA, cached. */
  readonly recalls: RecallsService;
}

export interface AppContext {
  readonly paths: DataPaths;
  /** The fleet's persistence: services and handlers see this, never a driver. */
  readonly store: FleetStore;
  readonly services: AppServices;
  readonly handlers: Handlers;
  readonly dispatch: Dispatch;
  /**
   * Grants for files the user chose (main's open dialog, a drop registered by the preload, the
   * CLI's arguments): the only way a file channel names a file.
   */
  readonly grants: FileGrants;
  readonly logger: Logger;
  close(): Promise<void>;
}

export async function createAppContext(options: AppContextOptions): Promise<AppContext> {
  const paths = dataPaths(options.dataDir, options.databasePath);
  const logger = options.logger;
  const now = options.now ?? (() => new Date());
  // Hidden temporary files of exports and backups a killed process left in the user's folders.
  const orphans = sweepPendingTempFiles(paths.pendingWritesDir);
  if (orphans.length > 0) logger.info({ removed: orphans }, 'removed temporary files of interrupted writes');
  const chosen: StorageLocation = options.storage ?? { kind: 'sqlite', path: paths.databasePath };
  // A SQLite file is opened with this runtime's native build and the shell's busy timeout,
  // whoever chose it.
  const storage: StorageLocation =
    chosen.kind === 'sqlite'
      ? {
          ...chosen,
          ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
          ...(options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {}),
        }
      : chosen;
  const store = await openFleetStore(storage);

  const vpic = options.offline
    ? null
    : createVpicClient({
        ...options.vpicOptions,
        ...(options.vpicUrl ? { baseUrl: options.vpicUrl } : {}),
        now,
        // One log line per vPIC request: status and duration, never the payload.
        onRequest: (info) => logger.info({ vpic: info }, 'vpic request'),
      });
  vpic?.onStatus((status) => options.emit('vpic:status', status));

  let offlineDecoder: Promise<OfflineDecoder> | null = null;
  const getOfflineDecoder = (): Promise<OfflineDecoder> => {
    offlineDecoder ??= createOfflineDecoder({
      dataDir: paths.dataDir,
      now,
      logger,
      openDatabase: snapshotOpenerFor(options.nativeBinding),
    }).catch((error: unknown) => {
      offlineDecoder = null; // let a later call try again
      throw error;
    });
    return offlineDecoder;
  };

  // Every change this process makes reaches its window and the other desks sharing the store;
  // theirs reach this window (the table refreshes on `vehicles:changed`).
  const changes = relayVehicleChanges({ store, emit: (change) => options.emit('vehicles:changed', change), logger });
  const onChanged = (change: VehiclesChanged): void => changes.changed(change);
  const lookup = createLookupService({ vehicles: store.vehicles, vpic, offline: getOfflineDecoder, now, logger, onChanged });

  const recallsClient = options.offline
    ? null
    : createRecallsClient({
        ...options.recallsOptions,
        ...(options.nhtsaApiUrl ? { baseUrl: options.nhtsaApiUrl } : {}),
        now,
        onRequest: (info) => logger.info({ recalls: info }, 'recalls request'),
      });
  const recalls = createRecallsService({
    recalls: store.recalls,
    client: recallsClient,
    ...(options.recallsMaxAgeMs === undefined ? {} : { maxAgeMs: options.recallsMaxAgeMs }),
    now,
    logger,
    onChanged: (count) => onChanged({ reason: 'recalls', count }),
  });

  const keyStore = createKeyStore({ dataDir: paths.dataDir, ...(options.secretStore ? { secretStore: options.secretStore } : {}) });
  const chooseSavePath = options.chooseSavePath ?? saveIntoExportsFolder(paths.dataDir);
  const grants = createFileGrants();
  const decodeOnline = onlineBatchDecoder(vpic);
  const imports = await createImportService({
    stores: store,
    runner:
      options.importsInProcess === true
        ? inProcessRunner({ stores: store, decodeOnline, offline: getOfflineDecoder, now, logger })
        : workerRunner({
            // The worker opens its own store on the same location (with its password: store.location has none).
            location: storage,
            dataDir: paths.dataDir,
            ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
            decodeOnline,
            logger,
          }),
    databasePath: paths.databasePath,
    logger,
    now,
    keyStore,
    journal: createTempJournal(paths.pendingWritesDir),
    chooseSavePath,
    emitProgress: (progress) => options.emit('import:progress', progress),
    emitFinished: (summary) => {
      // Every import is logged with its counts (the file's name, never its rows or a passphrase).
      logger.info({ import: { jobId: summary.jobId, state: summary.state, file: summary.fileName, counts: summary.counts } }, 'import finished');
      options.emit('import:finished', summary);
    },
    onVehiclesChanged: (count) => onChanged({ reason: 'import', count }),
    ...(options.notify ? { notify: options.notify } : {}),
    ...(options.setProgressBar ? { setProgressBar: options.setProgressBar } : {}),
    ...(options.importChunkSize ? { chunkSize: options.importChunkSize } : {}),
  });

  const info = (): AppInfo => ({
    name: 'Fleet VIN Lookup',
    version: options.version,
    dataDir: paths.dataDir,
    databasePath: describeLocation(storage),
    storage: storage.kind,
    logDir: paths.logDir,
    runtime: options.runtime,
  });
  const handlers: Handlers = {
    ...createAppHandlers({
      info,
      store,
      chooseSavePath,
      now,
      logger,
      journal: createTempJournal(paths.pendingWritesDir),
    }),
    ...createVehicleHandlers({
      store,
      lookup,
      onChanged,
      onRemovalProgress: (progress) => options.emit('vehicles:removalProgress', progress),
    }),
    ...createImportHandlers({ imports, keyStore, grants, ...(options.chooseOpenPaths ? { chooseOpenPaths: options.chooseOpenPaths } : {}) }),
    ...createExportHandlers({
      storage,
      tempJournalDir: paths.pendingWritesDir,
      chooseSavePath,
      showItemInFolder: options.showItemInFolder ?? ((file) => logger.info({ file }, 'show in folder (no desktop)')),
      emitProgress: (progress) => options.emit('export:progress', progress),
      logger,
      now,
    }),
    ...createRecallsHandlers({ recalls, emitProgress: (progress) => options.emit('recalls:progress', progress) }),
    ...createOverviewHandlers({ store }),
    ...createSettingsHandlers({
      teamDatabase: createTeamDatabaseSettings({
        dataDir: paths.dataDir,
        ...(options.secretStore ? { secretStore: options.secretStore } : {}),
        ...(options.storageSource === 'cli' || options.storageSource === 'env' ? { overriddenBy: options.storageSource } : {}),
      }),
      logger,
    }),
  };
  let damageReported = false;
  const onDatabaseDamaged = (error: StorageError): void => {
    // Once: every later request would meet the same damage, and one prompt is enough.
    if (damageReported) return;
    damageReported = true;
    options.emit('app:notice', {
      level: 'error',
      message: `${error.message} Until then, what is stored may be incomplete and new lookups may fail.`,
    });
    options.onDatabaseDamaged?.(error);
  };
  const { dispatch, drain } = createDrainingDispatch(createDispatch(handlers, logger, { databasePath: describeLocation(storage), onDatabaseDamaged }));
  return {
    paths,
    store,
    services: { lookup, vpic, offlineDecoder: getOfflineDecoder, imports, recalls },
    handlers,
    dispatch,
    grants,
    logger,
    async close() {
      await imports.close();
      // Then the network clients, so requests waiting on them end at once, and let every running
      // request answer before the database it reads is closed.
      vpic?.close();
      recallsClient?.close();
      await drain();
      // The last changes (an import's final chunk, a request that just answered) still reach the
      // other desks before the store's connections close.
      await changes.close();
      if (offlineDecoder) (await offlineDecoder.catch(() => null))?.close();
      await store.close();
    },
  };
}
