/**
 * The filter row under the column headers: a filter per column, of the kind its values call for.
 *
 * Free text (VIN, model) filters on "contains"; columns with a short closed list of values (make,
 * body class, source) offer that list; the model year takes a range. Lists come from
 * `vehicles:facets`, so they only offer values the fleet contains. Every filter runs in SQLite
 * (`vehicles:list`), never over the rows in memory.
 */
import { useState } from 'react';
import type { VehicleFacets } from '../../../shared/vehicles/vehicle-query';
import type { FleetFilter } from './use-fleet-query';

export interface ColumnFilterProps {
  readonly columnId: string;
  readonly label: string;
  readonly filter: FleetFilter;
  readonly onChange: (filter: FleetFilter) => void;
  readonly facets: VehicleFacets | null;
}

/** Drop keys whose value is empty (exactOptionalPropertyTypes-friendly updates). */
export function updateFilter(filter: FleetFilter, patch: Partial<Record<keyof FleetFilter, unknown>>): FleetFilter {
  const next: Record<string, unknown> = { ...filter, ...patch };
  for (const key of Object.keys(next)) if (next[key] === undefined || next[key] === '' || next[key] === false) delete next[key];
  return next as FleetFilter;
}

function parseYear(value: string): number | undefined {
  const year = Number.parseInt(value, 10);
  return /^\d{4}$/.test(value.trim()) && year >= 1900 && year <= 2100 ? year : undefined;
}

export function ColumnFilter({ columnId, label, filter, onChange, facets }: ColumnFilterProps): React.JSX.Element | null {
  switch (columnId) {
    case 'vin':
      return <TextFilter label={`Filter ${label}`} value={filter.vinContains} onCommit={(v) => onChange(updateFilter(filter, { vinContains: v }))} />;
    case 'model':
      return <TextFilter label={`Filter ${label}`} value={filter.modelContains} onCommit={(v) => onChange(updateFilter(filter, { modelContains: v }))} />;
    case 'make':
      return (
        <ListFilter label="Filter by make" all="All" values={facets?.makes ?? []} value={filter.make} onCommit={(v) => onChange(updateFilter(filter, { make: v }))} />
      );
    case 'bodyClass':
      return (
        <ListFilter
          label="Filter by body class"
          all="All"
          values={facets?.bodyClasses ?? []}
          value={filter.bodyClass}
          onCommit={(v) => onChange(updateFilter(filter, { bodyClass: v }))}
        />
      );
    case 'source':
      return (
        <select
          className="column-filter"
          aria-label="Filter by source"
          value={filter.source ?? ''}
          onChange={(e) => onChange(updateFilter(filter, { source: e.target.value === '' ? undefined : e.target.value }))}
        >
          <option value="">All</option>
          <option value="vpic">vPIC</option>
          <option value="offline">Decoded offline</option>
        </select>
      );
    case 'modelYear':
      return (
        <span className="column-filter-range">
          <YearFilter label="Year from" placeholder={facets?.yearMin ?? 1980} value={filter.yearFrom} onCommit={(y) => onChange(updateFilter(filter, { yearFrom: y }))} />
          <YearFilter label="Year to" placeholder={facets?.yearMax ?? 2040} value={filter.yearTo} onCommit={(y) => onChange(updateFilter(filter, { yearTo: y }))} />
        </span>
      );
    default:
      return null;
  }
}

function TextFilter(props: { readonly label: string; readonly value: string | undefined; readonly onCommit: (value: string) => void }): React.JSX.Element {
  return (
    <input
      type="search"
      className="column-filter"
      aria-label={props.label}
      placeholder="contains…"
      maxLength={100}
      value={props.value ?? ''}
      onChange={(e) => props.onCommit(e.target.value)}
    />
  );
}

function ListFilter(props: {
  readonly label: string;
  readonly all: string;
  readonly values: readonly string[];
  readonly value: string | undefined;
  readonly onCommit: (value: string) => void;
}): React.JSX.Element {
  const { value } = props;
  // A saved or stale value the fleet no longer holds stays listed, so the control never lies.
  const values = value !== undefined && !props.values.includes(value) ? [value, ...props.values] : props.values;
  return (
    <select className="column-filter" aria-label={props.label} value={value ?? ''} onChange={(e) => props.onCommit(e.target.value)}>
      <option value="">{props.all}</option>
      {values.map((v) => (
        <option key={v} value={v}>
          {v}
        </option>
      ))}
    </select>
  );
}

/** A year box that lets the user type freely and applies the filter once it reads as a year. */
function YearFilter(props: {
  readonly label: string;
  readonly placeholder: number;
  readonly value: number | undefined;
  readonly onCommit: (year: number | undefined) => void;
}): React.JSX.Element {
  const [text, setText] = useState(props.value === undefined ? '' : String(props.value));
  const [seen, setSeen] = useState(props.value);
  if (props.value !== seen) {
    // Cleared or set from outside ("Clear filters", a saved view): follow it.
    setSeen(props.value);
    setText(props.value === undefined ? '' : String(props.value));
  }
  return (
    <input
      type="text"
      inputMode="numeric"
      className="column-filter column-filter-year"
      aria-label={props.label}
      placeholder={String(props.placeholder)}
      maxLength={4}
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
