/**
 * The vehicles cache: every read and write of the `vehicles` table.
 *
 * Functions take the database handle first (Actual Budget / Signal Desktop style) so the
 * desktop app, the CLI and the tests share them without mocks. Every multi-row write is one
 * transaction. Ids are stable: an upsert of a known VIN updates the row in place, and an undone
 * delete (undo-stash.ts) restores the exact id (the table is AUTOINCREMENT, so ids are never reused).
 */
import type { Database } from 'better-sqlite3';
import type { DecodedVehicle, Vehicle } from '../../../../../shared/vehicle';
import type {
  VehicleFacets,
  VehicleFilter,
  VehicleListPage,
  VehicleListQuery,
} from '../../../../../shared/vehicles/vehicle-query';
import type { UpsertItem, UpsertResult } from '../../fleet-store';
import { readTransaction, writeTransaction } from '../db/transactions';
import { fleetColumnParams, FLEET_COLUMNS } from '../../../vehicles/fleet-field-columns';
import { cachedStatement } from './statement-cache';

export type { UpsertItem, UpsertResult };
import { countSql, orderBySql, whereSql } from './vehicle-list-sql';
import {
  DECODE_COLUMNS,
  decodeParams,
  VEHICLE_ROW_COLUMNS,
  vehicleFromDb,
  vehicleRowFromDb,
  type VehicleDbRow,
  type VehicleListDbRow,
} from '../../../vehicles/vehicle-row-mapping';

/** SQLite's default limit on bound parameters is 32766, but small IN lists plan and cache better. */
export const MAX_IN_LIST = 500;

const INSERT_COLUMNS = [...DECODE_COLUMNS, ...FLEET_COLUMNS, 'attributes_json', 'created_at', 'updated_at'];

const UPSERT_SQL = `
  INSERT INTO vehicles (${INSERT_COLUMNS.join(', ')})
  VALUES (${INSERT_COLUMNS.map((c) => `@${c}`).join(', ')})
  ON CONFLICT (vin) DO UPDATE SET
    ${DECODE_COLUMNS.filter((c) => c !== 'vin')
      .map((c) => `${c} = excluded.${c}`)
      .join(',\n    ')},
    -- Fleet fields the file names overwrite; the ones it leaves empty keep their stored value.
    ${FLEET_COLUMNS.map((c) => `${c} = COALESCE(excluded.${c}, vehicles.${c})`).join(',\n    ')},
    -- json_patch (RFC 7396): keys from the file overwrite, other stored keys are kept.
    attributes_json = json_patch(vehicles.attributes_json, excluded.attributes_json),
    updated_at = excluded.updated_at
    -- id and created_at are deliberately absent: an update never changes them.
  RETURNING id`;

function upsertOne(db: Database, item: UpsertItem, nowIso: string): UpsertResult {
  const existing = cachedStatement<{ id: number }>(db, 'SELECT id FROM vehicles WHERE vin = ?').get(item.vehicle.vin);
  const fleet = fleetColumnParams(item.attributes);
  const row = cachedStatement<{ id: number }>(db, UPSERT_SQL).get({
    ...decodeParams(item.vehicle),
    ...fleet.columns,
    attributes_json: fleet.customJson,
    created_at: nowIso,
    updated_at: nowIso,
  });
  if (row === undefined) throw new Error(`Upsert of ${item.vehicle.vin} returned no row`);
  return { id: row.id, created: existing === undefined };
}

/**
 * Store a decode: insert a new VIN, or update the known one in place.
 *
 * On update the id and created_at never change, the decode columns are replaced, and
 * `attributes` (when given) are merged into the stored ones.
 */
export function upsertDecoded(
  db: Database,
  vehicle: DecodedVehicle,
  now: Date,
  attributes?: Readonly<Record<string, string>>,
): UpsertResult {
  // A transaction so the existence check and the write see the same state.
  return writeTransaction(db, () => upsertOne(db, { vehicle, attributes }, now.toISOString()));
}

/** `upsertDecoded` for many vehicles in one transaction (all stored, or none). */
export function upsertManyDecoded(db: Database, items: readonly UpsertItem[], now: Date): UpsertResult[] {
  const nowIso = now.toISOString();
  return writeTransaction(db, () => items.map((item) => upsertOne(db, item, nowIso)));
}

const UPDATE_DECODED_SQL = `
  UPDATE vehicles SET
    ${DECODE_COLUMNS.filter((c) => c !== 'vin')
      .map((c) => `${c} = @${c}`)
      .join(',\n    ')},
    updated_at = @updated_at
  WHERE vin = @vin`;

