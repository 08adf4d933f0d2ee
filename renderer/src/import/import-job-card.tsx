/**
 * One import in this session: its progress bar and running counts while it works, then the
 * summary with the report buttons.
 *
 * The bar stays after the end (at 100% when done) so the card keeps its shape and the user sees
 * where a cancelled job stopped.
 */
import type { ImportCounts } from '../../../shared/import/import-contract';
import type { JobCard } from './use-import-jobs';
import { formatCount, formatSummary, formatTimeLeft, progressPercent, stateLabel, storedCount } from './import-format';

export interface ImportJobCardProps {
  readonly card: JobCard;
  readonly onCancel: (jobId: string) => void;
  readonly onViewReport: (jobId: string, fileName: string) => void;
  readonly onSaveReport: (jobId: string) => void;
  readonly onResume: (jobId: string) => void;
  /** Import the job's file again as a new job (offered when its file changed since it started). */
  readonly onRestart?: (jobId: string) => void;
  /** Decode the job's failed rows again (shown when a stopped job has some). */
  readonly onRetryFailed?: (jobId: string) => void;
  readonly onDismiss: (jobId: string) => void;
  /** A cancel request is on its way (disables the button). */
  readonly cancelling: boolean;
}

const ZERO: ImportCounts = { total: 0, added: 0, updated: 0, duplicates: 0, invalid: 0, failed: 0 };

export function ImportJobCard(props: ImportJobCardProps): React.JSX.Element {
  const { card, onCancel, onViewReport, onSaveReport, onResume, onRestart, onRetryFailed, onDismiss, cancelling } = props;
  const { progress, summary } = card;
  const state = summary?.state ?? progress?.state ?? 'queued';
  const counts = summary?.counts ?? progress?.counts ?? ZERO;
  const percent = progressPercent({ state, fraction: progress?.fraction ?? (state === 'queued' ? 0 : null) });
  const finished = summary !== null;
  const timeLeft = finished ? null : formatTimeLeft(progress?.etaSeconds ?? null);
  // The team database is unreachable: the import holds its work and goes on by itself when it is back.
  const waiting = finished ? undefined : progress?.waitingForStorage;

  return (
    <section className={`import-card import-card-${state}`} aria-label={`Import of ${card.fileName}`}>
      <div className="import-card-head">
        <span className="import-card-file" title={summary?.file ?? card.fileName}>
          {card.fileName}
        </span>
        <span className={`import-state import-state-${state}`}>{stateLabel(state)}</span>
        {!finished && state === 'queued' && card.position > 0 && (
          <span className="import-muted">
            {card.position === 1 ? '1 import ahead' : `${formatCount(card.position)} imports ahead`}
          </span>
        )}
        {!finished && timeLeft && <span className="import-muted">{timeLeft}</span>}
        {waiting && (
          <span className="import-waiting" role="status" title={waiting.message}>
            Waiting for the team database… (it goes on by itself when the server is back)
          </span>
        )}
        {!finished && !waiting && state === 'running' && !timeLeft && <span className="import-muted">estimating time left…</span>}
      </div>
      <div
        className={`import-bar${percent === null ? ' import-bar-indeterminate' : ''}`}
        role="progressbar"
        aria-label={`Import progress ${card.fileName}`}
        aria-valuemin={0}
        aria-valuemax={100}
        {...(percent !== null ? { 'aria-valuenow': percent, 'aria-valuetext': `${percent}%` } : {})}
      >
        <div className="import-bar-fill" style={percent !== null ? { width: `${percent}%` } : undefined} />
      </div>
      {finished ? (
        <div className="import-card-foot">
          <p className="import-summary" role="status">
            {summary.state === 'done' ? 'Imported: ' : `${stateLabel(summary.state)} after ${formatCount(counts.total)} rows: `}
            {formatSummary(counts)}
            {summary.state === 'done' && <span className="import-muted"> ({formatCount(counts.total)} rows)</span>}
          </p>
          {summary.error && (
            <p className="import-error" role="alert">
              {summary.error.message} <code className="app-error-code">{summary.error.code}</code>
            </p>
          )}
          <div className="import-actions">
            {summary.error?.code === 'FILE_CHANGED' && onRestart ? (
              <button type="button" className="button" title="Read the changed file from its first row, as a new import" onClick={() => onRestart(card.jobId)}>
                Import as a new job
              </button>
            ) : (
              summary.resumable && (
                <button type="button" className="button" onClick={() => onResume(card.jobId)}>
                  Resume
                </button>
              )
            )}
            {onRetryFailed && summary.counts.failed > 0 && (
              <button
                type="button"
                className="button"
                title={`Decode the ${formatCount(summary.counts.failed)} failed VINs again`}
                onClick={() => onRetryFailed(card.jobId)}
              >
                Retry failed
              </button>
            )}
            <button
              type="button"
              className="button"
              disabled={summary.rejects === 0}
              title={summary.rejects === 0 ? 'No rows were rejected' : `${formatCount(summary.rejects)} rejected rows`}
              onClick={() => onViewReport(card.jobId, card.fileName)}
            >
              View report
            </button>
            <button type="button" className="button" disabled={summary.rejects === 0} onClick={() => onSaveReport(card.jobId)}>
              Save report…
            </button>
            <button type="button" className="button-icon" aria-label={`Dismiss ${card.fileName}`} title="Dismiss" onClick={() => onDismiss(card.jobId)}>
              ×
            </button>
          </div>
        </div>
      ) : (
        <div className="import-card-foot">
          <dl className="import-counts" aria-label={`Counts ${card.fileName}`}>
            <Count label="Read" value={progress?.rowsRead ?? 0} />
            <Count label="Decoded" value={progress?.decoded ?? 0} />
            <Count label="Stored" value={storedCount(counts)} />
            <Count label="Invalid" value={counts.invalid} />
            <Count label="Failed" value={counts.failed} />
            <Count label="Duplicates" value={counts.duplicates} />
          </dl>
          <div className="import-actions">
            <button type="button" className="button" disabled={cancelling} onClick={() => onCancel(card.jobId)}>
              {cancelling ? 'Cancelling…' : 'Cancel'}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

function Count(props: { readonly label: string; readonly value: number }): React.JSX.Element {
  return (
    <div className="import-count">
      <dt>{props.label}</dt>
      <dd>{formatCount(props.value)}</dd>
    </div>
  );
}
