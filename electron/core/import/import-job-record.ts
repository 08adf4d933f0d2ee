/**
 * An import job as the services see it, whichever store keeps it: its record, its options,
 * the rejects it books and the failed rows a retry reads back.
 */
import type { ImportCounts, ImportJobSummary, ImportRejectCode } from '../../../shared/import/import-contract';
import type { ColumnMapping } from '../../../shared/fleet-fields/column-mapping';
import type { FileIdentity } from './file-identity';

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

export interface ImportJobRecord extends ImportJobSummary {
  readonly options: ImportJobOptions;
}

export const ZERO_COUNTS: ImportCounts = { total: 0, added: 0, updated: 0, duplicates: 0, invalid: 0, failed: 0 };

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

export function addCounts(a: ImportCounts, b: ImportCounts): ImportCounts {
  return {
    total: a.total + b.total,
    added: a.added + b.added,
    updated: a.updated + b.updated,
    duplicates: a.duplicates + b.duplicates,
    invalid: a.invalid + b.invalid,
    failed: a.failed + b.failed,
    ...offlineCount((a.offline ?? 0) + (b.offline ?? 0)),
  };
}

/** The `offline` count as ImportCounts carries it: present only when not zero. */
export function offlineCount(n: number): Pick<ImportCounts, 'offline'> {
  return n > 0 ? { offline: n } : {};
}
