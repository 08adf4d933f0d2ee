/**
 * Imports in the desktop app: a queue in main, one worker thread per running job.
 *
 * Starting answers at once with a job id; parsing, decoding and writing run in a
 * worker (its own SQLite connection) while main keeps answering lookups. Main only relays: vPIC
 * batches through its single client (so the rate cap holds app-wide), progress events (throttled
 * to ~10 a second), the taskbar progress bar and a notification at the end. Files run one after
 * another. Jobs left running by a killed app are marked `interrupted` when the service starts.
 */
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type {
  ImportJobSummary,
  ImportProgress,
  ImportReportPage,
  ImportStartAnswer,
} from '../../../shared/import/import-contract';
import type { ChooseSavePath } from '../export/export-handlers';
import { mappedVinColumn, type ColumnMapping } from '../../../shared/fleet-fields/column-mapping';
import { withProposedMapping } from './column-mapping';
import { AppFailure } from '../ipc/app-failure';
import type { Logger } from '../logging/logger';
import { resolveWorkerEntry, startWorker, type WorkerEntry } from '../workers/start-worker';
import type { Worker } from 'node:worker_threads';
import {
  countRejects,
  createJob,
  getJob,
  HEARTBEAT_INTERVAL_MS,
  listJobs,
  listRejects,
  markInterruptedJobs,
  processOwner,
  setJobState,
  touchOwnedJobs,
  type ImportJobRecord,
} from './import-job-repository';
import { assertRetryable } from './retry-failed';
import { assertSameFile } from './file-identity';
import { previewImport, type FilePreview } from './import-preview';
import type { ImportWorkerData, MainToWorker, OnlineDecodeResult, WorkerToMain } from './import-worker-protocol';
import type { KeyStore } from './key-store';
import { isEncryptedPath, unlockKey, type Decryption } from './openpgp-file';
import { writeRejectsCsv } from './rejects-report';
import type { TempJournal } from '../files/pending-temp-files';
import type { PreviewWorkerData, PreviewWorkerMessage } from './preview-worker-protocol';

export interface Notification {
  readonly title: string;
  readonly body: string;
}

export interface ImportServiceDeps {
  readonly db: Database;
  readonly databasePath: string;
  readonly dataDir: string;
  readonly nativeBinding?: string;
  readonly logger: Logger;
  readonly now: () => Date;
  /** vPIC batch decode on main's one client; failures marked `fallback` are decoded offline by the worker. */
  readonly decodeOnline: (vins: readonly string[]) => Promise<OnlineDecodeResult>;
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
  readonly workerEntry?: WorkerEntry;
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
  readonly mapping?: ColumnMapping;
  readonly sheet?: number | string;
}

export interface ImportService {
  preview(file: string, passphrase?: string): Promise<FilePreview>;
  start(request: StartRequest): Promise<ImportStartAnswer>;
  /** Continue a stopped job from its cursor; FILE_CHANGED when its file is not the one it started on. */
  resume(jobId: string, passphrase?: string): Promise<ImportStartAnswer>;
  /** Import a stopped job's file again as a new job from row 1 (same VIN column and refresh choice). */
  restart(jobId: string, passphrase?: string): Promise<ImportStartAnswer>;
  /**
   * Queue a re-decode of a stopped job's failed rows (vPIC, offline fallback): recovered rows are
   * stored and leave the report, `failed` moves to `added`. `import:finished` reports the result.
   */
  retryFailed(jobId: string): ImportStartAnswer;
  cancel(jobId: string): { cancelled: boolean };
  jobs(limit?: number): ImportJobSummary[];
  report(jobId: string, offset?: number, limit?: number): ImportReportPage;
  saveReport(jobId: string): Promise<{ path: string | null; rows: number }>;
  /** Resolves when the queue is empty and nothing runs (tests, bench). */
  whenIdle(): Promise<void>;
  /** Stop the running worker (its job becomes `interrupted`), forget the queue. */
  close(): Promise<void>;
}

