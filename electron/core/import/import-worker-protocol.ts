/**
 * Messages between the main process's import service and the import worker thread.
 *
 * vPIC calls go through main (one vPIC client, so the rate cap and the breaker hold for the
 * whole app); the worker asks for a batch with `decode` and decodes offline itself whatever main
 * reports as `fallback` (vPIC unreachable, failing or breaker open), so offline decoding never
 * runs on main's event loop.
 */
import type { ImportJobError } from '../../../shared/import/import-contract';
import type { OnlineDecodeResult } from '../lookup/decode-with-fallback';
import type { StorageLocation } from '../storage/storage-location';
import type { JobOwner } from './job-ownership';
import type { Decryption } from './openpgp-file';
import type { ImportRunProgress } from './run-import-job';

export interface ImportWorkerData {
  /** The store the worker opens for itself. */
  readonly location: StorageLocation;
  readonly dataDir: string;
  readonly jobId: string;
  readonly nativeBinding?: string;
  readonly chunkSize?: number;
  /** Key and passphrase for encrypted files; held in memory only. */
  readonly decryption?: Decryption;
  /** Main's identity: the job is recorded as owned by the app process, not the thread. */
  readonly owner: JobOwner;
  /** `import`: run or resume the job; `retryFailed`: decode its failed rows again. */
  readonly mode: 'import' | 'retryFailed';
}

export type WorkerToMain =
  | { readonly type: 'decode'; readonly id: number; readonly vins: readonly string[] }
  | { readonly type: 'progress'; readonly progress: ImportRunProgress }
  | { readonly type: 'committed'; readonly written: number }
  | { readonly type: 'finished'; readonly ok: true }
  | { readonly type: 'finished'; readonly ok: false; readonly error: ImportJobError };

export type MainToWorker =
  | { readonly type: 'decoded'; readonly id: number; readonly result: OnlineDecodeResult }
  | { readonly type: 'decodeError'; readonly id: number; readonly message: string }
  | { readonly type: 'cancel' };
