/**
 * Run an export in a worker thread so the main process's event loop stays free.
 *
 * The window keeps answering lookups and repainting while a 100k-row export runs (DESIGN.md,
 * "Long work never blocks the main process's event loop"). The worker file is found next to this
 * module: `export-worker.js` in the electron-vite build (its own input in electron.vite.config.ts),
 * else `export-worker.ts` run through tsx's CommonJS hook (vitest, the tsx CLI and the bench).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppFailure } from '../ipc/app-failure';
import type { ExportJob, ExportJobProgress } from './export-job';
import type { ExportWorkerMessage } from './export-worker-protocol';

export interface WorkerEntry {
  readonly file: string;
  /** True when `file` is TypeScript and must be started through tsx. */
  readonly typescript: boolean;
}

/** The worker entry next to `dir`: the built `.js` when present, else the `.ts` source. */
export function resolveExportWorker(dir: string = __dirname, exists: (file: string) => boolean = fs.existsSync): WorkerEntry {
  const built = path.join(dir, 'export-worker.js');
  if (exists(built)) return { file: built, typescript: false };
  const source = path.join(dir, 'export-worker.ts');
  if (exists(source)) return { file: source, typescript: true };
  throw new Error(`The export worker is missing: neither ${built} nor ${source} exists.`);
}

function startWorker(entry: WorkerEntry, job: ExportJob): Worker {
  if (!entry.typescript) return new Worker(entry.file, { workerData: job });
  // Node 20 does not apply `--import tsx` hooks to a worker's entry; registering tsx's CommonJS
  // hook first and then requiring the source works in vitest, tsx and plain Node alike.
  const tsxApi = createRequire(__filename).resolve('tsx/cjs/api');
  const bootstrap = `require(${JSON.stringify(tsxApi)}).register();\nrequire(${JSON.stringify(entry.file)});`;
  return new Worker(bootstrap, { eval: true, workerData: job });
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
  const worker = startWorker(options.worker ?? resolveExportWorker(), job);
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
