/**
 * Worker-thread entry of an export: runs `runExportJob` and reports over `parentPort`.
 *
 * Built as its own file (`export-worker` input of the main build in electron.vite.config.ts) and
 * started by `export-service.ts`; under vitest/tsx the TypeScript source is started through tsx.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { StorageError } from '../storage/storage-error';
import { AppFailure } from '../ipc/app-failure';
import { runExportJob } from './export-job';
import type { ExportWorkerData, ExportWorkerMessage } from './export-worker-protocol';

function post(message: ExportWorkerMessage): void {
  parentPort?.postMessage(message);
}

function errorMessage(error: unknown): ExportWorkerMessage {
  if (error instanceof AppFailure) return { type: 'error', code: error.code, message: error.message };
  if (error instanceof StorageError) return { type: 'error', code: 'STORAGE_ERROR', message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { type: 'error', message, ...(error instanceof Error && error.stack ? { stack: error.stack } : {}) };
}

async function main(): Promise<void> {
  const job = workerData as ExportWorkerData;
  let peakHeapBytes = process.memoryUsage().heapUsed;
  try {
    const { rows } = await runExportJob(job, {
      onProgress: ({ rows: done, total }) => {
        peakHeapBytes = Math.max(peakHeapBytes, process.memoryUsage().heapUsed);
        post({ type: 'progress', rows: done, total });
      },
    });
    post({ type: 'done', rows, peakHeapBytes });
  } catch (error) {
    post(errorMessage(error));
  }
}

void main();