interface QueueEntry {
  readonly jobId: string;
  readonly mode?: 'import' | 'retryFailed';
  readonly decryption?: Decryption;
  worker?: Worker;
  cancelRequested: boolean;
  /** Its worker has exited (the finished event may already be out). */
  exited?: boolean;
}

function summaryOf(job: ImportJobRecord): ImportJobSummary {
  const { options: _options, ...summary } = job;
  void _options;
  return summary;
}

function describeCounts(job: ImportJobSummary): string {
  const c = job.counts;
  const parts = [`${c.added} added`, `${c.updated} updated`];
  if (c.duplicates) parts.push(`${c.duplicates} duplicates`);
  if (c.invalid) parts.push(`${c.invalid} invalid`);
  if (c.failed) parts.push(`${c.failed} failed`);
  return `${job.fileName}: ${parts.join(', ')} (${c.total} rows).`;
}

export function createImportService(deps: ImportServiceDeps): ImportService {
  const { db, logger, now } = deps;
  const interval = deps.progressIntervalMs ?? 100;
  const owner = processOwner();
  // Only jobs whose owning process is gone (or silent): another live app or CLI keeps its jobs.
  const interrupted = markInterruptedJobs(db, now(), { self: owner });
  if (interrupted > 0) logger.info({ interrupted }, 'import jobs left running are now interrupted');
  // Heartbeat for our running and queued jobs, so other processes see them as alive.
  const heartbeat = setInterval(() => {
    try {
      touchOwnedJobs(db, owner, now());
    } catch (error) {
      logger.warn({ err: error }, 'import heartbeat failed');
    }
  }, HEARTBEAT_INTERVAL_MS);
  heartbeat.unref();

  const queue: QueueEntry[] = [];
  let running: QueueEntry | null = null;
  let closed = false;
  let idleWaiters: (() => void)[] = [];
  const workerEntry = (): WorkerEntry => deps.workerEntry ?? resolveWorkerEntry('import-worker', [__dirname]);
  const previewWorkerEntry = (): WorkerEntry => resolveWorkerEntry('preview-worker', [__dirname]);

  function requireJob(jobId: string): ImportJobRecord {
    const job = getJob(db, jobId);
    if (!job) throw new AppFailure('NOT_FOUND', `There is no import job ${jobId}.`);
    return job;
  }

  async function decryptionFor(file: string, passphrase: string | undefined): Promise<Decryption | undefined> {
    if (!isEncryptedPath(file)) return undefined;
    const armoredKey = await deps.keyStore.armoredKey();
    if (armoredKey === null) {
      throw new AppFailure('INVALID_INPUT', 'This file is encrypted: import your OpenPGP private key in Settings first.', [
        { path: 'passphrase', message: 'no key imported' },
      ]);
    }
    if (passphrase === undefined) {
      throw new AppFailure('INVALID_INPUT', 'This file is encrypted: enter the passphrase of your import key.', [
        { path: 'passphrase', message: 'passphrase required' },
      ]);
    }
    const decryption = { armoredKey, passphrase };
    await unlockKey(decryption); // a wrong passphrase fails now, not later in the worker
    return decryption;
  }

  function progressOf(job: ImportJobRecord, extra: Partial<ImportProgress> = {}): ImportProgress {
    return {
      jobId: job.jobId,
      state: job.state,
      fileName: job.fileName,
      counts: job.counts,
      rowsRead: job.rowsCommitted,
      decoded: 0,
      fraction: job.state === 'done' ? 1 : null,
      etaSeconds: null,
      ...extra,
    };
  }

  function settleIdle(): void {
    if (running || queue.length > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
  }

  function pump(): void {
    if (running || closed) return;
    const next = queue.shift();
    if (!next) {
      settleIdle();
      return;
    }
    running = next;
    // Through a promise, so a synchronous throw (worker entry missing, job gone) cannot skip the
    // `finally` below and leave `running` set: that would jam the queue for good.
    Promise.resolve()
      .then(() => runInWorker(next))
      .catch((error: unknown) => {
        logger.error({ err: error, jobId: next.jobId }, 'import worker failed');
        failUnstartedJob(next, error);
      })
      .finally(() => {
        running = null;
        pump();
      });
  }

  /**
   * The preview of a file. A plain file is read here (its first 64 KB); an encrypted one has to be
   * decrypted whole, so that happens in a short-lived worker, never on main's event loop.
   */
  function previewOffMain(file: string, decryption: Decryption | undefined): Promise<FilePreview> {
    if (!decryption) return previewImport(file);
    const worker = startWorker(previewWorkerEntry(), { workerData: { file, decryption } satisfies PreviewWorkerData });
    return new Promise<FilePreview>((resolve, reject) => {
      let answered = false;
      worker.once('message', (message: PreviewWorkerMessage) => {
        answered = true;
        if (message.ok) resolve(message.preview);
        else reject(new AppFailure(message.error.code, message.error.message));
      });
      worker.once('error', (error) => {
        answered = true;
        reject(error);
      });
      worker.once('exit', () => {
        if (!answered) reject(new AppFailure('INTERNAL', 'The preview worker stopped without an answer.'));
      });
    });
  }

  /** A job whose worker never ran must not sit `queued` forever: record why it failed. */
  function failUnstartedJob(entry: QueueEntry, error: unknown): void {
    try {
      const job = getJob(db, entry.jobId);
      if (!job || closed || (job.state !== 'queued' && job.state !== 'running')) return;
      const message = error instanceof Error ? error.message : String(error);
      setJobState(db, entry.jobId, 'failed', now(), { code: 'INTERNAL', message: `The import could not start: ${message}` });
      const failed = getJob(db, entry.jobId);
      if (failed) deps.emitFinished(summaryOf(failed));
    } catch (storageError) {
      logger.error({ err: storageError, jobId: entry.jobId }, 'could not record the failed import');
    }
  }

  function runInWorker(entry: QueueEntry): Promise<void> {
    const job = requireJob(entry.jobId);
    const data: ImportWorkerData = {
      databasePath: deps.databasePath,
      dataDir: deps.dataDir,
      jobId: entry.jobId,
      owner,
      ...(entry.mode === 'retryFailed' ? { mode: 'retryFailed' as const } : {}),
      ...(deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {}),
      ...(deps.chunkSize ? { chunkSize: deps.chunkSize } : {}),
      ...(entry.decryption ? { decryption: entry.decryption } : {}),
    };
    deps.emitProgress(progressOf({ ...job, state: 'running' }));
    const worker = startWorker(workerEntry(), { workerData: data });
    entry.worker = worker;
    if (entry.cancelRequested) worker.postMessage({ type: 'cancel' } satisfies MainToWorker);
    let exited = false;
    let lastProgress = 0;
    let lastChanged = 0;
    let changedPending = 0;
    const post = (message: MainToWorker): void => {
      if (!exited) worker.postMessage(message);
    };

    return new Promise<void>((resolve) => {
      worker.on('message', (message: WorkerToMain) => {
        switch (message.type) {
          case 'decode':
            deps.decodeOnline(message.vins).then(
              (result) => post({ type: 'decoded', id: message.id, result }),
              (error: unknown) => post({ type: 'decodeError', id: message.id, message: error instanceof Error ? error.message : String(error) }),
            );
            break;
          case 'progress': {
            const t = Date.now();
            if (t - lastProgress < interval) break;
            lastProgress = t;
            deps.emitProgress({ ...message.progress, state: 'running', fileName: job.fileName });
            if (message.progress.fraction !== null) deps.setProgressBar?.(message.progress.fraction);
            break;
          }
          case 'committed': {
            changedPending += message.written;
            const t = Date.now();
            if (t - lastChanged >= 500) {
              lastChanged = t;
              deps.onVehiclesChanged(changedPending);
              changedPending = 0;
            }
            break;
          }
          case 'finished':
            if (!message.ok) logger.warn({ jobId: entry.jobId, code: message.error.code }, 'import job failed');
            break;
        }
      });
      worker.on('error', (error) => logger.error({ err: error, jobId: entry.jobId }, 'import worker crashed'));
      worker.on('exit', () => {
        try {
          onWorkerExit();
        } catch (error) {
          // SQLite can fail here (busy, disk full); an exception in an EventEmitter callback would
          // take the whole main process down, so log it and let the queue go on.
          logger.error({ err: error, jobId: entry.jobId }, 'recording the end of an import failed');
        }
        resolve();
      });
      const onWorkerExit = (): void => {
        exited = true;
        entry.exited = true;
        if (changedPending > 0) deps.onVehiclesChanged(changedPending);
        let final = getJob(db, entry.jobId);
        if (final && (final.state === 'running' || final.state === 'queued') && !closed) {
          // The worker died without recording an outcome (a retry leaves the job as it was).
          if (entry.mode === 'retryFailed') setJobState(db, entry.jobId, job.state, now(), job.error);
          else setJobState(db, entry.jobId, 'failed', now(), { code: 'INTERNAL', message: 'The import worker stopped unexpectedly.' });
          final = getJob(db, entry.jobId);
        }
        if (queue.length === 0 && !closed) deps.setProgressBar?.(-1);
        if (final && !closed) {
          const summary = summaryOf(final);
          deps.emitProgress(progressOf(final));
          deps.emitFinished(summary);
          deps.notify?.({
            title:
              entry.mode === 'retryFailed'
                ? 'Retry finished'
                : final.state === 'done'
                  ? 'Import finished'
                  : final.state === 'cancelled'
                    ? 'Import cancelled'
                    : 'Import failed',
            body: final.error ? `${final.fileName}: ${final.error.message}` : describeCounts(summary),
          });
        }
      };
    });
  }

  /** A job this service has queued or is running (for an import, a resume or a retry). */
  function busy(jobId: string): boolean {
    return (running?.jobId === jobId && running.exited !== true) || queue.some((e) => e.jobId === jobId);
  }

  function enqueue(entry: QueueEntry): ImportStartAnswer {
    const position = queue.length + (running ? 1 : 0);
    queue.push(entry);
    const job = requireJob(entry.jobId);
    deps.emitProgress(progressOf(job));
    pump();
    return { jobId: entry.jobId, position };
  }

  /** Check a file can be read (and its VIN column is clear unless given), then queue a new job for it. */
  async function queueImport(request: StartRequest): Promise<ImportStartAnswer> {
    const file = path.resolve(request.path);
    const decryption = await decryptionFor(file, request.passphrase);
    // A mapping that names the VIN column is the user's choice of it.
    const mappedVin = request.mapping ? mappedVinColumn(request.mapping) : null;
    request = mappedVin !== null && request.vinColumn === undefined ? { ...request, vinColumn: mappedVin } : request;
    if (request.vinColumn === undefined) {
      // Refuse now, not in the worker, when the file cannot be read or decrypted or its VIN
      // column needs the user's choice — encrypted or not.
      const preview = await previewOffMain(file, decryption);
      if (!preview.confident) {
        throw new AppFailure('INVALID_INPUT', 'It is not clear which column holds the VINs: choose one in the preview.', [
          { path: 'vinColumn', message: 'choose the VIN column' },
        ]);
      }
    }
    const job = createJob(
      db,
      {
        owner,
        filePath: file,
        fileName: path.basename(file),
        options: {
          ...(request.vinColumn !== undefined ? { vinColumn: request.vinColumn } : {}),
          refresh: request.refresh ?? false,
          encrypted: decryption !== undefined,
          ...(request.mapping !== undefined ? { mapping: request.mapping } : {}),
          ...(request.sheet !== undefined ? { sheet: request.sheet } : {}),
        },
      },
      now(),
    );
    logger.info({ jobId: job.jobId, file: job.fileName }, 'import queued');
    return enqueue({ jobId: job.jobId, ...(decryption ? { decryption } : {}), cancelRequested: false });
  }

  return {
    preview: async (file, passphrase) => {
      const decryption = passphrase === undefined && isEncryptedPath(file) ? undefined : await decryptionFor(file, passphrase);
      return withProposedMapping(db, await previewOffMain(file, decryption));
    },

    start: (request) => queueImport(request),

    retryFailed(jobId) {
      const job = requireJob(jobId);
      if (busy(jobId)) throw new AppFailure('INVALID_INPUT', `The import ${jobId} is already queued or running.`);
      assertRetryable(job);
      logger.info({ jobId, failed: job.counts.failed }, 'retry of failed rows queued');
      return enqueue({ jobId, mode: 'retryFailed', cancelRequested: false });
    },

    async resume(jobId, passphrase) {
      const job = requireJob(jobId);
      if (!job.resumable || busy(jobId)) {
        throw new AppFailure('INVALID_INPUT', `The import ${jobId} is ${busy(jobId) ? 'queued' : job.state}; only interrupted, cancelled or failed imports can be resumed.`);
      }
      // Refused at once when the file changed: the worker checks again before reading on.
      await assertSameFile(job.file, job.options.fileIdentity, job.rowsCommitted);
      const decryption = await decryptionFor(job.file, passphrase);
      setJobState(db, jobId, 'queued', now(), null, owner);
      return enqueue({ jobId, ...(decryption ? { decryption } : {}), cancelRequested: false });
    },

    async restart(jobId, passphrase) {
      const job = requireJob(jobId);
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

    cancel(jobId) {
      requireJob(jobId);
      const index = queue.findIndex((e) => e.jobId === jobId);
      if (index >= 0) {
        const [removed] = queue.splice(index, 1);
        // A queued retry leaves the job as it was; a queued import becomes cancelled.
        if (removed?.mode !== 'retryFailed') setJobState(db, jobId, 'cancelled', now());
        const job = requireJob(jobId);
        deps.emitProgress(progressOf(job));
        deps.emitFinished(summaryOf(job));
        settleIdle();
        return { cancelled: true };
      }
      if (running?.jobId === jobId) {
        running.cancelRequested = true;
        running.worker?.postMessage({ type: 'cancel' } satisfies MainToWorker);
        return { cancelled: true };
      }
      return { cancelled: false };
    },

    jobs: (limit = 100) => listJobs(db, limit).map(summaryOf),

    report(jobId, offset = 0, limit = 100) {
      requireJob(jobId);
      return { jobId, total: countRejects(db, jobId), offset, rejects: listRejects(db, jobId, offset, limit) };
    },

    async saveReport(jobId) {
      const job = requireJob(jobId);
      const base = job.fileName.replace(/\.(csv|txt|tsv|gpg|pgp|asc)$/gi, '');
      const target = await deps.chooseSavePath({
        defaultName: `${base}-rejects.csv`,
        filters: [{ name: 'CSV', extensions: ['csv'] }],
      });
      if (target === null) return { path: null, rows: 0 };
      try {
        const rows = await writeRejectsCsv(db, jobId, target, deps.journal ? { journal: deps.journal } : {});
        return { path: target, rows };
      } catch (error) {
        // Already a clear answer (the live database refused, a file system error named).
        if (error instanceof AppFailure) throw error;
        throw new AppFailure('FILE_ERROR', `The report could not be written to ${target}: ${(error as Error).message}`);
      }
    },

    whenIdle() {
      if (!running && queue.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },

    async close() {
      closed = true;
      clearInterval(heartbeat);
      queue.length = 0;
      const current = running;
      if (current?.worker) {
        await current.worker.terminate();
        const job = getJob(db, current.jobId);
        if (job && (job.state === 'running' || job.state === 'queued')) setJobState(db, current.jobId, 'interrupted', now());
      }
      settleIdle();
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    },
  };
}
