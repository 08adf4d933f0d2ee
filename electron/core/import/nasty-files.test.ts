/**
 * The corpus of nasty fleet files (`testing/nasty-files/`) through the preview and the import.
 *
 * Each file's expected outcome is written down in `expected.json` from the import rules and
 * 49 CFR 565, not copied from what the engine happens to do: counts that add up, the rejects
 * with their rule codes, the attributes kept, or a clear AppFailure code and message. A failed
 * import must leave the vehicles already stored exactly as they were.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { makeDecodedVehicle } from '../../../testing/vehicle-fixtures';
import { AppFailure } from '../ipc/app-failure';
import { countVehicles, getByVin, upsertDecoded } from '../storage/sqlite/vehicles/vehicle-repository';
import { getJob, listRejects } from '../storage/sqlite/sqlite-import-job-store';
import { previewImport } from './import-preview';
import { expectedColumns, newJob, openTestDatabase, storedColumns, tempDir } from '../../../testing/import-test-support';
import { runImportJob, type DecodeVins } from './run-import-job';
import { sqliteImportStores } from '../storage/sqlite/sqlite-import-stores';

const CORPUS = path.resolve(__dirname, '../../../testing/nasty-files');

const failure = z.object({ error: z.enum(['FILE_ERROR', 'INVALID_INPUT', 'DECRYPT_FAILED']), messageIncludes: z.string() });
const counts = z.object({
  total: z.number(),
  added: z.number(),
  updated: z.number(),
  duplicates: z.number(),
  invalid: z.number(),
  failed: z.number(),
});
const manifestSchema = z.object({
  seeded: z.record(z.string(), z.record(z.string(), z.string())),
  files: z.record(
    z.string(),
    z.object({
      preview: z.union([
        failure,
        z.object({
          vinColumn: z.string().nullable(),
          confident: z.boolean(),
          hasHeader: z.boolean(),
          sampleRows: z.number(),
          delimiter: z.enum([',', ';', '\t']).optional(),
          columns: z.number().optional(),
          encoding: z.enum(['utf-8', 'utf-16le', 'utf-16be', 'windows-1252']).optional(),
        }),
      ]),
      import: z.union([
        failure,
        z.object({
          counts,
          rejects: z.array(z.object({ row: z.number(), code: z.string() })).optional(),
          attributes: z.record(z.string(), z.record(z.string(), z.string())).optional(),
        }),
      ]),
    }),
  ),
});
const manifest = manifestSchema.parse(JSON.parse(fs.readFileSync(path.join(CORPUS, 'expected.json'), 'utf8')));

/** Offline stand-in for vPIC: every VIN decodes (the corpus tests reading, not decoding). */
const decode: DecodeVins = async (vins) => ({ decoded: vins.map((vin) => makeDecodedVehicle({ vin })), failed: [] });

let dir: string;
let db: Database;

beforeEach(() => {
  dir = tempDir('nasty-files-');
  db = openTestDatabase(dir);
  for (const [vin, attributes] of Object.entries(manifest.seeded)) upsertDecoded(db, makeDecodedVehicle({ vin }), new Date(), attributes);
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function vehiclesTable(): unknown[] {
  return db.prepare('SELECT * FROM vehicles ORDER BY id').all();
}

async function outcome<T>(work: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: AppFailure }> {
  try {
    return { ok: true, value: await work };
  } catch (error) {
    // Anything but an AppFailure is a bug in the engine: let it fail the test as it is.
    if (!(error instanceof AppFailure)) throw error;
    return { ok: false, error };
  }
}

describe('nasty-files corpus', () => {
  it('has an expectation for every file and a file for every expectation', () => {
    const files = fs.readdirSync(CORPUS).filter((f) => f !== 'README.md' && f !== 'expected.json');
    expect(files.sort()).toEqual(Object.keys(manifest.files).sort());
    expect(files.length).toBeGreaterThanOrEqual(10);
    const readme = fs.readFileSync(path.join(CORPUS, 'README.md'), 'utf8');
    for (const f of files) expect(readme, `README row for ${f}`).toContain(`\`${f}\``);
  });

  it.each(Object.entries(manifest.files))('%s', async (name, expected) => {
    const file = path.join(CORPUS, name);

    const preview = await outcome(previewImport(file));
    if ('error' in expected.preview) {
      expect(preview.ok, 'preview should fail').toBe(false);
      if (!preview.ok) {
        expect(preview.error.code).toBe(expected.preview.error);
        expect(preview.error.message).toContain(expected.preview.messageIncludes);
      }
    } else {
      if (!preview.ok) throw preview.error;
      const p = preview.value;
      expect(p.detectedVinColumn).toBe(expected.preview.vinColumn);
      expect(p.confident).toBe(expected.preview.confident);
      expect(p.hasHeader).toBe(expected.preview.hasHeader);
      expect(p.sampleRows).toHaveLength(expected.preview.sampleRows);
      if (expected.preview.delimiter !== undefined) expect(p.delimiter).toBe(expected.preview.delimiter);
      if (expected.preview.columns !== undefined) expect(p.columns).toHaveLength(expected.preview.columns);
      if (expected.preview.encoding !== undefined) expect(p.encoding).toBe(expected.preview.encoding);
      expect(new Set(p.columns).size, 'column names are unique').toBe(p.columns.length);
    }

    const before = vehiclesTable();
    const jobId = newJob(db, file);
    const run = await outcome(runImportJob({ stores: sqliteImportStores(db), decode, now: () => new Date() }, jobId));
    if ('error' in expected.import) {
      expect(run.ok, 'import should fail').toBe(false);
      if (!run.ok) {
        expect(run.error.code).toBe(expected.import.error);
        expect(run.error.message).toContain(expected.import.messageIncludes);
      }
      expect(getJob(db, jobId)!.state).toBe('failed');
      expect(vehiclesTable()).toEqual(before);
      return;
    }
    if (!run.ok) throw run.error;
    const job = run.value;
    expect(job.state).toBe('done');
    expect(job.counts).toEqual(expected.import.counts);
    const c = job.counts;
    expect(c.total).toBe(c.added + c.updated + c.duplicates + c.invalid + c.failed);
    expect(countVehicles(db)).toBe(Object.keys(manifest.seeded).length + c.added);
    const rejects = listRejects(db, jobId, 0, 500).map((r) => ({ row: r.row, code: r.code }));
    expect(rejects).toEqual(expected.import.rejects ?? []);
    for (const [vin, attributes] of Object.entries(expected.import.attributes ?? {})) {
      expect(storedColumns(getByVin(db, vin)!), vin).toEqual(expectedColumns(attributes));
    }
    // Vehicles the file does not name keep their attributes.
    expect(storedColumns(getByVin(db, '1FT8BFUD4PZ543528')!)).toEqual(expectedColumns({ plate: 'KEEP' }));
  });
});
