/**
 * One queued job's run, from its start to its announced end: the request handed to the runner,
 * progress events throttled (~10 a second; a wait for the database starting or ending always
 * passes) and vehicle-change events (every 0.5 s), an outcome
 * recorded for a run that died without one, then the end announced (event, taskbar,
 * notification).
 */
import type { ImportJobError } from '../../../shared/import/import-contract';
import type { ImportJobRecord } from './import-job-record';
import { finishedNotification, progressOf, summaryOf } from './import-notifications';
import type { RunHandle, RunRequest } from './import-runner';
import type { JobOwner } from './job-ownership';
import type { ImportServiceDeps } from './import-service';
import type { Decryption } from './openpgp-file';

export interface QueueEntry {
  readonly jobId: string;
  readonly mode: 'import' | 'retryFailed';
  readonly decryption?: Decryption;
  readonly chunkSize?: number;
  run?: RunHandle;
  cancelRequested: boolean;
  /** Its run has ended (the finished event may already be out). */
  ended?: boolean;
}

/** The service's collaborators a run uses (documented on `ImportServiceDeps`), plus its owner. */
export interface ImportRunsDeps
  extends Pick<
    ImportServiceDeps,
    'stores' | 'runner' | 'logger' | 'now' | 'emitProgress' | 'emitFinished' | 'onVehiclesChanged' | 'notify' | 'setProgressBar' | 'chunkSize' | 'progressIntervalMs'
  > {
  readonly owner: JobOwner;
  /** The service is closing: nothing more is recorded or announced. */
  readonly isClosed: () => boolean;
  /** Jobs still waiting (the taskbar bar goes when none are). */
  readonly queueLength: () => number;
  /** A run ended in failure; `cause` when the run was in this process. */
  readonly onRunFailed?: (jobId: string, cause: unknown) => void;
}

const CHANGED_INTERVAL_MS = 500;

export function importRuns(deps: ImportRunsDeps): {
  run(entry: QueueEntry): Promise<void>;
  failUnstarted(entry: QueueEntry, error: unknown): Promise<void>;
} {
  const { logger, now } = deps;
  const jobs = deps.stores.importJobs;
  const interval = deps.progressIntervalMs ?? 100;

  /** Run one queued entry to its end and announce it. */
  async function run(entry: QueueEntry): Promise<void> {
    const job = await jobs.get(entry.jobId);
    if (!job) throw new Error(`the import job ${entry.jobId} is gone`);
    const chunkSize = entry.chunkSize ?? deps.chunkSize;
    const request: RunRequest = {
      jobId: entry.jobId,
      mode: entry.mode,
      owner: deps.owner,
      ...(entry.decryption ? { decryption: entry.decryption } : {}),
      ...(chunkSize ? { chunkSize } : {}),
    };
    deps.emitProgress(progressOf({ ...job, state: 'running' }));
    let lastProgress = 0;
    let lastChanged = 0;
    let changedPending = 0;
    let wasWaiting = false;
    const handle = deps.runner.run(request, {
      onProgress(progress) {
        const t = Date.now();
        // Waiting for the database, and going on again, are shown at once, never throttled away.
        const waiting = progress.waitingForStorage !== undefined;
        if (t - lastProgress < interval && waiting === wasWaiting) return;
        wasWaiting = waiting;
        lastProgress = t;
        deps.emitProgress({ ...progress, state: 'running', fileName: job.fileName });
        if (progress.fraction !== null) deps.setProgressBar?.(progress.fraction);
      },
      onCommitted(written) {
        changedPending += written;
        const t = Date.now();
        if (t - lastChanged >= CHANGED_INTERVAL_MS) {
          lastChanged = t;
          deps.onVehiclesChanged(changedPending);
          changedPending = 0;
        }
      },
      onFailed(error: ImportJobError, cause?: unknown) {
        logger.warn({ jobId: entry.jobId, code: error.code }, 'import job failed');
        if (cause !== undefined) deps.onRunFailed?.(entry.jobId, cause);
      },
    });
    entry.run = handle;
    if (entry.cancelRequested) handle.cancel();
    await handle.done;
    entry.ended = true;
    if (changedPending > 0) deps.onVehiclesChanged(changedPending);
    try {
      await recordEnd(entry, job);
    } catch (error) {
      // The store can fail here (busy, disk full): log it and let the queue go on.
      logger.error({ err: error, jobId: entry.jobId }, 'recording the end of an import failed');
    }
  }

  async function recordEnd(entry: QueueEntry, before: ImportJobRecord): Promise<void> {
    if (deps.isClosed()) return;
    let final = await jobs.get(entry.jobId);
    if (final && (final.state === 'running' || final.state === 'queued')) {
      // The run died without recording an outcome (a retry leaves the job as it was).
      if (entry.mode === 'retryFailed') await jobs.setState(entry.jobId, before.state, now(), before.error);
      else await jobs.setState(entry.jobId, 'failed', now(), { code: 'INTERNAL', message: 'The import worker stopped unexpectedly.' });
      final = await jobs.get(entry.jobId);
    }
    if (deps.queueLength() === 0) deps.setProgressBar?.(-1);
    if (!final || deps.isClosed()) return;
    deps.emitProgress(progressOf(final));
    deps.emitFinished(summaryOf(final));
    deps.notify?.(finishedNotification(final, entry.mode));
  }

  /** A job whose run never started must not sit `queued` forever: record why it failed. */
  async function failUnstarted(entry: QueueEntry, error: unknown): Promise<void> {
    try {
      const job = await jobs.get(entry.jobId);
      if (!job || deps.isClosed() || (job.state !== 'queued' && job.state !== 'running')) return;
      const message = error instanceof Error ? error.message : String(error);
      await jobs.setState(entry.jobId, 'failed', now(), { code: 'INTERNAL', message: `The import could not start: ${message}` });
      const failed = await jobs.get(entry.jobId);
      if (failed) deps.emitFinished(summaryOf(failed));
    } catch (storageError) {
      logger.error({ err: storageError, jobId: entry.jobId }, 'could not record the failed import');
    }
  }

  return { run, failUnstarted };
}
