/**
 * The table's search box and the filters that belong to no one column (has errors, check digit
 * wrong, recalls).
 *
 * Per-column filters (make, model year, source, …) live in the filter row under the headers
 * (column-filters.tsx), so the toolbar stays one line at the smallest window size.
 */
import type { VehicleFacets } from '../../../shared/vehicles/vehicle-query';
import { RecallFilters } from '../recalls/recall-filters';
import { updateFilter } from './column-filters';
import type { FleetFilter } from './use-fleet-query';

export interface FleetFiltersProps {
  readonly filter: FleetFilter;
  readonly onChange: (filter: FleetFilter) => void;
  readonly facets: VehicleFacets | null;
  readonly searchRef?: React.Ref<HTMLInputElement>;
}

export function isFiltered(filter: FleetFilter): boolean {
  return Object.values(filter).some((v) => v !== undefined && v !== '' && v !== false);
}

export function FleetFilters({ filter, onChange, searchRef }: FleetFiltersProps): React.JSX.Element {
  return (
    <div className="fleet-filters" role="search" aria-label="Filter the fleet">
      <input
        ref={searchRef}
        type="search"
        className="search-input"
        aria-label="Search"
        placeholder="Search VIN, make, model"
        value={filter.search ?? ''}
        maxLength={100}
        onChange={(e) => onChange(updateFilter(filter, { search: e.target.value }))}
      />
      <label className="checkbox-label">
        <input
          type="checkbox"
          checked={filter.hasErrors ?? false}
          onChange={(e) => onChange(updateFilter(filter, { hasErrors: e.target.checked }))}
        />
        Has errors
      </label>
      <label className="checkbox-label">
        <input
          type="checkbox"
          checked={filter.checkDigitWrong ?? false}
          onChange={(e) => onChange(updateFilter(filter, { checkDigitWrong: e.target.checked }))}
        />
        Check digit wrong
      </label>
      <RecallFilters filter={filter} onChange={(patch) => onChange(updateFilter(filter, patch))} />
      {isFiltered(filter) && (
        <button type="button" className="button-link" onClick={() => onChange({})}>
          Clear filters
        </button>
      )}
    </div>
  );
}
