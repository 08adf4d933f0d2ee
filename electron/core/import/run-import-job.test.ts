/**
 * The import engine against generated fleet files (answer keys from the generator) and the
 * vPIC simulator: exact counts, the upsert rules, rejects, chunked resume.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateFleetCsv, type FleetCsvOptions } from '../../../testing/fleet-generator';
import { startVpicSimulator, type VpicSimulator } from '../../../testing/vpic-simulator/vpic-simulator';
import type { VpicClient } from '../lookup/vpic-client';
import { getByVin, countVehicles, removeByVins, upsertDecoded } from '../storage/sqlite/vehicles/vehicle-repository';
import { AppFailure } from '../ipc/app-failure';
import { getJob, listRejects, countRejects } from '../storage/sqlite/sqlite-import-job-store';
import { expectedColumns, newJob, openTestDatabase, storedColumns, tempDir, testVpicClient, vpicDecode } from '../../../testing/import-test-support';
import { runImportJob, type DecodeVins } from './run-import-job';
import { sqliteImportStores } from '../storage/sqlite/sqlite-import-stores';

let sim: VpicSimulator;
let client: VpicClient;
let dir: string;
let db: Database;

beforeAll(async () => {
  sim = await startVpicSimulator({ referenceYear: 2025 });
  client = testVpicClient(sim.url);
});
afterAll(async () => {
  client.close();
  await sim.close();
});
beforeEach(() => {
  dir = tempDir('import-engine-');
  db = openTestDatabase(dir);
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function writeCsv(name: string, options: FleetCsvOptions): { file: string; expected: ReturnType<typeof generateFleetCsv>['expected'] } {
  const { text, expected } = generateFleetCsv(options);
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return { file, expected };
}

function deps(decode: DecodeVins = vpicDecode(client), chunkSize = 50) {
  return { stores: sqliteImportStores(db), decode, now: () => new Date(), chunkSize };
}

describe('runImportJob', () => {
  it.each([
    ['commas', { delimiter: ',' as const }],
    ['semicolons, BOM, CRLF', { delimiter: ';' as const, bom: true, crlf: true }],
    ['tabs', { delimiter: '\t' as const }],
    ['a "Vehicle Identification Number" header', { vinHeader: 'Vehicle Identification Number', crlf: true }],
  ])('counts every row of a generated file exactly (%s)', async (_, variant) => {
    const { file, expected } = writeCsv('fleet.csv', {
      seed: 11,
      rows: 400,
      invalidRatio: 0.08,
      duplicateRatio: 0.1,
      checkDigitMismatchRatio: 0.03,
      extraColumns: true,
      ...variant,
    });
    const job = await runImportJob(deps(), newJob(db, file));
    expect(job.state).toBe('done');
    expect(job.counts).toEqual({
      total: expected.total,
      added: expected.validUnique.length,
      updated: 0,
      duplicates: expected.duplicates,
      invalid: expected.invalid.length,
      failed: 0,
    });
    expect(countVehicles(db)).toBe(expected.validUnique.length);
    // Every invalid row is in the report, with row number, raw value and the rule's code.
    const rejects = listRejects(db, job.jobId, 0, 500);
    expect(rejects.map((r) => ({ row: r.row, value: r.value, reason: r.code }))).toEqual(expected.invalid);
    expect(rejects.every((r) => r.kind === 'invalid' && r.reason.length > 0)).toBe(true);
    // Check-digit mismatches are warnings: still decoded and stored.
    for (const vin of expected.checkDigitWarnings) expect(getByVin(db, vin)).not.toBeNull();
    // Fleet attributes from the other columns, the VIN column excluded.
    const first = getByVin(db, expected.validUnique[0]!)!;
    expect(first.fleet.unitNumber).toMatch(/^U\d+$/);
    expect(first.fleet.plate).not.toBeNull();
    expect(first.attributes).not.toHaveProperty('VIN');
  });

  it('re-importing an edited file updates attributes, keeps ids, leaves other vehicles alone, calls no vPIC', async () => {
    const other = generateFleetCsv({ seed: 99, rows: 1 }).expected.validUnique[0]!;
    const { vehicle } = await client.decodeOne(other).then((v) => ({ vehicle: v }));
    const otherId = upsertDecoded(db, vehicle, new Date(), { plate: 'KEEP-1' }).id;

    const vins = generateFleetCsv({ seed: 5, rows: 30 }).expected.validUnique;
    const first = path.join(dir, 'first.csv');
    fs.writeFileSync(first, ['VIN,plate,department', ...vins.map((v, i) => `${v},P-${i},Ops`)].join('\n'));
    await runImportJob(deps(), newJob(db, first));
    const idsBefore = new Map(vins.map((v) => [v, getByVin(db, v)!.id]));

    const edited = path.join(dir, 'edited.csv');
    fs.writeFileSync(edited, ['vin;plate', ...vins.map((v, i) => `${v.toLowerCase()};NEW-${i}`)].join('\r\n'));
    sim.resetStats();
    const job = await runImportJob(deps(), newJob(db, edited));
    expect(job.counts).toEqual({ total: 30, added: 0, updated: 30, duplicates: 0, invalid: 0, failed: 0 });
    expect(sim.stats.requests).toBe(0);
    vins.forEach((v, i) => {
      const stored = getByVin(db, v)!;
      expect(stored.id).toBe(idsBefore.get(v));
      expect(storedColumns(stored)).toEqual(expectedColumns({ plate: `NEW-${i}`, department: 'Ops' }));
    });
    const untouched = getByVin(db, other)!;
    expect(untouched.id).toBe(otherId);
    expect(storedColumns(untouched)).toEqual(expectedColumns({ plate: 'KEEP-1' }));

    // refresh: the stored VINs are decoded again, still counted as updated, same ids.
    const refreshed = await runImportJob(deps(), newJob(db, edited, { refresh: true }));
    expect(refreshed.counts.updated).toBe(30);
    expect(sim.stats.vinsRequested).toBe(30);
    for (const v of vins) expect(getByVin(db, v)!.id).toBe(idsBefore.get(v));
  });

  it('counts decode failures, reports them and keeps total = sum of the parts', async () => {
    const { file, expected } = writeCsv('fleet.csv', { seed: 3, rows: 120, invalidRatio: 0.05, duplicateRatio: 0.05 });
    const broken = new Set(expected.validUnique.slice(0, 7));
    const decode: DecodeVins = async (vins) => {
      const ok = await vpicDecode(client)(vins.filter((v) => !broken.has(v)));
      return { decoded: ok.decoded, failed: vins.filter((v) => broken.has(v)).map((vin) => ({ vin, message: 'vPIC and offline both failed' })) };
    };
    const job = await runImportJob(deps(decode), newJob(db, file));
    const c = job.counts;
    expect(c.failed).toBe(7);
    expect(c.added).toBe(expected.validUnique.length - 7);
    expect(c.total).toBe(c.added + c.updated + c.duplicates + c.invalid + c.failed);
    const failedRows = listRejects(db, job.jobId, 0, 500).filter((r) => r.kind === 'failed');
    expect(failedRows.map((r) => r.code)).toEqual(Array(7).fill('DECODE_FAILED'));
    expect(countRejects(db, job.jobId)).toBe(7 + expected.invalid.length);
  });

  it.each([
    ['attributes only', false],
    ['refresh', true],
  ])('a stored vehicle removed while its chunk decodes still ends stored, counted as added (%s)', async (_, refresh) => {
    const [kept, removedMeanwhile, fresh] = generateFleetCsv({ seed: 41, rows: 3 }).expected.validUnique as [string, string, string];
    const before = await vpicDecode(client)([kept, removedMeanwhile]);
    for (const vehicle of before.decoded) upsertDecoded(db, vehicle, new Date(), { plate: 'OLD' });
    const removedId = getByVin(db, removedMeanwhile)!.id;
    const file = path.join(dir, 'fleet.csv');
    // removedMeanwhile has no other column: it must not be lost even when there is nothing to update.
    fs.writeFileSync(file, ['VIN,plate', `${kept},K-1`, removedMeanwhile, `${fresh},F-1`].join('\n'));
    const asked: string[][] = [];
    const decode: DecodeVins = async (vins) => {
      asked.push([...vins]);
      // The user removes a vehicle after the chunk was classified, before it is written.
      if (asked.length === 1) removeByVins(db, [removedMeanwhile]);
      return vpicDecode(client)(vins);
    };
    const job = await runImportJob(deps(decode), newJob(db, file, { refresh }));
    const c = job.counts;
    expect(c).toEqual({ total: 3, added: 2, updated: 1, duplicates: 0, invalid: 0, failed: 0 });
    expect(c.total).toBe(c.added + c.updated + c.duplicates + c.invalid + c.failed);
    expect(countRejects(db, job.jobId)).toBe(0);
    const back = getByVin(db, removedMeanwhile)!;
    expect(back).not.toBeNull();
    expect(back.id).not.toBe(removedId);
    expect(storedColumns(getByVin(db, kept)!)).toEqual(expectedColumns({ plate: 'K-1' }));
    expect(storedColumns(getByVin(db, fresh)!)).toEqual(expectedColumns({ plate: 'F-1' }));
    expect(countVehicles(db)).toBe(3);
  });

  it('resumes after a cancel with the counts of an uninterrupted run', async () => {
    const { file, expected } = writeCsv('fleet.csv', { seed: 21, rows: 600, invalidRatio: 0.05, duplicateRatio: 0.2, extraColumns: true });
    const controller = new AbortController();
    const jobId = newJob(db, file);
    let chunks = 0;
    const first = await runImportJob(
      { ...deps(), onCommitted: () => { chunks += 1; if (chunks === 3) controller.abort(); } },
      jobId,
      controller.signal,
    );
    expect(first.state).toBe('cancelled');
    expect(first.rowsCommitted).toBeGreaterThan(0);
    expect(first.rowsCommitted).toBeLessThan(600);
    const resumed = await runImportJob(deps(), jobId);
    expect(resumed.state).toBe('done');
    expect(resumed.counts).toEqual({
      total: 600,
      added: expected.validUnique.length,
      updated: 0,
      duplicates: expected.duplicates,
      invalid: expected.invalid.length,
      failed: 0,
    });
    expect(countVehicles(db)).toBe(expected.validUnique.length);
    expect(listRejects(db, jobId, 0, 500).map((r) => r.row)).toEqual(expected.invalid.map((r) => r.row));
  });

  it('finds the VIN column by its values, and asks when unsure', async () => {
    const vins = generateFleetCsv({ seed: 8, rows: 20 }).expected.validUnique;
    const byValues = path.join(dir, 'values.csv');
    fs.writeFileSync(byValues, ['unit,chassis,plate', ...vins.map((v, i) => `U${i},${v},P${i}`)].join('\n'));
    const job = await runImportJob(deps(), newJob(db, byValues));
    expect(job.vinColumn).toBe('chassis');
    expect(job.counts.added).toBe(20);

    const unsure = path.join(dir, 'unsure.csv');
    fs.writeFileSync(unsure, ['a,b', ...vins.map((v, i) => `${v},${vins[(i + 1) % vins.length]}`)].join('\n'));
    const failing = runImportJob(deps(), newJob(db, unsure));
    await expect(failing).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const chosen = await runImportJob(deps(), newJob(db, unsure, { vinColumn: 'b' }));
    expect(chosen.counts.updated).toBe(20);
  });

  it('fails clearly on a giant line and on binary data, storing nothing', async () => {
    const giant = path.join(dir, 'giant.csv');
    fs.writeFileSync(giant, `VIN\n${'A'.repeat(3 * 1024 * 1024)}\n`);
    const jobId = newJob(db, giant);
    const error = await runImportJob(deps(), jobId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).code).toBe('FILE_ERROR');
    expect(getJob(db, jobId)!.state).toBe('failed');

    const binary = path.join(dir, 'fleet.xlsx.csv');
    fs.writeFileSync(binary, Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)));
    await expect(runImportJob(deps(), newJob(db, binary))).rejects.toMatchObject({ code: 'FILE_ERROR' });
    expect(countVehicles(db)).toBe(0);
  });
  it('counts the vehicles decoded offline (vPIC down for part of the file), and only those', async () => {
    const { file, expected } = writeCsv('fleet.csv', { seed: 23, rows: 120 });
    const online = vpicDecode(client);
    // Every other chunk "comes from the offline snapshot", as when vPIC drops out mid-import.
    let chunk = 0;
    const flaky: DecodeVins = async (vins) => {
      const result = await online(vins);
      chunk += 1;
      return chunk % 2 === 0 ? { ...result, decoded: result.decoded.map((v) => ({ ...v, source: 'offline' as const })) } : result;
    };
    const job = await runImportJob(deps(flaky, 25), newJob(db, file));
    const offlineStored = expected.validUnique.filter((vin) => getByVin(db, vin)?.source === 'offline').length;
    expect(offlineStored).toBeGreaterThan(0);
    expect(offlineStored).toBeLessThan(expected.validUnique.length);
    expect(job.counts.offline).toBe(offlineStored);
    expect(getJob(db, job.jobId)?.counts.offline).toBe(offlineStored);

    const allOnline = await runImportJob(deps(online, 25), newJob(db, writeCsv('again.csv', { seed: 24, rows: 60 }).file));
    expect(allOnline.counts).not.toHaveProperty('offline');
  });
});