/**
 * Replace the decode of vehicles that are still stored; never insert.
 *
 * For re-decodes (offline records once vPIC is back, an import's refresh): the VIN list was read
 * before an await, and a vehicle the user removed meanwhile must stay removed — an upsert would
 * bring it back under a new id, and the remove's Undo would then be skipped. Id, created_at and
 * attributes are kept. One transaction; returns the VINs that were updated, in input order.
 */
export function updateDecodedIfPresent(db: Database, vehicles: readonly DecodedVehicle[], now: Date): string[] {
  const update = cachedStatement(db, UPDATE_DECODED_SQL);
  const nowIso = now.toISOString();
  return writeTransaction(db, () =>
    vehicles.filter((vehicle) => update.run({ ...decodeParams(vehicle), updated_at: nowIso }).changes > 0).map((v) => v.vin),
  );
}

const UPDATE_ATTRIBUTES_SQL = `
  UPDATE vehicles SET
    ${FLEET_COLUMNS.map((c) => `${c} = COALESCE(@${c}, ${c})`).join(',\n    ')},
    attributes_json = json_patch(attributes_json, @attributes_json),
    updated_at = @updated_at
  WHERE vin = @vin`;

/**
 * Merge a file row's columns into a stored vehicle, leaving its decode alone. Standard fields go
 * to their columns, the rest to the custom attributes. False when the VIN is unknown.
 */
export function updateAttributes(
  db: Database,
  vin: string,
  attributes: Readonly<Record<string, string>>,
  now: Date,
): boolean {
  const fleet = fleetColumnParams(attributes);
  const result = cachedStatement(db, UPDATE_ATTRIBUTES_SQL).run({
    ...fleet.columns,
    attributes_json: fleet.customJson,
    updated_at: now.toISOString(),
    vin,
  });
  return result.changes > 0;
}

export function getByVin(db: Database, vin: string): Vehicle | null {
  const row = cachedStatement<VehicleDbRow>(db, 'SELECT * FROM vehicles WHERE vin = ?').get(vin);
  return row === undefined ? null : vehicleFromDb(row);
}

