/**
 * The fleet at a glance: counts by make, model year, body class, vehicle type, GVWR class,
 * decode source and quality, and recall status. Every bar filters the table to what it counts.
 */
import { useEffect, useMemo, useState } from 'react';
import type { DecodeQuality } from '../../../shared/overview/fleet-overview';
import type { AppError } from '../../../shared/ipc/result';
import { RECALLS_CAVEAT, RECALL_STATUS_LABELS } from '../../../shared/recalls/recall-types';
import { AppErrorMessage } from '../app/app-error-message';
import { callContract, useContract } from '../app/use-contract';
import { recordSourceLabel } from '../lookup/source-label';
import type { FleetFilter } from '../fleet-table/use-fleet-query';
import { BarChart, type Bar } from './bar-chart';
import { useChartTheme } from './chart-theme';
import './overview.css';

/** Bars beyond this are summed into one "Other" bar, so a long tail stays readable. */
const MAX_BARS = 12;

const QUALITY_LABELS: Readonly<Record<DecodeQuality, string>> = {
  clean: 'Clean decode',
  'check-digit': 'Check-digit warning',
  errors: 'Decode errors',
};

function topBars<T>(rows: readonly T[], label: (row: T) => string, count: (row: T) => number, filter: (row: T) => FleetFilter | null): Bar<FleetFilter>[] {
  const bars = rows.map((row) => ({ label: label(row), count: count(row), filter: filter(row) }));
  if (bars.length <= MAX_BARS) return bars;
  const rest = bars.slice(MAX_BARS - 1);
  return [...bars.slice(0, MAX_BARS - 1), { label: `Other (${rest.length})`, count: rest.reduce((n, b) => n + b.count, 0), filter: null }];
}

export interface FleetOverviewPanelProps {
  /** Bumped when the fleet changed, to count again. */
  readonly version: number;
  /** Replace the table's filter with what a bar counted. */
  readonly onFilter: (filter: FleetFilter) => void;
}

export function FleetOverviewPanel({ version, onFilter }: FleetOverviewPanelProps): React.JSX.Element {
  const counted = useContract(() => window.fleet.fleetOverview({}), [version]);
  const overview = counted.value;
  /** A failed recall check; the counts' own error shows until they are read again. */
  const [refreshError, setRefreshError] = useState<AppError | null>(null);
  const error = refreshError ?? counted.error;
  const [refreshing, setRefreshing] = useState<string | null>(null);
  const theme = useChartTheme();

  useEffect(() => window.fleet.onRecallsProgress((p) => setRefreshing(p.done < p.total ? `Checking recalls… ${p.done}/${p.total}` : null)), []);

  const charts = useMemo(() => {
    if (overview === null) return null;
    const unknown = 'Unknown';
    return {
      make: topBars(overview.byMake, (r) => r.make ?? unknown, (r) => r.count, (r) => (r.make === null ? null : { make: r.make })),
      year: overview.byModelYear.map((r) => ({
        label: r.modelYear === null ? unknown : String(r.modelYear),
        count: r.count,
        filter: r.modelYear === null ? null : { yearFrom: r.modelYear, yearTo: r.modelYear },
      })),
      body: topBars(overview.byBodyClass, (r) => r.bodyClass ?? unknown, (r) => r.count, (r) => (r.bodyClass === null ? null : { bodyClass: r.bodyClass })),
      type: topBars(overview.byVehicleType, (r) => r.vehicleType ?? unknown, (r) => r.count, (r) => (r.vehicleType === null ? null : { vehicleType: r.vehicleType })),
      gvwr: topBars(overview.byGvwrClass, (r) => r.gvwrClass ?? unknown, (r) => r.count, (r) => (r.gvwrClass === null ? null : { gvwrClass: r.gvwrClass })),
      decode: [
        ...overview.bySource.map((r) => ({ label: recordSourceLabel(r.source), count: r.count, filter: { source: r.source } })),
        ...overview.byQuality.map((r) => ({ label: QUALITY_LABELS[r.quality], count: r.count, filter: { quality: r.quality } })),
      ],
      recalls: [
        { label: 'Park it / park outside', count: overview.recalls.withParkIt, filter: { parkIt: true }, urgent: true },
        ...overview.recalls.byStatus.map((r) => ({ label: RECALL_STATUS_LABELS[r.status], count: r.count, filter: { recallStatus: r.status } })),
      ],
    };
  }, [overview]);

  async function checkFleet(): Promise<void> {
    setRefreshing('Checking recalls…');
    setRefreshError(null);
    const result = await callContract(() => window.fleet.recallsRefresh({}));
    if (!result.ok) setRefreshError(result.error);
    else if (result.value.error) setRefreshError({ code: 'DECODE_FAILED', message: `${result.value.failed} of ${result.value.models} recall requests failed: ${result.value.error}` });
    setRefreshing(null);
  }

  return (
    <section className="overview" aria-label="Fleet overview">
      <div className="overview-head">
        <h2>Fleet overview</h2>
        <span className="overview-total">{overview ? `${overview.total.toLocaleString()} vehicles` : 'Counting…'}</span>
        <span className="toolbar-spacer" />
        <button type="button" className="button" disabled={refreshing !== null} onClick={() => void checkFleet()}>
          {refreshing ?? 'Check recalls for the fleet'}
        </button>
      </div>
      {error && <AppErrorMessage error={error} prefix="Overview" />}
      {charts && (
        <div className="overview-grid">
          <BarChart title="By make" bars={charts.make} horizontal theme={theme} onPick={onFilter} />
          <BarChart title="By model year" bars={charts.year} horizontal={false} theme={theme} onPick={onFilter} />
          <BarChart title="Recalls (listed per model, not per VIN)" bars={charts.recalls} horizontal theme={theme} onPick={onFilter} />
          <BarChart title="By body class" bars={charts.body} horizontal theme={theme} onPick={onFilter} />
          <BarChart title="By vehicle type" bars={charts.type} horizontal theme={theme} onPick={onFilter} />
          <BarChart title="By GVWR class" bars={charts.gvwr} horizontal theme={theme} onPick={onFilter} />
          <BarChart title="Decode source and quality" bars={charts.decode} horizontal theme={theme} onPick={onFilter} />
        </div>
      )}
      <p className="recalls-caveat">{RECALLS_CAVEAT}</p>
    </section>
  );
}
