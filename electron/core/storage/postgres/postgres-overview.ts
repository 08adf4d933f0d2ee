/**
 * The fleet overview's counts on PostgreSQL: the SQLite store's query (group once by every
 * dimension, join the recalls per group, sum per chart), in PostgreSQL's dialect.
 */
import { sql, type Kysely } from 'kysely';
import { DECODE_QUALITIES, type DecodeQuality, type FleetOverview } from '../../../../shared/overview/fleet-overview';
import { RECALL_STATUSES, type RecallStatus } from '../../../../shared/recalls/recall-types';
import type { DecodeSource } from '../../../../shared/vehicle';
import type { FleetDatabase } from './postgres-schema';
import { gvwrClassExpr, qualityExpr, RECALL_MATCH, RECALL_STATUS_EXPR } from './postgres-vehicle-sql';

const OVERVIEW_SQL = `
  WITH g0 AS MATERIALIZED (
    SELECT min(v.make COLLATE "C") AS make, min(v.model COLLATE "C") AS model, v.model_year, v.body_class,
           v.vehicle_type, v.gvwr, v.source, v.has_errors, v.error_codes, count(*)::int AS n
    FROM vehicles v
    GROUP BY lower(v.make), lower(v.model), v.model_year, v.body_class, v.vehicle_type,
             v.gvwr, v.source, v.has_errors, v.error_codes
  ),
  g AS MATERIALIZED (
    SELECT v.*, ${RECALL_STATUS_EXPR} AS recall_status, COALESCE(r.park_count, 0) > 0 AS park_it
    FROM g0 v LEFT JOIN recall_models r ON ${RECALL_MATCH}
  )
  SELECT 'make' AS dim, min(make COLLATE "C") AS value, sum(n)::int AS count FROM g GROUP BY lower(make)
  UNION ALL SELECT 'year', model_year::text, sum(n)::int FROM g GROUP BY model_year
  UNION ALL SELECT 'body', body_class, sum(n)::int FROM g GROUP BY body_class
  UNION ALL SELECT 'type', vehicle_type, sum(n)::int FROM g GROUP BY vehicle_type
  UNION ALL SELECT 'gvwr', c, sum(n)::int FROM (SELECT ${gvwrClassExpr('gvwr')} AS c, n FROM g) x GROUP BY c
  UNION ALL SELECT 'source', source, sum(n)::int FROM g GROUP BY source
  UNION ALL SELECT 'quality', q, sum(n)::int FROM (SELECT ${qualityExpr('has_errors', 'error_codes')} AS q, n FROM g) x GROUP BY q
  UNION ALL SELECT 'recall', recall_status, sum(n)::int FROM g GROUP BY recall_status
  UNION ALL SELECT 'park', NULL, COALESCE(sum(n), 0)::int FROM g WHERE park_it
  UNION ALL SELECT 'total', NULL, count(*)::int FROM vehicles`;

interface OverviewRow {
  readonly dim: string;
  readonly value: string | null;
  readonly count: number;
}

const byCountDesc = <T extends { readonly count: number }>(list: T[]): T[] => list.sort((a, b) => b.count - a.count);

export async function postgresFleetOverview(db: Kysely<FleetDatabase>): Promise<FleetOverview> {
  const started = performance.now();
  const { rows } = await sql<OverviewRow>`${sql.raw(OVERVIEW_SQL)}`.execute(db);
  const of = (dim: string): OverviewRow[] => rows.filter((r) => r.dim === dim);
  const recallCounts = new Map(of('recall').map((r) => [r.value as RecallStatus, r.count]));
  const qualityCounts = new Map(of('quality').map((r) => [r.value as DecodeQuality, r.count]));
  return {
    total: of('total')[0]?.count ?? 0,
    byMake: byCountDesc(of('make').map((r) => ({ make: r.value, count: r.count }))),
    byModelYear: of('year')
      .map((r) => ({ modelYear: r.value === null ? null : Number(r.value), count: r.count }))
      .sort((a, b) => (a.modelYear ?? Number.MAX_SAFE_INTEGER) - (b.modelYear ?? Number.MAX_SAFE_INTEGER)),
    byBodyClass: byCountDesc(of('body').map((r) => ({ bodyClass: r.value, count: r.count }))),
    byVehicleType: byCountDesc(of('type').map((r) => ({ vehicleType: r.value, count: r.count }))),
    byGvwrClass: byCountDesc(of('gvwr').map((r) => ({ gvwrClass: r.value, count: r.count }))),
    bySource: byCountDesc(of('source').map((r) => ({ source: r.value as DecodeSource, count: r.count }))),
    byQuality: DECODE_QUALITIES.map((quality) => ({ quality, count: qualityCounts.get(quality) ?? 0 })),
    recalls: {
      byStatus: RECALL_STATUSES.map((status) => ({ status, count: recallCounts.get(status) ?? 0 })),
      withParkIt: of('park')[0]?.count ?? 0,
    },
    durationMs: Math.round((performance.now() - started) * 10) / 10,
  };
}
