/**
 * A resume never skips rows silently: the file's identity is recorded before its first row and a
 * resumed job whose file changed (300 new rows put at the top, as a re-exported fleet list does)
 * is refused with FILE_CHANGED; the same file imported as a new job stores every row.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateFleetCsv } from '../../../testing/fleet-generator';
import { makeDecodedVehicle } from '../../../testing/vehicle-fixtures';
import { AppFailure } from '../ipc/app-failure';
import { countVehicles, getByVin } from '../storage/sqlite/vehicles/vehicle-repository';
import { assertSameFile, readFileIdentity } from './file-identity';
import { getJob, setJobState } from '../storage/sqlite/sqlite-import-job-store';
import { newJob, openTestDatabase, tempDir } from '../../../testing/import-test-support';
import { runImportJob, type DecodeVins } from './run-import-job';
import { sqliteImportStores } from '../storage/sqlite/sqlite-import-stores';

const decode: DecodeVins = async (vins) => ({ decoded: vins.map((vin) => makeDecodedVehicle({ vin })), failed: [] });

let dir: string;
let db: Database;

beforeEach(() => {
  dir = tempDir('resume-changed-');
  db = openTestDatabase(dir);
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Split a generated CSV into its header line and its data lines. */
function headerAndBody(text: string): { header: string; body: string } {
  const end = text.indexOf('\n') + 1;
  return { header: text.slice(0, end), body: text.slice(end) };
}

/** Run a job until its first chunk committed, then stop it the way a kill leaves it (`interrupted`). */
async function interruptAfterFirstChunk(jobId: string): Promise<void> {
  const controller = new AbortController();
  await runImportJob({ stores: sqliteImportStores(db), decode, now: () => new Date(), chunkSize: 100, onCommitted: () => controller.abort() }, jobId, controller.signal);
  setJobState(db, jobId, 'interrupted', new Date());
}

describe('resuming a job whose file changed', () => {
  it('records the identity before reading, refuses the changed file, and a new job imports every row', async () => {
    const original = generateFleetCsv({ seed: 101, rows: 600, invalidRatio: 0, duplicateRatio: 0 });
    const file = path.join(dir, 'fleet.csv');
    fs.writeFileSync(file, original.text);
    const jobId = newJob(db, file);
    await interruptAfterFirstChunk(jobId);
    const stopped = getJob(db, jobId)!;
    expect(stopped.state).toBe('interrupted');
    expect(stopped.rowsCommitted).toBeGreaterThan(0);
    expect(stopped.rowsCommitted).toBeLessThan(600);
    expect(stopped.options.fileIdentity).toEqual(await readFileIdentity(file));

    // Re-exported with 300 new vehicles at the top.
    const added = generateFleetCsv({ seed: 202, rows: 300, invalidRatio: 0, duplicateRatio: 0 });
    const { header, body } = headerAndBody(original.text);
    fs.writeFileSync(file, header + headerAndBody(added.text).body + body);
    const storedBefore = countVehicles(db);

    const refused = await runImportJob({ stores: sqliteImportStores(db), decode, now: () => new Date(), chunkSize: 100 }, jobId).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppFailure);
    expect((refused as AppFailure).code).toBe('FILE_CHANGED');
    expect((refused as AppFailure).message).toMatch(/fleet\.csv has changed since this import started .*Import it as a new job/);
    expect(getJob(db, jobId)!.error?.code).toBe('FILE_CHANGED');
    expect(countVehicles(db)).toBe(storedBefore);

    const fresh = await runImportJob({ stores: sqliteImportStores(db), decode, now: () => new Date(), chunkSize: 100 }, newJob(db, file));
    expect(fresh.state).toBe('done');
    expect(fresh.counts.total).toBe(900);
    expect(fresh.counts.added + fresh.counts.updated).toBe(900);
    for (const vin of [...added.expected.validUnique, ...original.expected.validUnique]) expect(getByVin(db, vin), vin).not.toBeNull();
  });

  it('resumes an unchanged file (a touched one too) to the exact counts', async () => {
    const original = generateFleetCsv({ seed: 303, rows: 450, invalidRatio: 0.05, duplicateRatio: 0.05 });
    const file = path.join(dir, 'fleet.csv');
    fs.writeFileSync(file, original.text);
    const jobId = newJob(db, file);
    await interruptAfterFirstChunk(jobId);
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(file, later, later);
    const done = await runImportJob({ stores: sqliteImportStores(db), decode, now: () => new Date(), chunkSize: 100 }, jobId);
    expect(done.state).toBe('done');
    expect(done.counts).toEqual({
      total: 450,
      added: original.expected.validUnique.length,
      updated: 0,
      duplicates: original.expected.duplicates,
      invalid: original.expected.invalid.length,
      failed: 0,
    });
  });

  it('refuses a same-size edit by its hash, and a job with rows but no recorded identity', async () => {
    const file = path.join(dir, 'a.csv');
    fs.writeFileSync(file, 'VIN\n2NPPHDF76SJ721751\n');
    const identity = await readFileIdentity(file);
    fs.writeFileSync(file, 'VIN\n3HS9Z8V67D4125709\n');
    await expect(assertSameFile(file, identity, 1)).rejects.toMatchObject({ code: 'FILE_CHANGED', message: expect.stringMatching(/content is different/) });
    await expect(assertSameFile(file, undefined, 5)).rejects.toMatchObject({ code: 'FILE_CHANGED' });
    await expect(assertSameFile(file, undefined, 0)).resolves.toMatchObject({ sizeBytes: identity.sizeBytes });
  });
});
