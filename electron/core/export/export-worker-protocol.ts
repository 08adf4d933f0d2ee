/**
 * Messages between the export service and its worker thread.
 *
 * Plain data only (structured clone): an `AppFailure` loses its class crossing threads, so its
 * code and message travel as fields and the service rebuilds it.
 */
import type { ErrorCode } from '../../../shared/ipc/result';
import type { ExportJob } from './export-job';

export type ExportWorkerData = ExportJob;

export type ExportWorkerMessage =
  | { readonly type: 'progress'; readonly rows: number; readonly total: number }
  | { readonly type: 'done'; readonly rows: number; readonly peakHeapBytes: number }
  | {
      readonly type: 'error';
      /** Set for expected failures (FILE_ERROR, STORAGE_ERROR); absent for bugs. */
      readonly code?: ErrorCode;
      readonly message: string;
      readonly stack?: string;
    };
