/**
 * The vehicles cache on PostgreSQL: upserts that keep ids, pages, counts, facets.
 *
 * Rows are selected with SQLite's column names and types (`attributes_json` as text), so the
 * SQLite store's `vehicleFromDb`/`vehicleRowFromDb` map them. Functions take a kysely handle
 * that may be a transaction, so an import chunk's writes share one.
 */
import { sql, type Kysely } from 'kysely';
import type { DecodedVehicle, Vehicle } from '../../../../shared/vehicle';
import type { RecallSummary } from '../../../../shared/recalls/recall-types';
import type { VehicleFacets, VehicleFilter, VehicleListPage, VehicleListQuery } from '../../../../shared/vehicles/vehicle-query';
import { fleetColumnParams, FLEET_COLUMNS } from '../../vehicles/fleet-field-columns';
import {
  DECODE_COLUMNS,
  decodeParams,
  VEHICLE_ROW_COLUMNS,
  vehicleFromDb,
  vehicleRowFromDb,
  type VehicleDbRow,
  type VehicleListDbRow,
} from '../../vehicles/vehicle-row-mapping';
import type { UpsertItem, UpsertResult, VehicleStore } from '../fleet-store';
import type { FleetDatabase } from './postgres-schema';
import { orderBySql, RECALL_MATCH, RECALL_STATUS_EXPR, whereSql } from './postgres-vehicle-sql';
import { withTransaction } from './postgres-transactions';

type Db = Kysely<FleetDatabase>;

/** jsonb read back as the JSON text SQLite stores. */
const ATTRIBUTES_AS_TEXT = 'v.attributes_json::text AS attributes_json';

/** The table row's columns (`VehicleListDbRow`), qualified with `v`. */
export const LIST_SELECT = VEHICLE_ROW_COLUMNS.split(', ')
  .map((c) => (c === 'attributes_json' ? ATTRIBUTES_AS_TEXT : `v.${c}`))
  .join(', ');

/** Every stored column but the generated search text, as `VehicleDbRow`. */
export const VEHICLE_SELECT = ['v.id', ...DECODE_COLUMNS.map((c) => `v.${c}`), ATTRIBUTES_AS_TEXT, 'v.created_at', 'v.updated_at', ...FLEET_COLUMNS.map((c) => `v.${c}`)].join(', ');

/** Columns an insert writes (the id comes from the identity). */
const INSERT_COLUMNS = [...DECODE_COLUMNS, ...FLEET_COLUMNS, 'attributes_json', 'created_at', 'updated_at'];

/** Rows per INSERT: 36 parameters each stays far below PostgreSQL's 65,535. */
const UPSERT_BATCH = 1000;

const UPSERT_SET = [
  ...DECODE_COLUMNS.filter((c) => c !== 'vin').map((c) => `${c} = EXCLUDED.${c}`),
  // Fleet fields the file names overwrite; the ones it leaves empty keep their stored value.
  ...FLEET_COLUMNS.map((c) => `${c} = COALESCE(EXCLUDED.${c}, vehicles.${c})`),
  // Keys from the file overwrite, other stored keys are kept (SQLite's json_patch of strings).
  'attributes_json = vehicles.attributes_json || EXCLUDED.attributes_json',
  'updated_at = EXCLUDED.updated_at',
  // id and created_at are deliberately absent: an update never changes them.
].join(', ');

function insertValues(item: UpsertItem, nowIso: string): unknown[] {
  const fleet = fleetColumnParams(item.attributes);
  const decode = decodeParams(item.vehicle) as unknown as Record<string, unknown>;
  return INSERT_COLUMNS.map((c) => {
    if (c === 'attributes_json') return fleet.customJson;
    if (c === 'created_at' || c === 'updated_at') return nowIso;
    return c in fleet.columns ? fleet.columns[c] : decode[c];
  });
}

/**
 * Rounds in which each VIN appears at most once (an INSERT … ON CONFLICT may touch a row once),
 * later repeats of a VIN in later rounds so they apply in input order. Within a round, VIN order:
 * two desks writing overlapping chunks lock rows in the same order and cannot deadlock.
 */
function upsertRounds(items: readonly UpsertItem[]): number[][] {
  const rounds: number[][] = [];
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const round = seen.get(item.vehicle.vin) ?? 0;
    seen.set(item.vehicle.vin, round + 1);
    (rounds[round] ??= []).push(index);
  });
  for (const round of rounds) round.sort((a, b) => (items[a]!.vehicle.vin < items[b]!.vehicle.vin ? -1 : items[a]!.vehicle.vin > items[b]!.vehicle.vin ? 1 : 0));
  return rounds;
}

