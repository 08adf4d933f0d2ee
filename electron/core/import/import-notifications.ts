/**
 * What an import tells the user: progress events, the summary at its end, and the system
 * notification's wording.
 */
import type { ImportJobSummary, ImportProgress } from '../../../shared/import/import-contract';
import type { ImportJobRecord } from './import-job-record';

export interface Notification {
  readonly title: string;
  readonly body: string;
}

export function summaryOf(job: ImportJobRecord): ImportJobSummary {
  const { options: _options, ...summary } = job;
  void _options;
  return summary;
}

export function describeCounts(job: ImportJobSummary): string {
  const c = job.counts;
  const parts = [`${c.added} added`, `${c.updated} updated`];
  if (c.duplicates) parts.push(`${c.duplicates} duplicates`);
  if (c.invalid) parts.push(`${c.invalid} invalid`);
  if (c.failed) parts.push(`${c.failed} failed`);
  return `${job.fileName}: ${parts.join(', ')} (${c.total} rows).`;
}

/** A job's progress event from its record (between the worker's own, which carry bytes and ETA). */
export function progressOf(job: ImportJobRecord, extra: Partial<ImportProgress> = {}): ImportProgress {
  return {
    jobId: job.jobId,
    state: job.state,
    fileName: job.fileName,
    counts: job.counts,
    rowsRead: job.rowsCommitted,
    decoded: 0,
    fraction: job.state === 'done' ? 1 : null,
    etaSeconds: null,
    ...extra,
  };
}

/** The notification at the end of a run (an import, or a retry of its failed rows). */
export function finishedNotification(job: ImportJobRecord, mode: 'import' | 'retryFailed'): Notification {
  const title =
    mode === 'retryFailed'
      ? 'Retry finished'
      : job.state === 'done'
        ? 'Import finished'
        : job.state === 'cancelled'
          ? 'Import cancelled'
          : 'Import failed';
  return { title, body: job.error ? `${job.fileName}: ${job.error.message}` : describeCounts(summaryOf(job)) };
}
