/**
 * The recalls cache on PostgreSQL: NHTSA's answer per make/model/year (make and model compared
 * case-insensitively, like SQLite's NOCASE key), and what it means for each vehicle.
 */
import { sql, type Kysely } from 'kysely';
import type { RecallCampaign, RecallSummary } from '../../../../shared/recalls/recall-types';
import type { RecallModelKey } from '../../recalls/recalls-client';
import type { CachedRecallModel, RecallStore } from '../fleet-store';
import type { FleetDatabase } from './postgres-schema';
import { MODEL_UNKNOWN, RECALL_MATCH, RECALL_STATUS_EXPR } from './postgres-vehicle-sql';

type Db = Kysely<FleetDatabase>;

async function getModel(db: Db, key: RecallModelKey): Promise<CachedRecallModel | null> {
  const { rows } = await sql<{ status: CachedRecallModel['status']; campaigns_json: string; fetched_at: string }>`
    SELECT status, campaigns_json, fetched_at FROM recall_models
    WHERE lower(make) = lower(${key.make}) AND lower(model) = lower(${key.model}) AND model_year = ${key.modelYear}`.execute(db);
  const row = rows[0];
  if (row === undefined) return null;
  return { status: row.status, campaigns: JSON.parse(row.campaigns_json) as RecallCampaign[], fetchedAt: row.fetched_at };
}

export function createRecallStore(db: Db): RecallStore {
  return {
    async save(key, answer, fetchedAt) {
      await sql`
        INSERT INTO recall_models (make, model, model_year, status, campaign_count, park_count, campaign_numbers, campaigns_json, fetched_at)
        VALUES (${key.make}, ${key.model}, ${key.modelYear}, ${answer.status}, ${answer.campaigns.length},
                ${answer.campaigns.filter((c) => c.parkIt || c.parkOutside).length},
                ${answer.campaigns.map((c) => c.campaignNumber).join(' ')}, ${JSON.stringify(answer.campaigns)}, ${fetchedAt.toISOString()})
        ON CONFLICT ((lower(make)), (lower(model)), model_year) DO UPDATE SET
          status = EXCLUDED.status, campaign_count = EXCLUDED.campaign_count, park_count = EXCLUDED.park_count,
          campaign_numbers = EXCLUDED.campaign_numbers, campaigns_json = EXCLUDED.campaigns_json, fetched_at = EXCLUDED.fetched_at`.execute(db);
    },
    get: (key) => getModel(db, key),
    async modelsToFetch(options) {
      if (options.ids !== undefined && options.ids.length === 0) return [];
      const ids = options.ids === undefined ? sql`` : sql`AND v.id = ANY(${[...options.ids]}::int[])`;
      const staleness =
        options.fetchedBefore === null ? sql`` : sql`HAVING max(r.fetched_at) IS NULL OR max(r.fetched_at) < ${options.fetchedBefore.toISOString()}`;
      // Grouped case-insensitively: "Ford"/"FORD" is one request, asked with one spelling met.
      const { rows } = await sql<RecallModelKey>`
        SELECT min(v.make COLLATE "C") AS make, min(v.model COLLATE "C") AS model, v.model_year AS "modelYear"
        FROM vehicles v LEFT JOIN recall_models r ON ${sql.raw(RECALL_MATCH)}
        WHERE NOT ${sql.raw(MODEL_UNKNOWN)} ${ids}
        GROUP BY lower(v.make), lower(v.model), v.model_year
        ${staleness}
        ORDER BY lower(min(v.make COLLATE "C")) COLLATE "C", lower(min(v.model COLLATE "C")) COLLATE "C", 3`.execute(db);
      return rows;
    },
    async summaries(ids) {
      const out = new Map<number, RecallSummary>();
      if (ids.length === 0) return out;
      const { rows } = await sql<{ id: number; status: RecallSummary['status']; count: number | null; parkCount: number | null }>`
        SELECT v.id AS id, ${sql.raw(RECALL_STATUS_EXPR)} AS status, r.campaign_count AS count, r.park_count AS "parkCount"
        FROM vehicles v LEFT JOIN recall_models r ON ${sql.raw(RECALL_MATCH)}
        WHERE v.id = ANY(${[...ids]}::int[])`.execute(db);
      for (const row of rows) {
        const found = row.status === 'found';
        out.set(row.id, { status: row.status, count: found ? (row.count ?? 0) : 0, parkCount: found ? (row.parkCount ?? 0) : 0 });
      }
      return out;
    },
    async forVehicle(id, lastError) {
      const v = await db.selectFrom('vehicles').select(['id', 'vin', 'make', 'model', 'model_year']).where('id', '=', id).executeTakeFirst();
      if (v === undefined) return null;
      const base = { vehicleId: v.id, vin: v.vin, make: v.make, model: v.model, modelYear: v.model_year };
      if (v.make === null || v.model === null || v.model_year === null) {
        return { ...base, status: 'unknown-model', campaigns: [], fetchedAt: null, lastError: null };
      }
      const key = { make: v.make, model: v.model, modelYear: v.model_year };
      const cached = await getModel(db, key);
      if (cached === null) return { ...base, status: 'not-checked', campaigns: [], fetchedAt: null, lastError: lastError(key) };
      return { ...base, status: cached.status, campaigns: cached.campaigns, fetchedAt: cached.fetchedAt, lastError: null };
    },
  };
}
