/**
 * Imports, as the app and the CLI start them: one entry point for new imports, resumes, restarts
 * and retries of failed rows.
 *
 * Starting answers at once with a job id; the job waits in the queue (files run one after
 * another) and is run by the runner the shell chose: a worker thread in the app (main keeps
 * answering lookups), this process in the CLI. This service checks a request before queueing it
 * and owns its jobs (heartbeat; jobs an owner left behind become `interrupted` when the service
 * starts); `import-run-lifecycle` runs a queued job and announces its end.
 */
import path from 'node:path';
import type { ImportJobSummary, ImportProgress, ImportReportPage, ImportStartAnswer } from '../../../shared/import/import-contract';
import { mappedVinColumn, type ColumnMapping } from '../../../shared/fleet-fields/column-mapping';
import type { ChooseSavePath } from '../export/export-handlers';
import type { TempJournal } from '../files/pending-temp-files';
import { AppFailure } from '../ipc/app-failure';
import type { Logger } from '../logging/logger';
import { withProposedMapping } from './column-mapping';
import { assertSameFile } from './file-identity';
import { decryptionFor } from './import-decryption';
import type { ImportJobRecord } from './import-job-record';
import { progressOf, summaryOf, type Notification } from './import-notifications';
import type { FilePreview } from './import-preview';
import { createImportQueue } from './import-queue';
import type { ImportRunner } from './import-runner';
import { importRuns, type QueueEntry } from './import-run-lifecycle';
import type { ImportStores } from './import-stores';
import { isJobOrphaned, processOwner, startHeartbeat } from './job-ownership';
import type { KeyStore } from './key-store';
import { isEncryptedPath, type Decryption } from './openpgp-file';
import { writeRejectsCsv } from './rejects-report';
import { assertRetryable } from './retry-failed';

export type { Notification } from './import-notifications';

export interface ImportServiceDeps {
  readonly stores: ImportStores;
  /** Runs a queued job: `workerRunner` (app) or `inProcessRunner` (CLI). */
  readonly runner: ImportRunner;
  /** The embedded database's file, when there is one (a saved report must never replace it). */
  readonly databasePath?: string;
  readonly logger: Logger;
  readonly now: () => Date;
  readonly keyStore: KeyStore;
  readonly chooseSavePath: ChooseSavePath;
  readonly emitProgress: (progress: ImportProgress) => void;
  readonly emitFinished: (summary: ImportJobSummary) => void;
  /** Vehicles were written (throttled): the fleet table should re-query. */
  readonly onVehiclesChanged: (count: number) => void;
  readonly notify?: (notification: Notification) => void;
  /** Taskbar progress: 0..1, or -1 to remove it (Electron's `BrowserWindow.setProgressBar`). */
  readonly setProgressBar?: (fraction: number) => void;
  readonly chunkSize?: number;
  /** Least time between two progress events of a job (default 100 ms: ~10 a second). */
  readonly progressIntervalMs?: number;
  /** The data folder's journal of temporary files (a killed report save's is removed at the next start). */
  readonly journal?: TempJournal;
}

export interface StartRequest {
  /** A path main resolved itself (a grant's, the CLI's argument's), never one from the page. */
  readonly path: string;
  readonly vinColumn?: string;
  readonly refresh?: boolean;
  readonly passphrase?: string;
  /** A key and passphrase the shell already holds (the CLI's `--key`), instead of the key store's key. */
  readonly decryption?: Decryption;
  readonly mapping?: ColumnMapping;
  readonly sheet?: number | string;
  /** Rows per transaction for this job (default: the service's). */
  readonly chunkSize?: number;
}

/** How a stopped job is continued: the passphrase for the key store's key, or the shell's own key. */
export interface ContinueOptions {
  readonly passphrase?: string;
  readonly decryption?: Decryption;
  readonly chunkSize?: number;
}

export interface PreviewOptions {
  readonly decryption?: Decryption;
  readonly sheet?: number | string;
}

export interface ImportService {
  /** A file's preview with its proposed mapping; `unlock`: the key store's passphrase, or the shell's own key. */
  preview(file: string, unlock?: string | PreviewOptions): Promise<FilePreview>;
  start(request: StartRequest): Promise<ImportStartAnswer>;
  /** Continue a stopped job from its cursor; FILE_CHANGED when its file is not the one it started on. */
  resume(jobId: string, passphrase?: string | ContinueOptions): Promise<ImportStartAnswer>;
  /** Import a stopped job's file again as a new job from row 1 (same VIN column and refresh choice). */
  restart(jobId: string, passphrase?: string): Promise<ImportStartAnswer>;
  /**
   * Queue a re-decode of a stopped job's failed rows (vPIC, offline fallback): recovered rows are
   * stored and leave the report, `failed` moves to `added`. `import:finished` reports the result.
   */
  retryFailed(jobId: string, options?: { readonly chunkSize?: number }): Promise<ImportStartAnswer>;
  cancel(jobId: string): Promise<{ cancelled: boolean }>;
  job(jobId: string): Promise<ImportJobRecord>;
  jobs(limit?: number): Promise<ImportJobSummary[]>;
  /**
   * The error a job's last run in this process failed with (the CLI's exit code tells a locked
   * database and a full disk apart); undefined after a worker's run or a success.
   */
  failureCause(jobId: string): unknown;
  report(jobId: string, offset?: number, limit?: number): Promise<ImportReportPage>;
  saveReport(jobId: string): Promise<{ path: string | null; rows: number }>;
  /** Resolves when the queue is empty and nothing runs (tests, bench, the CLI). */
  whenIdle(): Promise<void>;
  /** Stop the running job (it becomes `interrupted`), forget the queue. */
  close(): Promise<void>;
}


