/**
 * Where an import's heavy work happens: in worker threads (the desktop app: main stays
 * responsive) or in this process (the CLI: it has no window to keep responsive, and its bundle
 * ships no workers). The service does not care which: it hands a job over and hears progress,
 * commits and the end; it asks for a file's preview the same way.
 */
import type { ImportJobError } from '../../../shared/import/import-contract';
import type { FilePreview } from './import-preview';
import type { JobOwner } from './job-ownership';
import type { Decryption } from './openpgp-file';
import type { ImportRunProgress } from './run-import-job';

export interface RunRequest {
  readonly jobId: string;
  /** `import`: run or resume the job; `retryFailed`: decode its failed rows again. */
  readonly mode: 'import' | 'retryFailed';
  readonly owner: JobOwner;
  readonly decryption?: Decryption;
  readonly chunkSize?: number;
}

export interface RunEvents {
  onProgress(progress: ImportRunProgress): void;
  onCommitted(vehiclesWritten: number): void;
  /**
   * The run recorded a failure on its job (the job's record says the rest). `cause` is the error
   * itself when the run is in this process (a worker's cannot cross the thread).
   */
  onFailed(error: ImportJobError, cause?: unknown): void;
}

export interface RunHandle {
  /** Settles when the run has ended, however it ended. */
  readonly done: Promise<void>;
  /** Stop after the chunk being committed (the job becomes `cancelled`). */
  cancel(): void;
  /** Stop now (closing): the job is left for the service to mark `interrupted`. */
  stop(): Promise<void>;
}

export interface ImportRunner {
  run(request: RunRequest, events: RunEvents): RunHandle;
  /** A file's first rows and layout (an encrypted file is decrypted whole for it). */
  preview(file: string, decryption?: Decryption, sheet?: number | string): Promise<FilePreview>;
}
