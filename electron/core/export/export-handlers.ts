/**
 * Handlers of the `export:*` channels.
 *
 * Electron-only pieces (the native save dialog, revealing a file in the file manager) arrive as
 * collaborators, so the core stays plain Node and the e2e host and tests pass their own.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  defaultExportName,
  EXPORT_EXTENSIONS,
  nextFreeName,
  type ExportAnswer,
  type ExportFormat,
  type ExportProgress,
} from '../../../shared/export/export-contract';
import type { StorageLocation } from '../storage/storage-location';
import { refuseStoreFiles } from '../storage/store-files';
import type { Handler } from '../ipc/dispatch';
import type { Logger } from '../logging/logger';
import { AppFailure } from '../ipc/app-failure';
import type { ExportJob } from './export-job';
import { runExportInWorker } from './export-service';

export interface SaveDialogFilter {
  readonly name: string;
  readonly extensions: readonly string[];
}

export interface SaveDialogRequest {
  readonly defaultName: string;
  readonly filters: readonly SaveDialogFilter[];
}

/** Ask the user where to save; null when they cancel. */
export type ChooseSavePath = (request: SaveDialogRequest) => Promise<string | null>;
/** Reveal a file in the system file manager. */
export type ShowItemInFolder = (file: string) => void;

export type RunExport = (job: ExportJob, onProgress: (progress: ExportProgress) => void) => Promise<{ rows: number }>;

export interface ExportHandlerDeps {
  /** The store the export worker opens for itself (a connection cannot cross threads). */
  readonly storage: StorageLocation;
  /** Journal of temporary files, so a killed export's is removed at the next start. */
  readonly tempJournalDir?: string;
  readonly chooseSavePath: ChooseSavePath;
  readonly showItemInFolder: ShowItemInFolder;
  readonly emitProgress: (progress: ExportProgress) => void;
  readonly now?: () => Date;
  /** Defaults to the worker-thread export. */
  readonly runExport?: RunExport;
  /** Every export is logged with its format, row count and duration (the file's name, not its folder). */
  readonly logger?: Logger;
}

export interface ExportHandlers {
  'export:run': Handler<'export:run'>;
  'export:showInFolder': Handler<'export:showInFolder'>;
}

const FILTERS: Readonly<Record<ExportFormat, SaveDialogFilter>> = {
  parquet: { name: 'Parquet', extensions: ['parquet'] },
  csv: { name: 'CSV (Excel, spreadsheets)', extensions: ['csv'] },
  xlsx: { name: 'Excel workbook', extensions: ['xlsx'] },
};

/** Linux save dialogs do not add the extension; a name without one gets the format's. */
export function withExtension(file: string, format: ExportFormat): string {
  return path.extname(file) === '' ? `${file}.${EXPORT_EXTENSIONS[format]}` : file;
}

const defaultRunExport: RunExport = (job, onProgress) => runExportInWorker(job, { onProgress });

export function createExportHandlers(deps: ExportHandlerDeps): ExportHandlers {
  const exported = new Set<string>();
  const now = deps.now ?? (() => new Date());
  const runExport = deps.runExport ?? defaultRunExport;

  return {
    'export:run': async (request): Promise<ExportAnswer> => {
      const chosen = await deps.chooseSavePath({
        defaultName: defaultExportName(request.format, now()),
        filters: [FILTERS[request.format]],
      });
      if (chosen === null) throw new AppFailure('CANCELLED', 'The export was cancelled.');
      const target = path.resolve(withExtension(chosen, request.format));
      // Refused here, before a worker starts; the export job's atomic writer refuses it too.
      const refusal = refuseStoreFiles(deps.storage)(target);
      if (refusal !== null) throw new AppFailure('INVALID_INPUT', refusal);
      const started = performance.now();
      const view = request.scope === 'view';
      const filter = view ? (request.filter ?? {}) : {};
      const job: ExportJob = {
        storage: deps.storage,
        target,
        format: request.format,
        filter,
        // The view's columns shape spreadsheets; Parquet keeps its fixed schema for the data team.
        ...(view && request.columns && request.format !== 'parquet' ? { columns: request.columns } : {}),
        ...(view && request.sort ? { sort: request.sort } : {}),
        ...(deps.tempJournalDir ? { tempJournalDir: deps.tempJournalDir } : {}),
      };
      const file = path.basename(target);
      let rows: number;
      try {
        ({ rows } = await runExport(job, deps.emitProgress));
      } catch (error) {
        deps.logger?.warn({ export: { format: request.format, scope: request.scope, file }, err: error }, 'export failed');
        throw error;
      }
      exported.add(target);
      const durationMs = Math.round(performance.now() - started);
      deps.logger?.info({ export: { format: request.format, scope: request.scope, file, rows, durationMs } }, 'export finished');
      return { rows, path: target, format: request.format, durationMs };
    },
    'export:showInFolder': (request) => {
      const target = path.resolve(request.path);
      // Only files this session wrote: the renderer must not be able to probe or reveal arbitrary paths.
      if (!exported.has(target)) {
        throw new AppFailure('INVALID_INPUT', 'Only files exported in this session can be shown in their folder.');
      }
      if (!fs.existsSync(target)) throw new AppFailure('NOT_FOUND', `${target} no longer exists.`);
      deps.showItemInFolder(target);
      return { shown: true };
    },
  };
}

/**
 * The name to propose in `dir`: `defaultName`, else `name (2).ext`, `name (3).ext`… so accepting
 * the proposal never silently replaces an earlier export.
 */
export function freeNameIn(dir: string, defaultName: string, exists: (file: string) => boolean = fs.existsSync): string {
  return nextFreeName(defaultName, (candidate) => exists(path.join(dir, candidate)));
}

/**
 * The save "dialog" where there is no Electron (e2e web host, CLI): `<dataDir>/exports/<defaultName>`,
 * numbered like a desktop dialog's proposal when that name is taken.
 */
export function saveIntoExportsFolder(dataDir: string): ChooseSavePath {
  return async ({ defaultName }) => {
    const dir = path.join(dataDir, 'exports');
    await fs.promises.mkdir(dir, { recursive: true });
    return path.join(dir, freeNameIn(dir, defaultName));
  };
}