export function getById(db: Database, id: number): Vehicle | null {
  const row = cachedStatement<VehicleDbRow>(db, 'SELECT * FROM vehicles WHERE id = ?').get(id);
  return row === undefined ? null : vehicleFromDb(row);
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

/** The stored vehicles among `vins`, keyed by VIN (unknown VINs are absent). */
export function getManyByVin(db: Database, vins: readonly string[]): Map<string, Vehicle> {
  const found = new Map<string, Vehicle>();
  for (const chunk of chunks([...new Set(vins)], MAX_IN_LIST)) {
    const sql = `SELECT * FROM vehicles WHERE vin IN (${placeholders(chunk.length)})`;
    for (const row of cachedStatement<VehicleDbRow>(db, sql).all(...chunk)) {
      found.set(row.vin, vehicleFromDb(row));
    }
  }
  return found;
}

/** Delete by VIN; says per VIN (in input order) whether a row was removed. */
export function removeByVins(db: Database, vins: readonly string[]): { vin: string; removed: boolean }[] {
  const remove = cachedStatement(db, 'DELETE FROM vehicles WHERE vin = ?');
  return writeTransaction(db, () => vins.map((vin) => ({ vin, removed: remove.run(vin).changes > 0 })));
}

/** The query's filters alone (the count asks whether only words filter). */
function filterOf(query: VehicleListQuery): VehicleFilter {
  const { sort: _sort, offset: _offset, limit: _limit, ...filter } = query;
  return filter;
}

/** One page of the fleet table: filtered, sorted (ties broken by id), with the total match count. */
export function listVehicles(db: Database, query: VehicleListQuery): VehicleListPage {
  const where = whereSql(query);
  const offset = query.offset ?? 0;
  const limit = query.limit ?? 100;
  const orderBy = orderBySql(query.sort);
  // Deferred join: find the page's ids first, then read those rows. The inner query can walk an
  // index (sort column + rowid) past OFFSET rows without touching the table, whose ~4 KB rows
  // (one page each, the vPIC record is in the row) made deep pages cost ~110 ms at 100k rows.
  const rowsSql =
    `SELECT ${VEHICLE_ROW_COLUMNS} FROM vehicles v WHERE v.id IN ` +
    `(SELECT v.id FROM vehicles v ${where.sql} ${orderBy} LIMIT ? OFFSET ?) ${orderBy}`;
  const count = countSql(filterOf(query));
  return readTransaction(db, () => {
    // One read transaction: the count and the page describe the same snapshot.
    const rows = cachedStatement<VehicleListDbRow>(db, rowsSql).all(...where.params, limit, offset);
    const total = cachedStatement<{ total: number }>(db, count.sql).get(...count.params)?.total ?? 0;
    return { total, offset, rows: rows.map(vehicleRowFromDb) };
  });
}

export function countVehicles(db: Database): number {
  return cachedStatement<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM vehicles').get()?.n ?? 0;
}

/** Values for the filter dropdowns. */
export function vehicleFacets(db: Database): VehicleFacets {
  return readTransaction(db, () => {
    // GROUP BY … NOCASE walks the NOCASE make index and folds "Ford"/"FORD" into one entry,
    // matching the case-insensitive make filter.
    const makes = cachedStatement<{ make: string }>(
      db,
      'SELECT make FROM vehicles WHERE make IS NOT NULL GROUP BY make COLLATE NOCASE ORDER BY make COLLATE NOCASE',
    )
      .all()
      .map((r) => r.make);
    const bodyClasses = cachedStatement<{ bodyClass: string }>(
      db,
      'SELECT body_class AS bodyClass FROM vehicles WHERE body_class IS NOT NULL GROUP BY body_class COLLATE NOCASE ORDER BY body_class COLLATE NOCASE',
    )
      .all()
      .map((r) => r.bodyClass);
    const years = cachedStatement<{ yearMin: number | null; yearMax: number | null; total: number }>(
      db,
      'SELECT MIN(model_year) AS yearMin, MAX(model_year) AS yearMax, COUNT(*) AS total FROM vehicles',
    ).get();
    return { makes, bodyClasses, yearMin: years?.yearMin ?? null, yearMax: years?.yearMax ?? null, total: years?.total ?? 0 };
  });
}

/**
 * Every vehicle matching `filter`, in id order, a batch at a time.
 *
 * Keyset pagination (`id > last`) so exporters never hold the whole table and each batch is an
 * index seek, not an OFFSET walk. Each batch is read with `.all()`, so the caller may write to the
 * database between batches; rows inserted meanwhile with a higher id are included.
 */
export function* iterateVehicles(db: Database, filter: VehicleFilter = {}, batchSize = 1000): Generator<Vehicle[]> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer`);
  const where = whereSql(filter);
  const keyset = where.sql ? `${where.sql} AND v.id > ?` : 'WHERE v.id > ?';
  const sql = `SELECT v.* FROM vehicles v ${keyset} ORDER BY v.id LIMIT ?`;
  let lastId = -1;
  for (;;) {
    const rows = cachedStatement<VehicleDbRow>(db, sql).all(...where.params, lastId, batchSize);
    if (rows.length === 0) return;
    lastId = rows[rows.length - 1]!.id;
    yield rows.map(vehicleFromDb);
    if (rows.length < batchSize) return;
  }
}

/** Up to `limit` vehicles with an id above `afterId`, in id order (one keyset page). */
export function vehiclesAfterId(db: Database, afterId: number, limit: number): Vehicle[] {
  return cachedStatement<VehicleDbRow>(db, 'SELECT * FROM vehicles WHERE id > ? ORDER BY id LIMIT ?')
    .all(afterId, limit)
    .map(vehicleFromDb);
}

/** VINs decoded offline, in the order they were first stored, to re-decode online when vPIC is reachable. */
export function listOfflineVins(db: Database, limit: number): string[] {
  return cachedStatement<{ vin: string }>(
    db,
    "SELECT vin FROM vehicles WHERE source = 'offline' ORDER BY id LIMIT ?",
  )
    .all(limit)
    .map((r) => r.vin);
}

/** How many vehicles match `filter` (the table's filters, the export's rows). */
export function countMatching(db: Database, filter: VehicleFilter = {}): number {
  const where = whereSql(filter);
  return cachedStatement<{ n: number }>(db, `SELECT COUNT(*) AS n FROM vehicles v ${where.sql}`).get(...where.params)?.n ?? 0;
}

/** The ids of the vehicles matching `filter`, ascending ("remove all in this view"). */
export function idsMatching(db: Database, filter: VehicleFilter = {}): number[] {
  const where = whereSql(filter);
  return cachedStatement<{ id: number }>(db, `SELECT v.id AS id FROM vehicles v ${where.sql} ORDER BY v.id`)
    .all(...where.params)
    .map((r) => r.id);
}
