/**
 * Measures fleet-table queries at 100k vehicles (test-only script, not part of the app).
 *
 *   npx tsx bench/vehicle-list-speed.ts [count]
 *
 * Builds a temporary database of realistic rows (the vPIC simulator's full ~140-field records),
 * then times each list query (median of several runs, warm cache) and, for search, compares the
 * FTS5 trigram index with a plain `LIKE '%x%'` scan. The numbers chose the search design of
 * migration 2; rerun after changing the schema or the query builder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { openDatabase } from '../electron/core/storage/sqlite/db/open-database';
import { mapVpicResult } from '../electron/core/lookup/vpic-record';
import { generateVins } from '../testing/fleet-generator';
import { simulateDecode } from '../testing/vpic-simulator/simulated-decode';
import type { DecodedVehicle } from '../shared/vehicle';
import { vehicleListQuerySchema, type VehicleListQueryInput } from '../shared/vehicles/vehicle-query';
import { escapeLike } from '../electron/core/storage/sqlite/vehicles/vehicle-list-sql';
import { iterateVehicles, listVehicles, upsertManyDecoded, vehicleFacets } from '../electron/core/storage/sqlite/vehicles/vehicle-repository';

const count = Number(process.argv[2] ?? 100_000);
const RUNS = 7;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time(fn: () => unknown): number {
  fn(); // warm: prepare and page cache
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

function seed(db: Database): void {
  const vins = generateVins(42, count);
  const decodedAt = new Date('2025-03-01T00:00:00Z');
  const batch: { vehicle: DecodedVehicle; attributes: Record<string, string> }[] = [];
  const flush = (): void => {
    upsertManyDecoded(db, batch, decodedAt);
    batch.length = 0;
  };
  vins.forEach((vin, i) => {
    const decoded = mapVpicResult(simulateDecode(vin, { referenceYear: 2025 }), decodedAt, vin);
    const vehicle: DecodedVehicle = {
      ...decoded,
      source: i % 10 === 0 ? 'offline' : 'vpic',
      errorCodes: i % 17 === 0 ? ['1', '11'] : decoded.errorCodes,
    };
    batch.push({ vehicle, attributes: { unit: `U-${i}`, depot: `D${i % 40}` } });
    if (batch.length === 5000) flush();
  });
  flush();
}

function main(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vehicle-list-speed-'));
  const file = path.join(dir, 'fleet.sqlite');
  const db = openDatabase(file);
  try {
    let start = performance.now();
    seed(db);
    console.log(`seeded ${count} vehicles in ${(performance.now() - start).toFixed(0)} ms`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    console.log(`database size ${(fs.statSync(file).size / 1e6).toFixed(1)} MB`);
    db.exec('ANALYZE');

    const list = (q: VehicleListQueryInput) => () => listVehicles(db, vehicleListQuerySchema.parse(q));
    const cases: [string, VehicleListQueryInput][] = [
      ['first page, default order', {}],
      ['last page, default order (offset count-100)', { offset: count - 100 }],
      ['middle page sorted by make desc', { offset: Math.floor(count / 2), sort: { column: 'make', direction: 'desc' } }],
    ];
    for (const column of ['vin', 'make', 'model', 'modelYear', 'bodyClass', 'source', 'decodedAt', 'updatedAt'] as const) {
      cases.push([`sort ${column} asc`, { sort: { column, direction: 'asc' } }]);
      cases.push([`sort ${column} desc`, { sort: { column, direction: 'desc' } }]);
    }
    cases.push(
      ['search "PETER" (many matches)', { search: 'peter' }],
      ['search "PETER" sorted by model', { search: 'peter', sort: { column: 'model', direction: 'asc' } }],
      ['search VIN fragment (6 chars)', { search: '' }],
      ['search no match "zzzzq"', { search: 'zzzzq' }],
      ['search 2 chars "1x" (LIKE fallback)', { search: '1x' }],
      ['make = KENWORTH', { make: 'kenworth' }],
      ['year 2010..2015 sorted by year desc', { yearFrom: 2010, yearTo: 2015, sort: { column: 'modelYear', direction: 'desc' } }],
      ['source offline', { source: 'offline' }],
      ['hasErrors true', { hasErrors: true }],
      ['hasErrors true sorted by make desc, offset 2000', { hasErrors: true, offset: 2000, sort: { column: 'make', direction: 'desc' } }],
      ['yearFrom 2000 (matches all) sorted by make, first page', { yearFrom: 2000, sort: { column: 'make', direction: 'asc' } }],
      ['yearFrom 2000 (matches all) sorted by make, offset count/2', { yearFrom: 2000, offset: Math.floor(count / 2), sort: { column: 'make', direction: 'asc' } }],
      ['source offline sorted by modelYear desc, offset 5000', { source: 'offline', offset: 5000, sort: { column: 'modelYear', direction: 'desc' } }],
      ['make + years + search + sort', { make: 'PETERBILT', yearFrom: 2005, search: '388', sort: { column: 'decodedAt', direction: 'desc' } }],
    );
    // A VIN fragment that exists: characters 4..10 of some stored VIN.
    const someVin = (db.prepare('SELECT vin FROM vehicles WHERE id = 777').get() as { vin: string }).vin;
    cases.find(([name]) => name.startsWith('search VIN fragment'))![1].search = someVin.slice(4, 10).toLowerCase();

    console.log('\nlistVehicles (rows + COUNT), median of', RUNS, 'runs:');
    for (const [name, q] of cases) {
      const page = list(q)();
      console.log(`  ${time(list(q)).toFixed(2).padStart(8)} ms  ${name}  (total ${page.total})`);
    }

    console.log('\nsearch alternatives (COUNT + first page by id), same text; LIKE over the table, NOT INDEXED:');
    for (const text of ['peter', someVin.slice(4, 10), 'zzzzq', 'W9 S']) {
      const pattern = `%${escapeLike(text)}%`;
      const like = db.prepare(
        "SELECT id FROM vehicles NOT INDEXED WHERE vin LIKE @p ESCAPE '\\' OR make LIKE @p ESCAPE '\\' OR model LIKE @p ESCAPE '\\' ORDER BY id LIMIT 100",
      );
      const likeCount = db.prepare(
        "SELECT COUNT(*) FROM vehicles NOT INDEXED WHERE vin LIKE @p ESCAPE '\\' OR make LIKE @p ESCAPE '\\' OR model LIKE @p ESCAPE '\\'",
      );
      const likeIndexCount = db.prepare(
        "SELECT COUNT(*) FROM vehicles INDEXED BY vehicles_search_text WHERE vin LIKE @p ESCAPE '\\' OR make LIKE @p ESCAPE '\\' OR model LIKE @p ESCAPE '\\'",
      );
      const fts = db.prepare('SELECT rowid FROM vehicles_search WHERE vehicles_search MATCH ? ORDER BY rowid LIMIT 100');
      const ftsCount = db.prepare('SELECT COUNT(*) FROM vehicles_search WHERE vehicles_search MATCH ?');
      const phrase = `"${text.replace(/"/g, '""')}"`;
      const likeMs = time(() => (like.all({ p: pattern }), likeCount.get({ p: pattern })));
      const ftsMs = time(() => (fts.all(phrase), ftsCount.get(phrase)));
      const likeIndexMs = time(() => likeIndexCount.get({ p: pattern }));
      console.log(
        `  "${text}": LIKE table ${likeMs.toFixed(2)} ms, LIKE COUNT on (vin, make, model) index ${likeIndexMs.toFixed(2)} ms, FTS5 trigram ${ftsMs.toFixed(2)} ms`,
      );
    }

    console.log(`\nvehicleFacets: ${time(() => vehicleFacets(db)).toFixed(2)} ms`);
    start = performance.now();
    let seen = 0;
    for (const batch of iterateVehicles(db, {}, 1000)) seen += batch.length;
    console.log(`iterateVehicles over ${seen} rows: ${(performance.now() - start).toFixed(0)} ms`);
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
