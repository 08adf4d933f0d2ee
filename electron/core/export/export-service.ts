/**
 * Run an export in a worker thread so the main process's event loop stays free.
 *
 * The window keeps answering lookups and repainting while a 100k-row export runs. The worker file is found next to this
 * module (`../workers/start-worker.ts`: the built `.js` in the electron-vite bundle, the `.ts`
 * source through tsx in vitest, the tsx CLI and the bench).
 */
import fs from 'node:fs';
import { AppFailure } from '../ipc/app-failure';
import { resolveWorkerEntry, startWorker, type WorkerEntry } from '../workers/start-worker';
import type { ExportJob, ExportJobProgress } from './export-job';
import type { ExportWorkerMessage } from './export-worker-protocol';

/** The worker entry next to `dir`: the built `export-worker.js` when present, else the `.ts` source. */
export function resolveExportWorker(dir: string = __dirname, exists: (file: string) => boolean = fs.existsSync): WorkerEntry {
  return resolveWorkerEntry('export-worker', [dir], exists);
}

export interface WorkerExportResult {
  readonly rows: number;
  /** Highest heap use the worker saw (bytes), for the bench. */
  readonly peakHeapBytes: number;
}

export interface RunInWorkerOptions {
  readonly onProgress?: (progress: ExportJobProgress) => void;
  readonly worker?: WorkerEntry;
}

export function runExportInWorker(job: ExportJob, options: RunInWorkerOptions = {}): Promise<WorkerExportResult> {
  const worker = startWorker(options.worker ?? resolveExportWorker(), { workerData: job });
  return new Promise<WorkerExportResult>((resolve, reject) => {
    let settled = false;
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      action();
      void worker.terminate();
    };
    worker.on('message', (message: ExportWorkerMessage) => {
      switch (message.type) {
        case 'progress':
          options.onProgress?.({ rows: message.rows, total: message.total });
          break;
        case 'done':
          settle(() => resolve({ rows: message.rows, peakHeapBytes: message.peakHeapBytes }));
          break;
        case 'error':
          settle(() => {
            if (message.code) {
              reject(new AppFailure(message.code, message.message));
            } else {
              const error = new Error(message.message);
              if (message.stack) error.stack = message.stack;
              reject(error);
            }
          });
          break;
      }
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`The export worker stopped unexpectedly (exit code ${code}).`))));
  });
}
