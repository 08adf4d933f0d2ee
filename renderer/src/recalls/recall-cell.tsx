/**
 * The fleet table's Recalls cell: how many campaigns NHTSA lists for the vehicle's model, with
 * park-it ones flagged; other statuses in muted words that never read as "safe".
 */
import { RECALL_STATUS_LABELS, type RecallSummary } from '../../../shared/recalls/recall-types';

/** Plain text of the cell (sorting aside, also what the column's accessor returns). */
export function recallCellText(summary: RecallSummary | undefined): string {
  if (summary === undefined) return '';
  if (summary.status !== 'found') return RECALL_STATUS_LABELS[summary.status];
  return `${summary.count} listed`;
}

export function RecallCell({ summary }: { readonly summary: RecallSummary | undefined }): React.JSX.Element | null {
  if (summary === undefined) return null;
  if (summary.status !== 'found') return <span className="recall-cell recall-cell-muted">{RECALL_STATUS_LABELS[summary.status]}</span>;
  return (
    <span className="recall-cell" title="Campaigns NHTSA lists for this make, model and year; not confirmed for this VIN">
      {summary.count} listed
      {summary.parkCount > 0 && (
        <span className="recall-park-flag" title={`${summary.parkCount} campaign(s) say park it or park outside`}>
          Park it
        </span>
      )}
    </span>
  );
}
