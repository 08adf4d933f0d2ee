/**
 * The recalls cache: NHTSA's answer per make/model/year, and what it means for each vehicle.
 */
import type { Database } from 'better-sqlite3';
import type { VehicleListPage } from '../../../../../shared/vehicles/vehicle-query';
import type { FetchedRecallStatus, RecallCampaign, RecallSummary, VehicleRecalls } from '../../../../../shared/recalls/recall-types';
import type { CachedRecallModel } from '../../fleet-store';
import { cachedStatement } from '../vehicles/statement-cache';
import { MODEL_UNKNOWN, RECALL_MATCH, RECALL_STATUS_EXPR } from './recall-sql';
import type { RecallModelKey } from '../../../recalls/recalls-client';

const SAVE_SQL = `
  INSERT INTO recall_models (make, model, model_year, status, campaign_count, park_count, campaign_numbers, campaigns_json, fetched_at)
  VALUES (@make, @model, @modelYear, @status, @count, @parkCount, @numbers, @json, @fetchedAt)
  ON CONFLICT (make, model, model_year) DO UPDATE SET
    status = excluded.status, campaign_count = excluded.campaign_count, park_count = excluded.park_count,
    campaign_numbers = excluded.campaign_numbers, campaigns_json = excluded.campaigns_json, fetched_at = excluded.fetched_at`;

export function saveRecallModel(
  db: Database,
  key: RecallModelKey,
  answer: { readonly status: FetchedRecallStatus; readonly campaigns: readonly RecallCampaign[] },
  fetchedAt: Date,
): void {
  cachedStatement(db, SAVE_SQL).run({
    make: key.make,
    model: key.model,
    modelYear: key.modelYear,
    status: answer.status,
    count: answer.campaigns.length,
    parkCount: answer.campaigns.filter((c) => c.parkIt || c.parkOutside).length,
    numbers: answer.campaigns.map((c) => c.campaignNumber).join(' '),
    json: JSON.stringify(answer.campaigns),
    fetchedAt: fetchedAt.toISOString(),
  });
}

interface RecallModelRow {
  readonly status: FetchedRecallStatus;
  readonly campaigns_json: string;
  readonly fetched_at: string;
}

export function getRecallModel(db: Database, key: RecallModelKey): CachedRecallModel | null {
  const row = cachedStatement<RecallModelRow>(
    db,
    'SELECT status, campaigns_json, fetched_at FROM recall_models WHERE make = ? AND model = ? AND model_year = ?',
  ).get(key.make, key.model, key.modelYear);
  if (row === undefined) return null;
  return { status: row.status, campaigns: JSON.parse(row.campaigns_json) as RecallCampaign[], fetchedAt: row.fetched_at };
}

/**
 * Distinct make/model/years of the fleet (or of `ids`) whose cached answer is missing or was
 * fetched before `fetchedBefore` (every one when it is null: a forced refresh).
 */
export function modelsToFetch(db: Database, options: { readonly fetchedBefore: Date | null; readonly ids?: readonly number[] }): RecallModelKey[] {
  const params: unknown[] = [];
  let idFilter = '';
  if (options.ids !== undefined) {
    idFilter = `AND v.id IN (${options.ids.map(() => '?').join(', ')})`;
    params.push(...options.ids);
  }
  let staleness = '';
  if (options.fetchedBefore !== null) {
    staleness = 'HAVING MAX(r.fetched_at) IS NULL OR MAX(r.fetched_at) < ?';
    params.push(options.fetchedBefore.toISOString());
  }
  // GROUP BY … NOCASE: "Ford"/"FORD" is one request, asked with the first spelling met.
  const sql = `
    SELECT MIN(v.make) AS make, MIN(v.model) AS model, v.model_year AS modelYear
    FROM vehicles v LEFT JOIN recall_models r ON ${RECALL_MATCH}
    WHERE NOT ${MODEL_UNKNOWN} ${idFilter}
    GROUP BY v.make COLLATE NOCASE, v.model COLLATE NOCASE, v.model_year
    ${staleness}
    ORDER BY 1 COLLATE NOCASE, 2 COLLATE NOCASE, 3`;
  return db.prepare<unknown[], RecallModelKey>(sql).all(...params);
}

interface SummaryRow {
  readonly id: number;
  readonly status: RecallSummary['status'];
  readonly count: number | null;
  readonly parkCount: number | null;
}

/** The recalls column's value for each of `ids` (a page of the table). */
export function recallSummaries(db: Database, ids: readonly number[]): Map<number, RecallSummary> {
  const out = new Map<number, RecallSummary>();
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    const rows = db
      .prepare<unknown[], SummaryRow>(
        `SELECT v.id AS id, ${RECALL_STATUS_EXPR} AS status, r.campaign_count AS count, r.park_count AS parkCount
         FROM vehicles v LEFT JOIN recall_models r ON ${RECALL_MATCH}
         WHERE v.id IN (${part.map(() => '?').join(', ')})`,
      )
      .all(...part);
    for (const row of rows) {
      out.set(row.id, { status: row.status, count: row.status === 'found' ? (row.count ?? 0) : 0, parkCount: row.status === 'found' ? (row.parkCount ?? 0) : 0 });
    }
  }
  return out;
}

/** A table page with each row's recalls summary added (one query for the page). */
export function withRecallSummaries(db: Database, page: VehicleListPage): VehicleListPage {
  if (page.rows.length === 0) return page;
  const summaries = recallSummaries(db, page.rows.map((r) => r.id));
  return {
    ...page,
    rows: page.rows.map((row) => {
      const recalls = summaries.get(row.id);
      return recalls === undefined ? row : { ...row, recalls };
    }),
  };
}

/** Everything cached about one vehicle's recalls, or null when there is no such vehicle. */
export function vehicleRecalls(db: Database, id: number, lastError: (key: RecallModelKey) => string | null): VehicleRecalls | null {
  const v = cachedStatement<{ id: number; vin: string; make: string | null; model: string | null; model_year: number | null }>(
    db,
    'SELECT id, vin, make, model, model_year FROM vehicles WHERE id = ?',
  ).get(id);
  if (v === undefined) return null;
  const base = { vehicleId: v.id, vin: v.vin, make: v.make, model: v.model, modelYear: v.model_year };
  if (v.make === null || v.model === null || v.model_year === null) {
    return { ...base, status: 'unknown-model', campaigns: [], fetchedAt: null, lastError: null };
  }
  const key = { make: v.make, model: v.model, modelYear: v.model_year };
  const cached = getRecallModel(db, key);
  if (cached === null) return { ...base, status: 'not-checked', campaigns: [], fetchedAt: null, lastError: lastError(key) };
  return { ...base, status: cached.status, campaigns: cached.campaigns, fetchedAt: cached.fetchedAt, lastError: null };
}
