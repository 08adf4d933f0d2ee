/**
 * Past imports, newest first, with their state and counts; interrupted and cancelled ones can
 * be resumed.
 */
import type { ImportJobSummary } from '../../../shared/import/import-contract';
import type { AppError } from '../../../shared/ipc/result';
import { formatCount, formatSummary, stateLabel } from './import-format';
import { ModalDialog } from './modal-dialog';

export interface HistoryDialogProps {
  readonly jobs: readonly ImportJobSummary[] | null;
  readonly error: AppError | null;
  readonly onResume: (job: ImportJobSummary) => void;
  /** Decode a stopped job's failed rows again. */
  readonly onRetryFailed?: (job: ImportJobSummary) => void;
  readonly onViewReport: (jobId: string, fileName: string) => void;
  readonly onClose: () => void;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

export function HistoryDialog(props: HistoryDialogProps): React.JSX.Element {
  const { jobs, error, onResume, onRetryFailed, onViewReport, onClose } = props;
  return (
    <ModalDialog title="Import history" onClose={onClose} className="import-dialog-wide">
      {error && (
        <p className="import-error" role="alert">
          {error.message} <code className="app-error-code">{error.code}</code>
        </p>
      )}
      {jobs !== null && jobs.length === 0 && <p className="import-muted">No imports yet. Drop a fleet CSV on the window to start one.</p>}
      <ul className="import-history" aria-label="Import history" aria-busy={jobs === null}>
        {jobs?.map((job) => (
          <li key={job.jobId} className="import-history-item" aria-label={`${job.fileName}, ${stateLabel(job.state)}`}>
            <div className="import-history-line">
              <span className="import-card-file" title={job.file}>
                {job.fileName}
              </span>
              <span className={`import-state import-state-${job.state}`}>{stateLabel(job.state)}</span>
              <time className="import-muted" dateTime={job.createdAt}>
                {when(job.createdAt)}
              </time>
            </div>
            <div className="import-history-line">
              <span className="import-muted">
                {formatCount(job.counts.total)} rows: {formatSummary(job.counts)}
              </span>
              <span className="import-spacer" />
              {job.resumable && (
                <button type="button" className="button button-small" onClick={() => onResume(job)} aria-label={`Resume ${job.fileName}`}>
                  Resume
                </button>
              )}
              {onRetryFailed && job.counts.failed > 0 && job.state !== 'running' && job.state !== 'queued' && (
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => onRetryFailed(job)}
                  aria-label={`Retry failed rows of ${job.fileName}`}
                >
                  Retry failed
                </button>
              )}
              {job.rejects > 0 && (
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => onViewReport(job.jobId, job.fileName)}
                  aria-label={`View report of ${job.fileName}`}
                >
                  View report
                </button>
              )}
            </div>
            {job.error && (
              <p className="import-error">
                {job.error.message} <code className="app-error-code">{job.error.code}</code>
              </p>
            )}
          </li>
        ))}
      </ul>
    </ModalDialog>
  );
}