/** Upsert inside the caller's transaction; results in input order. */
export async function upsertMany(db: Db, items: readonly UpsertItem[], now: Date): Promise<UpsertResult[]> {
  const nowIso = now.toISOString();
  const results: UpsertResult[] = new Array<UpsertResult>(items.length);
  const columns = sql.raw(INSERT_COLUMNS.join(', '));
  for (const round of upsertRounds(items)) {
    for (let i = 0; i < round.length; i += UPSERT_BATCH) {
      const batch = round.slice(i, i + UPSERT_BATCH);
      const rows = batch.map((index) => {
        const values = insertValues(items[index]!, nowIso).map((value, c) =>
          INSERT_COLUMNS[c] === 'attributes_json' ? sql`${value}::jsonb` : sql`${value}`,
        );
        return sql`(${sql.join(values)})`;
      });
      // xmax = 0 only on a freshly inserted row version: "created" comes from the write itself,
      // so two desks storing the same VIN at once count it once.
      const { rows: returned } = await sql<{ id: number; vin: string; created: boolean }>`
        INSERT INTO vehicles (${columns}) VALUES ${sql.join(rows)}
        ON CONFLICT (vin) DO UPDATE SET ${sql.raw(UPSERT_SET)}
        RETURNING id, vin, (xmax = 0) AS created`.execute(db);
      const byVin = new Map(returned.map((r) => [r.vin, r]));
      for (const index of batch) {
        const row = byVin.get(items[index]!.vehicle.vin);
        if (row === undefined) throw new Error(`Upsert of ${items[index]!.vehicle.vin} returned no row`);
        results[index] = { id: row.id, created: row.created };
      }
    }
  }
  return results;
}

/** Merge a file row's columns into a stored vehicle, leaving its decode alone; false when the VIN is unknown. */
export async function updateAttributes(db: Db, vin: string, attributes: Readonly<Record<string, string>>, now: Date): Promise<boolean> {
  const fleet = fleetColumnParams(attributes);
  const sets = FLEET_COLUMNS.map((c) => sql`${sql.ref(c)} = COALESCE(${fleet.columns[c] ?? null}, ${sql.ref(c)})`);
  const result = await sql`
    UPDATE vehicles SET ${sql.join(sets)}, attributes_json = attributes_json || ${fleet.customJson}::jsonb,
      updated_at = ${now.toISOString()}
    WHERE vin = ${vin}`.execute(db);
  return (result.numAffectedRows ?? 0n) > 0n;
}

/** Replace the decode of vehicles still stored (never insert); the VINs updated, in input order. */
export async function updateDecoded(db: Db, vehicles: readonly DecodedVehicle[], now: Date): Promise<string[]> {
  const updated: string[] = [];
  for (const vehicle of vehicles) {
    const params = decodeParams(vehicle) as unknown as Record<string, unknown>;
    const sets = DECODE_COLUMNS.filter((c) => c !== 'vin').map((c) => sql`${sql.ref(c)} = ${params[c]}`);
    const result = await sql`UPDATE vehicles SET ${sql.join(sets)}, updated_at = ${now.toISOString()} WHERE vin = ${vehicle.vin}`.execute(db);
    if ((result.numAffectedRows ?? 0n) > 0n) updated.push(vehicle.vin);
  }
  return updated;
}

interface ListRow extends VehicleListDbRow {
  readonly recall_status: RecallSummary['status'];
  readonly recall_count: number | null;
  readonly recall_park: number | null;
}

function summaryOf(row: ListRow): RecallSummary {
  const found = row.recall_status === 'found';
  return { status: row.recall_status, count: found ? (row.recall_count ?? 0) : 0, parkCount: found ? (row.recall_park ?? 0) : 0 };
}

export async function countMatching(db: Db, filter: VehicleFilter = {}): Promise<number> {
  const { rows } = await sql<{ total: number }>`SELECT count(*)::int AS total FROM vehicles v ${whereSql(filter)}`.execute(db);
  return rows[0]?.total ?? 0;
}

function filterOf(query: VehicleListQuery): VehicleFilter {
  const { sort: _sort, offset: _offset, limit: _limit, ...filter } = query;
  return filter;
}

