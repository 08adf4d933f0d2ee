/**
 * Words and numbers for the import UI: counts, time left, job states.
 *
 * Kept apart from the components so the wording is tested once and reads the same in the
 * progress card, the summary and the history.
 */
import type { ImportCounts, ImportJobState, ImportProgress } from '../../../shared/import/import-contract';
import { assertNever } from '../../../shared/ipc/result';

const number = new Intl.NumberFormat('en-US');

export function formatCount(value: number): string {
  return number.format(value);
}

/** "about 12 s left", "about 3 min left", "about 1 h 5 min left"; null while unknown. */
export function formatTimeLeft(seconds: number | null): string | null {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return null;
  if (seconds < 1) return 'less than a second left';
  if (seconds < 60) return `about ${Math.ceil(seconds)} s left`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min left`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `about ${hours} h left` : `about ${hours} h ${rest} min left`;
}

/** Vehicles written to the fleet: new ones plus those already stored (attributes updated). */
export function storedCount(counts: ImportCounts): number {
  return counts.added + counts.updated;
}

/**
 * "1,200 decoded offline (partial data, will be re-checked online)" when vPIC was down for part
 * of the import; null when every vehicle came from vPIC.
 */
export function formatOfflineNote(counts: ImportCounts): string | null {
  const offline = counts.offline ?? 0;
  return offline > 0 ? `${formatCount(offline)} decoded offline (partial data, will be re-checked online)` : null;
}

/**
 * The summary line of a finished job, e.g. "250 added, 3 updated, 20 duplicates, 27 invalid,
 * 0 failed", led by the offline note when some vehicles were decoded offline.
 */
export function formatSummary(counts: ImportCounts): string {
  const offline = formatOfflineNote(counts);
  return [
    ...(offline === null ? [] : [offline]),
    `${formatCount(counts.added)} added`,
    `${formatCount(counts.updated)} updated`,
    `${formatCount(counts.duplicates)} ${counts.duplicates === 1 ? 'duplicate' : 'duplicates'}`,
    `${formatCount(counts.invalid)} invalid`,
    `${formatCount(counts.failed)} failed`,
  ].join(', ');
}

/** The progress bar's value in percent, or null when it cannot be known (indeterminate). */
export function progressPercent(progress: Pick<ImportProgress, 'state' | 'fraction'>): number | null {
  if (progress.state === 'done') return 100;
  if (progress.fraction === null) return progress.state === 'queued' ? 0 : null;
  return Math.max(0, Math.min(100, Math.round(progress.fraction * 100)));
}

export function stateLabel(state: ImportJobState): string {
  switch (state) {
    case 'queued':
      return 'Queued';
    case 'running':
      return 'Importing';
    case 'interrupted':
      return 'Interrupted';
    case 'done':
      return 'Done';
    case 'cancelled':
      return 'Cancelled';
    case 'failed':
      return 'Failed';
    default:
      return assertNever(state);
  }
}

/** "Rows 1–100 of 130" for a report page. */
export function formatPageRange(offset: number, shown: number, total: number): string {
  if (total === 0 || shown === 0) return `No rows of ${formatCount(total)}`;
  return `Rows ${formatCount(offset + 1)}–${formatCount(offset + shown)} of ${formatCount(total)}`;
}

/** The last path segment, for either separator (Windows paths arrive with backslashes). */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}
