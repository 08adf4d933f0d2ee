/**
 * The fleet overview's counts, in SQL.
 *
 * One walk of the `vehicles_overview` covering index groups the fleet by every dimension at
 * once (its GROUP BY follows the index's column order, so SQLite streams the groups without
 * sorting or touching the ~4 KB table rows); the recall join then runs per make/model/year
 * group rather than per vehicle, and each chart's counts are sums over those groups.
 */
import type { Database } from 'better-sqlite3';
import { DECODE_QUALITIES, type DecodeQuality, type FleetOverview } from '../../../../../shared/overview/fleet-overview';
import { RECALL_STATUSES, type RecallStatus } from '../../../../../shared/recalls/recall-types';
import type { DecodeSource } from '../../../../../shared/vehicle';
import { RECALL_MATCH, RECALL_STATUS_EXPR } from '../recalls/recall-sql';
import { gvwrClassExpr, qualityExpr } from './overview-sql';

const OVERVIEW_SQL = `
  WITH g0 AS MATERIALIZED (
    SELECT v.make AS make, v.model AS model, v.model_year AS model_year, v.body_class AS body_class,
           v.vehicle_type AS vehicle_type, v.gvwr AS gvwr, v.source AS source, v.has_errors AS has_errors,
           v.error_codes AS error_codes, COUNT(*) AS n
    FROM vehicles v
    GROUP BY v.make COLLATE NOCASE, v.model COLLATE NOCASE, v.model_year, v.body_class, v.vehicle_type,
             v.gvwr, v.source, v.has_errors, v.error_codes
  ),
  g AS MATERIALIZED (
    SELECT v.*, ${RECALL_STATUS_EXPR} AS recall_status, COALESCE(r.park_count, 0) > 0 AS park_it
    FROM g0 v LEFT JOIN recall_models r ON ${RECALL_MATCH}
  )
  SELECT 'make' AS dim, MIN(make) AS value, SUM(n) AS count FROM g GROUP BY make COLLATE NOCASE
  UNION ALL SELECT 'year', model_year, SUM(n) FROM g GROUP BY model_year
  UNION ALL SELECT 'body', body_class, SUM(n) FROM g GROUP BY body_class
  UNION ALL SELECT 'type', vehicle_type, SUM(n) FROM g GROUP BY vehicle_type
  UNION ALL SELECT 'gvwr', ${gvwrClassExpr('gvwr')} AS c, SUM(n) FROM g GROUP BY c
  UNION ALL SELECT 'source', source, SUM(n) FROM g GROUP BY source
  UNION ALL SELECT 'quality', ${qualityExpr('has_errors', 'error_codes')} AS q, SUM(n) FROM g GROUP BY q
  UNION ALL SELECT 'recall', recall_status, SUM(n) FROM g GROUP BY recall_status
  UNION ALL SELECT 'park', NULL, COALESCE(SUM(n), 0) FROM g WHERE park_it
  UNION ALL SELECT 'total', NULL, COUNT(*) FROM vehicles`;

interface OverviewRow {
  readonly dim: string;
  readonly value: string | number | null;
  readonly count: number;
}

const byCountDesc = <T extends { readonly count: number }>(list: T[]): T[] => list.sort((a, b) => b.count - a.count);

export function fleetOverview(db: Database): FleetOverview {
  const started = performance.now();
  const rows = db.prepare<[], OverviewRow>(OVERVIEW_SQL).all();
  const of = (dim: string): OverviewRow[] => rows.filter((r) => r.dim === dim);
  const str = (value: OverviewRow['value']): string | null => (value === null ? null : String(value));
  const recallCounts = new Map(of('recall').map((r) => [r.value as RecallStatus, r.count]));
  const qualityCounts = new Map(of('quality').map((r) => [r.value as DecodeQuality, r.count]));
  return {
    total: of('total')[0]?.count ?? 0,
    byMake: byCountDesc(of('make').map((r) => ({ make: str(r.value), count: r.count }))),
    byModelYear: of('year')
      .map((r) => ({ modelYear: r.value === null ? null : Number(r.value), count: r.count }))
      .sort((a, b) => (a.modelYear ?? Number.MAX_SAFE_INTEGER) - (b.modelYear ?? Number.MAX_SAFE_INTEGER)),
    byBodyClass: byCountDesc(of('body').map((r) => ({ bodyClass: str(r.value), count: r.count }))),
    byVehicleType: byCountDesc(of('type').map((r) => ({ vehicleType: str(r.value), count: r.count }))),
    byGvwrClass: byCountDesc(of('gvwr').map((r) => ({ gvwrClass: str(r.value), count: r.count }))),
    bySource: byCountDesc(of('source').map((r) => ({ source: r.value as DecodeSource, count: r.count }))),
    byQuality: DECODE_QUALITIES.map((quality) => ({ quality, count: qualityCounts.get(quality) ?? 0 })),
    recalls: {
      byStatus: RECALL_STATUSES.map((status) => ({ status, count: recallCounts.get(status) ?? 0 })),
      withParkIt: of('park')[0]?.count ?? 0,
    },
    durationMs: Math.round((performance.now() - started) * 10) / 10,
  };
}
