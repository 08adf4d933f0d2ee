/**
 * The overview's counts: each list sums to the total, and the table filter each bar applies
 * matches exactly the vehicles the bar counted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { VehicleListQuery } from '../../../../../shared/vehicles/vehicle-query';
import { generateVins } from '../../../../../testing/fleet-generator';
import { simulateDecode } from '../../../../../testing/vpic-simulator/simulated-decode';
import { openDatabase } from '../db/open-database';
import { mapVpicResult } from '../../../lookup/vpic-record';
import { listVehicles, upsertManyDecoded } from '../vehicles/vehicle-repository';
import { fleetOverview } from './fleet-overview-query';

let dir: string;
let db: Database;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'overview-'));
  db = openDatabase(path.join(dir, 'fleet.sqlite'));
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('counts every dimension, each summing to the total, and each bar filters the table to its count', () => {
  const at = new Date('2025-01-01T00:00:00Z');
  const vins = generateVins(99, 400);
  // Some with a wrong check digit (vPIC code 1) and some decoded offline, as real fleets have.
  const vehicles = vins.map((vin, i) => {
    const record = mapVpicResult(simulateDecode(vin, { referenceYear: 2025 }), at, vin);
    if (i % 9 === 0) return { ...record, errorCodes: ['1'] };
    if (i % 13 === 0) return { ...record, source: 'offline' as const };
    return record;
  });
  upsertManyDecoded(db, vehicles.map((vehicle) => ({ vehicle })), at);

  const o = fleetOverview(db);
  expect(o.total).toBe(400);
  const sum = (list: readonly { count: number }[]): number => list.reduce((n, x) => n + x.count, 0);
  for (const list of [o.byMake, o.byModelYear, o.byBodyClass, o.byVehicleType, o.byGvwrClass, o.bySource, o.byQuality, o.recalls.byStatus]) {
    expect(sum(list)).toBe(400);
  }
  expect(o.byQuality.find((q) => q.quality === 'check-digit')?.count).toBe(vehicles.filter((v) => v.errorCodes.includes('1')).length);
  expect(o.byGvwrClass.every((g) => g.gvwrClass === null || !g.gvwrClass.includes(':'))).toBe(true);
  expect(o.recalls.byStatus.find((s) => s.status === 'not-checked')?.count).toBe(400 - (o.recalls.byStatus.find((s) => s.status === 'unknown-model')?.count ?? 0));

  const total = (filter: Partial<VehicleListQuery>): number => listVehicles(db, { offset: 0, limit: 1, ...filter }).total;
  for (const r of o.byMake) if (r.make !== null) expect(total({ make: r.make })).toBe(r.count);
  for (const r of o.byModelYear) if (r.modelYear !== null) expect(total({ yearFrom: r.modelYear, yearTo: r.modelYear })).toBe(r.count);
  for (const r of o.byBodyClass) if (r.bodyClass !== null) expect(total({ bodyClass: r.bodyClass })).toBe(r.count);
  for (const r of o.byVehicleType) if (r.vehicleType !== null) expect(total({ vehicleType: r.vehicleType })).toBe(r.count);
  for (const r of o.byGvwrClass) if (r.gvwrClass !== null) expect(total({ gvwrClass: r.gvwrClass })).toBe(r.count);
  for (const r of o.bySource) expect(total({ source: r.source })).toBe(r.count);
  for (const r of o.byQuality) expect(total({ quality: r.quality })).toBe(r.count);
  for (const r of o.recalls.byStatus) expect(total({ recallStatus: r.status })).toBe(r.count);
});
