/**
 * What the import tables hold, as every storage sees it: a job's record and options, its owner,
 * the rejects it books and the failed rows a retry reads. Plain types, no driver, so the SQLite
 * and PostgreSQL stores and the import code share one definition.
 */
import type { ColumnMapping } from '../../../shared/fleet-fields/column-mapping';
import type { ImportJobSummary, ImportRejectCode } from '../../../shared/import/import-contract';
import type { FileIdentity } from '../import/file-identity';

/** What a job remembers about how to read its file (never the passphrase). */
export interface ImportJobOptions {
  readonly vinColumn?: string;
  readonly refresh?: boolean;
  readonly encrypted?: boolean;
  /** The column mapping the user confirmed (header → target). */
  readonly mapping?: ColumnMapping;
  /** Excel files: the sheet to read (1-based position or name); the first when absent. */
  readonly sheet?: number | string;
  /** The file as the job first read it (a resume refuses a changed file). */
  readonly fileIdentity?: FileIdentity;
}

/**
 * The process running (or queueing) a job: its pid and a random id per process, because a pid
 * is reused once its process is gone. Worker threads run jobs on behalf of main's owner.
 */
export interface JobOwner {
  readonly pid: number;
  readonly instance: string;
}

export interface ImportJobRecord extends ImportJobSummary {
  readonly options: ImportJobOptions;
}

export interface RejectInput {
  readonly row: number;
  readonly value: string;
  readonly code: ImportRejectCode;
  readonly reason: string;
  readonly kind: 'invalid' | 'failed';
  /** The row's other columns (failed rows keep them so a retry stores them). */
  readonly attributes?: Readonly<Record<string, string>>;
}

/** A failed row of a job, for "retry failed". */
export interface FailedRow {
  readonly row: number;
  readonly value: string;
  readonly attributes: Record<string, string>;
}