export async function createImportService(deps: ImportServiceDeps): Promise<ImportService> {
  const { logger, now } = deps;
  const jobsStore = deps.stores.importJobs;
  const owner = processOwner();
  // Only jobs whose owner is gone (or silent): another live app, CLI or machine keeps its jobs.
  const interrupted = await jobsStore.markInterrupted(now(), (job) => isJobOrphaned(job, { self: owner, now: now() }));
  if (interrupted > 0) logger.info({ interrupted }, 'import jobs left running are now interrupted');
  // Heartbeat for our running and queued jobs, so other processes see them as alive.
  const stopHeartbeat = startHeartbeat(
    () => jobsStore.heartbeat(owner, now()),
    (error) => logger.warn({ err: error }, 'import heartbeat failed'),
  );
  let closed = false;
  const failureCauses = new Map<string, unknown>();
  const runs = importRuns({
    ...deps,
    owner,
    isClosed: () => closed,
    queueLength: () => queue.length,
    onRunFailed: (jobId, cause) => failureCauses.set(jobId, cause),
  });
  const queue = createImportQueue<QueueEntry>(runs.run, (entry, error) => {
    logger.error({ err: error, jobId: entry.jobId }, 'import run failed');
    return runs.failUnstarted(entry, error);
  });

  async function requireJob(jobId: string): Promise<ImportJobRecord> {
    const job = await jobsStore.get(jobId);
    if (!job) throw new AppFailure('NOT_FOUND', `There is no import job ${jobId}.`);
    return job;
  }

  /** A job this service has queued or is running (for an import, a resume or a retry). */
  const busy = (jobId: string): boolean => queue.holds(jobId, (e) => e.ended === true);

  async function enqueue(entry: QueueEntry): Promise<ImportStartAnswer> {
    const job = await requireJob(entry.jobId);
    deps.emitProgress(progressOf(job));
    failureCauses.delete(entry.jobId);
    const position = queue.push(entry);
    return { jobId: entry.jobId, position };
  }

  async function decryptionOf(file: string, options: { readonly passphrase?: string; readonly decryption?: Decryption }): Promise<Decryption | undefined> {
    if (options.decryption) return isEncryptedPath(file) ? options.decryption : undefined;
    return decryptionFor(deps.keyStore, file, options.passphrase);
  }

  /** Check a file can be read (and its VIN column is clear unless given), then queue a new job for it. */
  async function queueImport(request: StartRequest): Promise<ImportStartAnswer> {
    const file = path.resolve(request.path);
    const decryption = await decryptionOf(file, request);
    // A mapping that names the VIN column is the user's choice of it.
    const mappedVin = request.mapping ? mappedVinColumn(request.mapping) : null;
    const vinColumn = request.vinColumn ?? mappedVin ?? undefined;
    if (vinColumn === undefined) {
      // Refuse now, not in the run, when the file cannot be read or decrypted or its VIN
      // column needs the user's choice — encrypted or not.
      const preview = await deps.runner.preview(file, decryption, request.sheet);
      if (!preview.confident) {
        throw new AppFailure('INVALID_INPUT', 'It is not clear which column holds the VINs: choose one in the preview.', [
          { path: 'vinColumn', message: 'choose the VIN column' },
        ]);
      }
    }
    const job = await jobsStore.create(
      {
        owner,
        filePath: file,
        fileName: path.basename(file),
        options: {
          ...(vinColumn !== undefined ? { vinColumn } : {}),
          refresh: request.refresh ?? false,
          encrypted: decryption !== undefined,
          ...(request.mapping !== undefined ? { mapping: request.mapping } : {}),
          ...(request.sheet !== undefined ? { sheet: request.sheet } : {}),
        },
      },
      now(),
    );
    logger.info({ jobId: job.jobId, file: job.fileName }, 'import queued');
    return enqueue({
      jobId: job.jobId,
      mode: 'import',
      ...(decryption ? { decryption } : {}),
      ...(request.chunkSize ? { chunkSize: request.chunkSize } : {}),
      cancelRequested: false,
    });
  }

  return {
    async preview(file, unlock) {
      const options: PreviewOptions = typeof unlock === 'object' ? unlock : {};
      const passphrase = typeof unlock === 'string' ? unlock : undefined;
      // Without a passphrase an encrypted file's preview says it needs one (no key store asked).
      const decryption =
        options.decryption ?? (passphrase === undefined && isEncryptedPath(file) ? undefined : await decryptionFor(deps.keyStore, file, passphrase));
      return withProposedMapping(deps.stores.mappings, await deps.runner.preview(file, decryption, options.sheet));
    },

    start: (request) => queueImport(request),

    async retryFailed(jobId, options = {}) {
      const job = await requireJob(jobId);
      if (busy(jobId)) throw new AppFailure('INVALID_INPUT', `The import ${jobId} is already queued or running.`);
      assertRetryable(job);
      logger.info({ jobId, failed: job.counts.failed }, 'retry of failed rows queued');
      return enqueue({ jobId, mode: 'retryFailed', ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}), cancelRequested: false });
    },

    async resume(jobId, continueWith) {
      const options: ContinueOptions = typeof continueWith === 'string' ? { passphrase: continueWith } : (continueWith ?? {});
      const job = await requireJob(jobId);
      if (!job.resumable || busy(jobId)) {
        throw new AppFailure('INVALID_INPUT', `The import ${jobId} is ${busy(jobId) ? 'queued' : job.state}; only interrupted, cancelled or failed imports can be resumed.`);
      }
      // Refused at once when the file changed: the run checks again before reading on.
      await assertSameFile(job.file, job.options.fileIdentity, job.rowsCommitted);
      const decryption = await decryptionOf(job.file, options);
      await jobsStore.setState(jobId, 'queued', now(), null, owner);
      return enqueue({
        jobId,
        mode: 'import',
        ...(decryption ? { decryption } : {}),
        ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}),
        cancelRequested: false,
      });
    },

    async restart(jobId, passphrase) {
      const job = await requireJob(jobId);
      if (busy(jobId)) throw new AppFailure('INVALID_INPUT', `The import ${jobId} is queued or running; wait for it to stop first.`);
      return queueImport({
        path: job.file,
        ...(job.options.vinColumn !== undefined ? { vinColumn: job.options.vinColumn } : {}),
        refresh: job.options.refresh ?? false,
        ...(job.options.mapping !== undefined ? { mapping: job.options.mapping } : {}),
        ...(job.options.sheet !== undefined ? { sheet: job.options.sheet } : {}),
        ...(passphrase !== undefined ? { passphrase } : {}),
      });
    },

    async cancel(jobId) {
      await requireJob(jobId);
      const removed = queue.take(jobId);
      if (removed) {
        // A queued retry leaves the job as it was; a queued import becomes cancelled.
        if (removed.mode !== 'retryFailed') await jobsStore.setState(jobId, 'cancelled', now());
        const job = await requireJob(jobId);
        deps.emitProgress(progressOf(job));
        deps.emitFinished(summaryOf(job));
        return { cancelled: true };
      }
      const running = queue.running;
      if (running?.jobId === jobId) {
        running.cancelRequested = true;
        running.run?.cancel();
        return { cancelled: true };
      }
      return { cancelled: false };
    },

    job: (jobId) => requireJob(jobId),

    failureCause: (jobId) => failureCauses.get(jobId),

    jobs: async (limit = 100) => (await jobsStore.list(limit)).map(summaryOf),

    async report(jobId, offset = 0, limit = 100) {
      await requireJob(jobId);
      return { jobId, total: await jobsStore.countRejects(jobId), offset, rejects: await jobsStore.listRejects(jobId, offset, limit) };
    },

    async saveReport(jobId) {
      const job = await requireJob(jobId);
      const base = job.fileName.replace(/\.(csv|txt|tsv|gpg|pgp|asc)$/gi, '');
      const target = await deps.chooseSavePath({
        defaultName: `${base}-rejects.csv`,
        filters: [{ name: 'CSV', extensions: ['csv'] }],
      });
      if (target === null) return { path: null, rows: 0 };
      try {
        const rows = await writeRejectsCsv(jobsStore, jobId, target, {
          ...(deps.databasePath !== undefined ? { databasePath: deps.databasePath } : {}),
          ...(deps.journal ? { journal: deps.journal } : {}),
        });
        return { path: target, rows };
      } catch (error) {
        // Already a clear answer (the live database refused, a file system error named).
        if (error instanceof AppFailure) throw error;
        throw new AppFailure('FILE_ERROR', `The report could not be written to ${target}: ${(error as Error).message}`);
      }
    },

    whenIdle: () => queue.whenIdle(),

    async close() {
      closed = true;
      stopHeartbeat();
      const current = queue.running;
      queue.close();
      if (current?.run) {
        await current.run.stop();
        const job = await jobsStore.get(current.jobId);
        if (job && (job.state === 'running' || job.state === 'queued')) await jobsStore.setState(current.jobId, 'interrupted', now());
      }
    },
  };
}
