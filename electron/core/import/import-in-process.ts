/**
 * Runs an import job in this process (the CLI): the same engine and the same vPIC → offline
 * fallback as the worker, without a thread.
 */
import type { Logger } from '../logging/logger';
import { decodeWithFallback, type OnlineBatchDecode } from '../lookup/decode-with-fallback';
import type { OfflineDecoder } from '../lookup/offline-decoder';
import { jobErrorOf } from './import-job-error';
import { previewImport } from './import-preview';
import type { ImportRunner, RunEvents, RunHandle, RunRequest } from './import-runner';
import type { ImportStores } from './import-stores';
import { retryFailedRows } from './retry-failed';
import { runImportJob } from './run-import-job';

export interface InProcessRunnerOptions {
  readonly stores: ImportStores;
  readonly decodeOnline: OnlineBatchDecode;
  readonly offline: () => Promise<OfflineDecoder>;
  readonly now: () => Date;
  readonly logger: Logger;
}

export function inProcessRunner(options: InProcessRunnerOptions): ImportRunner {
  return { run: (request, events) => runHere(options, request, events), preview: previewImport };
}

function runHere(options: InProcessRunnerOptions, request: RunRequest, events: RunEvents): RunHandle {
  const controller = new AbortController();
  const common = {
    stores: options.stores,
    decode: (vins: readonly string[]) => decodeWithFallback(vins, options.decodeOnline, options.offline),
    now: options.now,
    logger: options.logger,
    owner: request.owner,
    ...(request.chunkSize ? { chunkSize: request.chunkSize } : {}),
    onProgress: events.onProgress,
    onCommitted: events.onCommitted,
  };
  const run =
    request.mode === 'retryFailed'
      ? retryFailedRows(common, request.jobId, controller.signal)
      : runImportJob({ ...common, ...(request.decryption ? { decryption: request.decryption } : {}) }, request.jobId, controller.signal);
  // The engine records a failure on the job itself; here it only has to be heard, never thrown.
  const done = run.then(
    () => undefined,
    (error: unknown) => events.onFailed(jobErrorOf(error), error),
  );
  return {
    done,
    cancel: () => controller.abort(),
    async stop() {
      controller.abort();
      await done;
    },
  };
}
