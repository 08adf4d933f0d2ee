/**
 * Runs an import job in a worker thread and relays for it: its vPIC batches go through main's one
 * client (so the rate cap and the breaker hold app-wide), its progress and commits come back.
 * The worker opens its own store at the given location and decodes offline itself.
 */
import type { Worker } from 'node:worker_threads';
import { messageOf } from '../ipc/app-failure';
import type { Logger } from '../logging/logger';
import type { OnlineBatchDecode } from '../lookup/decode-with-fallback';
import type { StorageLocation } from '../storage/storage-location';
import { resolveWorkerEntry, startWorker, type WorkerEntry } from '../workers/start-worker';
import type { ImportRunner, RunEvents, RunHandle, RunRequest } from './import-runner';
import { previewOffMain } from './preview-off-main';
import type { ImportWorkerData, MainToWorker, WorkerToMain } from './import-worker-protocol';

export interface WorkerRunnerOptions {
  readonly location: StorageLocation;
  readonly dataDir: string;
  /** Electron-ABI better-sqlite3 (the offline snapshot and an embedded store). */
  readonly nativeBinding?: string;
  readonly decodeOnline: OnlineBatchDecode;
  readonly logger: Logger;
  readonly workerEntry?: WorkerEntry;
}

export function workerRunner(options: WorkerRunnerOptions): ImportRunner {
  return { run: (request, events) => runInWorker(options, request, events), preview: previewOffMain };
}

function runInWorker(options: WorkerRunnerOptions, request: RunRequest, events: RunEvents): RunHandle {
  const data: ImportWorkerData = {
    location: options.location,
    dataDir: options.dataDir,
    jobId: request.jobId,
    owner: request.owner,
    mode: request.mode,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(request.chunkSize ? { chunkSize: request.chunkSize } : {}),
    ...(request.decryption ? { decryption: request.decryption } : {}),
  };
  const worker: Worker = startWorker(options.workerEntry ?? resolveWorkerEntry('import-worker', [__dirname]), { workerData: data });
  let exited = false;
  const post = (message: MainToWorker): void => {
    if (!exited) worker.postMessage(message);
  };
  worker.on('message', (message: WorkerToMain) => {
    switch (message.type) {
      case 'decode':
        options.decodeOnline(message.vins).then(
          (result) => post({ type: 'decoded', id: message.id, result }),
          (error: unknown) => post({ type: 'decodeError', id: message.id, message: messageOf(error) }),
        );
        break;
      case 'progress':
        events.onProgress(message.progress);
        break;
      case 'committed':
        events.onCommitted(message.written);
        break;
      case 'finished':
        if (!message.ok) events.onFailed(message.error);
        break;
    }
  });
  worker.on('error', (error) => options.logger.error({ err: error, jobId: request.jobId }, 'import worker crashed'));
  const done = new Promise<void>((resolve) =>
    worker.on('exit', () => {
      exited = true;
      resolve();
    }),
  );
  return {
    done,
    cancel: () => post({ type: 'cancel' }),
    async stop() {
      await worker.terminate();
      await done;
    },
  };
}
