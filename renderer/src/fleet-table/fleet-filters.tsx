/**
 * The table's search box and filters (make, year range, source, has errors, check digit wrong).
 *
 * The make list and year bounds come from `vehicles:facets`, so the controls only offer values
 * the fleet contains.
 */
import { useState } from 'react';
import type { VehicleFacets } from '../../../shared/vehicles/vehicle-query';
import { RecallFilters } from '../recalls/recall-filters';
import type { FleetFilter } from './use-fleet-query';

export interface FleetFiltersProps {
  readonly filter: FleetFilter;
  readonly onChange: (filter: FleetFilter) => void;
  readonly facets: VehicleFacets | null;
  readonly searchRef?: React.Ref<HTMLInputElement>;
}

function parseYear(value: string): number | undefined {
  const year = Number.parseInt(value, 10);
  return Number.isInteger(year) && year >= 1900 && year <= 2100 ? year : undefined;
}

/** Drop keys whose value is undefined (exactOptionalPropertyTypes-friendly updates). */
function update(filter: FleetFilter, patch: Partial<Record<keyof FleetFilter, unknown>>): FleetFilter {
  const next: Record<string, unknown> = { ...filter, ...patch };
  for (const key of Object.keys(next)) if (next[key] === undefined || next[key] === '' || next[key] === false) delete next[key];
  return next as FleetFilter;
}

export function isFiltered(filter: FleetFilter): boolean {
  return Object.values(filter).some((v) => v !== undefined && v !== '' && v !== false);
}

export function FleetFilters({ filter, onChange, facets, searchRef }: FleetFiltersProps): React.JSX.Element {
  const yearMin = facets?.yearMin ?? 1980;
  const yearMax = facets?.yearMax ?? 2040;
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
        onChange={(e) => onChange(update(filter, { search: e.target.value }))}
      />
      <select
        aria-label="Filter by make"
        value={filter.make ?? ''}
        onChange={(e) => onChange(update(filter, { make: e.target.value }))}
      >
        <option value="">All makes</option>
        {(facets?.makes ?? []).map((make) => (
          <option key={make} value={make}>
            {make}
          </option>
        ))}
      </select>
      <span className="year-range">
        <YearInput label="Year from" placeholder={yearMin} value={filter.yearFrom} onCommit={(year) => onChange(update(filter, { yearFrom: year }))} />
        <span aria-hidden="true">–</span>
        <YearInput label="Year to" placeholder={yearMax} value={filter.yearTo} onCommit={(year) => onChange(update(filter, { yearTo: year }))} />
      </span>
      <select
        aria-label="Filter by source"
        value={filter.source ?? ''}
        onChange={(e) => onChange(update(filter, { source: e.target.value === '' ? undefined : e.target.value }))}
      >
        <option value="">Any source</option>
        <option value="vpic">vPIC</option>
        <option value="offline">Decoded offline</option>
      </select>
      <label className="checkbox-label">
        <input
          type="checkbox"
          checked={filter.hasErrors ?? false}
          onChange={(e) => onChange(update(filter, { hasErrors: e.target.checked }))}
        />
        Has errors
      </label>
      <label className="checkbox-label">
        <input
          type="checkbox"
          checked={filter.checkDigitWrong ?? false}
          onChange={(e) => onChange(update(filter, { checkDigitWrong: e.target.checked }))}
        />
        Check digit wrong
      </label>
      <RecallFilters filter={filter} onChange={(patch) => onChange(update(filter, patch))} />
      {isFiltered(filter) && (
        <button type="button" className="button-link" onClick={() => onChange({})}>
          Clear filters
        </button>
      )}
    </div>
  );
}

/** A year box that lets the user type freely and applies the filter once it reads as a year. */
function YearInput(props: {
  readonly label: string;
  readonly placeholder: number;
  readonly value: number | undefined;
  readonly onCommit: (year: number | undefined) => void;
}): React.JSX.Element {
  const [text, setText] = useState(props.value === undefined ? '' : String(props.value));
  const [seen, setSeen] = useState(props.value);
  if (props.value !== seen) {
    // Cleared or set from outside ("Clear filters"): follow it.
    setSeen(props.value);
    setText(props.value === undefined ? '' : String(props.value));
  }
  return (
    <input
      type="number"
      className="year-input"
      aria-label={props.label}
      placeholder={String(props.placeholder)}
      min={1900}
      max={2100}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const year = parseYear(e.target.value);
        if (year !== props.value && (year !== undefined || e.target.value === '')) {
          setSeen(year);
          props.onCommit(year);
        }
      }}
    />
  );
}