export function createVehicleStore(db: Db): VehicleStore {
  const selectWhere = async (condition: ReturnType<typeof sql>): Promise<VehicleDbRow[]> =>
    (await sql<VehicleDbRow>`SELECT ${sql.raw(VEHICLE_SELECT)} FROM vehicles v WHERE ${condition}`.execute(db)).rows;
  return {
    async upsertDecoded(item, now) {
      const [result] = await withTransaction(db, (trx) => upsertMany(trx, [item], now));
      return result!;
    },
    upsertManyDecoded: (items, now) => withTransaction(db, (trx) => upsertMany(trx, items, now)),
    updateDecodedIfPresent: (vehicles, now) => withTransaction(db, (trx) => updateDecoded(trx, vehicles, now)),
    async getByVin(vin) {
      const [row] = await selectWhere(sql`v.vin = ${vin}`);
      return row === undefined ? null : vehicleFromDb(row);
    },
    async getById(id) {
      const [row] = await selectWhere(sql`v.id = ${id}`);
      return row === undefined ? null : vehicleFromDb(row);
    },
    async getManyByVin(vins) {
      const found = new Map<string, Vehicle>();
      if (vins.length === 0) return found;
      for (const row of await selectWhere(sql`v.vin = ANY(${[...new Set(vins)]}::text[])`)) found.set(row.vin, vehicleFromDb(row));
      return found;
    },
    async list(query) {
      const offset = query.offset ?? 0;
      const limit = query.limit ?? 100;
      // One snapshot for the page and its total, as SQLite's read transaction gives.
      return db
        .transaction()
        .setIsolationLevel('repeatable read')
        .setAccessMode('read only')
        .execute(async (trx) => {
          const { rows } = await sql<ListRow>`
            SELECT ${sql.raw(LIST_SELECT)}, ${sql.raw(RECALL_STATUS_EXPR)} AS recall_status,
                   r.campaign_count AS recall_count, r.park_count AS recall_park
            FROM vehicles v LEFT JOIN recall_models r ON ${sql.raw(RECALL_MATCH)}
            ${whereSql(query)} ${sql.raw(orderBySql(query.sort))} LIMIT ${limit} OFFSET ${offset}`.execute(trx);
          const total = await countMatching(trx, filterOf(query));
          return { total, offset, rows: rows.map((row) => ({ ...vehicleRowFromDb(row), recalls: summaryOf(row) })) } satisfies VehicleListPage;
        });
    },
    count: (filter) => countMatching(db, filter),
    async facets(): Promise<VehicleFacets> {
      return db
        .transaction()
        .setIsolationLevel('repeatable read')
        .setAccessMode('read only')
        .execute(async (trx) => {
          // Grouped case-insensitively: "Ford"/"FORD" is one entry, matching the make filter.
          const makes = await sql<{ value: string }>`
            SELECT min(make COLLATE "C") AS value FROM vehicles WHERE make IS NOT NULL
            GROUP BY lower(make) COLLATE "C" ORDER BY lower(make) COLLATE "C"`.execute(trx);
          const bodies = await sql<{ value: string }>`
            SELECT min(body_class COLLATE "C") AS value FROM vehicles WHERE body_class IS NOT NULL
            GROUP BY lower(body_class) COLLATE "C" ORDER BY lower(body_class) COLLATE "C"`.execute(trx);
          const years = await sql<{ yearMin: number | null; yearMax: number | null; total: number }>`
            SELECT min(model_year) AS "yearMin", max(model_year) AS "yearMax", count(*)::int AS total FROM vehicles`.execute(trx);
          const y = years.rows[0];
          return {
            makes: makes.rows.map((r) => r.value),
            bodyClasses: bodies.rows.map((r) => r.value),
            yearMin: y?.yearMin ?? null,
            yearMax: y?.yearMax ?? null,
            total: y?.total ?? 0,
          };
        });
    },
    async listOfflineVins(limit) {
      const { rows } = await sql<{ vin: string }>`SELECT vin FROM vehicles WHERE source = 'offline' ORDER BY id LIMIT ${limit}`.execute(db);
      return rows.map((r) => r.vin);
    },
    async idsMatching(filter) {
      const { rows } = await sql<{ id: number }>`SELECT v.id FROM vehicles v ${whereSql(filter)} ORDER BY v.id`.execute(db);
      return rows.map((r) => r.id);
    },
    async pageAfterId(afterId, limit) {
      const { rows } = await sql<VehicleDbRow>`
        SELECT ${sql.raw(VEHICLE_SELECT)} FROM vehicles v WHERE v.id > ${afterId} ORDER BY v.id LIMIT ${limit}`.execute(db);
      return rows.map(vehicleFromDb);
    },
  };
}
