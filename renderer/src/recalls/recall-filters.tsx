/**
 * The table's recall filters: by status, and "has park-it recalls".
 */
import { RECALL_STATUSES, RECALL_STATUS_LABELS, type RecallStatus } from '../../../shared/recalls/recall-types';
import type { OverviewFilter } from '../overview/overview-filter';

export interface RecallFiltersProps {
  readonly filter: OverviewFilter;
  readonly onChange: (patch: Pick<OverviewFilter, 'recallStatus' | 'parkIt'>) => void;
}

export function RecallFilters({ filter, onChange }: RecallFiltersProps): React.JSX.Element {
  return (
    <>
      <select
        aria-label="Filter by recalls"
        value={filter.recallStatus ?? ''}
        onChange={(e) => onChange({ recallStatus: e.target.value === '' ? undefined : (e.target.value as RecallStatus) })}
      >
        <option value="">Any recalls</option>
        {RECALL_STATUSES.map((status) => (
          <option key={status} value={status}>
            {RECALL_STATUS_LABELS[status]}
          </option>
        ))}
      </select>
      <label className="checkbox-label" title="Models with a campaign that says park it, or park outside">
        <input type="checkbox" checked={filter.parkIt ?? false} onChange={(e) => onChange({ parkIt: e.target.checked || undefined })} />
        Has park-it recalls
      </label>
    </>
  );
}
