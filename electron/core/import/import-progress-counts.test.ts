/**
 * The counts an import reports while it runs (the progress bar, the CLI's lines) must be the
 * same counts it commits: every part summed chunk after chunk, duplicates included, also when a
 * job is resumed from its cursor.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportCounts } from '../../../shared/import/import-contract';
import { generateFleetCsv } from '../../../testing/fleet-generator';
import { makeDecodedVehicle } from '../../../testing/vehicle-fixtures';
import { getJob } from '../storage/sqlite/sqlite-import-job-store';
import { newJob, openTestDatabase, tempDir } from '../../../testing/import-test-support';
import { runImportJob, type DecodeVins, type ImportRunProgress } from './run-import-job';
import { sqliteImportStores } from '../storage/sqlite/sqlite-import-stores';

let dir: string;
let db: Database;

beforeEach(() => {
  dir = tempDir('import-progress-');
  db = openTestDatabase(dir);
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Decodes every VIN at once, in process: the counts, not vPIC, are under test. */
const decodeAll: DecodeVins = async (vins) => ({ decoded: vins.map((vin) => makeDecodedVehicle({ vin })), failed: [] });

const PARTS = ['total', 'added', 'updated', 'duplicates', 'invalid', 'failed'] as const;

function expectConsistent(events: readonly ImportRunProgress[]): void {
  expect(events.length).toBeGreaterThan(1);
  let previous: ImportCounts | null = null;
  for (const { counts } of events) {
    expect(counts.total).toBe(counts.added + counts.updated + counts.duplicates + counts.invalid + counts.failed);
    if (previous) for (const part of PARTS) expect(counts[part]).toBeGreaterThanOrEqual(previous[part]);
    previous = counts;
  }
}

/**
 * A file whose duplicates fall in every chunk after the first: each of the 10 unique VINs
 * appears once in the first chunk, then `repeats` more times spread over later chunks, with
 * one invalid row per chunk.
 */
function writeRepeatingFile(repeats: number): { file: string; unique: string[]; rows: number; duplicates: number; invalid: number } {
  const unique = generateFleetCsv({ seed: 21, rows: 10 }).expected.validUnique.slice(0, 10);
  expect(unique).toHaveLength(10);
  const lines = ['VIN,unit'];
  let invalid = 0;
  let duplicates = 0;
  unique.forEach((vin, i) => lines.push(`${vin},U${i}`));
  for (let r = 0; r < repeats; r += 1) {
    for (const [i, vin] of unique.entries()) {
      lines.push(`${vin},U${i}`);
      duplicates += 1;
    }
    lines.push('NOT-A-VIN,X');
    invalid += 1;
  }
  const file = path.join(dir, 'repeats.csv');
  fs.writeFileSync(file, lines.join('\n'));
  return { file, unique, rows: lines.length - 1, duplicates, invalid };
}

describe('import progress counts', () => {
  it('sum every chunk, duplicates included, and end equal to the committed counts', async () => {
    const { file, unique, rows, duplicates, invalid } = writeRepeatingFile(6);
    const events: ImportRunProgress[] = [];
    const job = await runImportJob(
      { stores: sqliteImportStores(db), decode: decodeAll, now: () => new Date(), chunkSize: 7, onProgress: (p) => events.push(p) },
      newJob(db, file),
    );
    expect(job.state).toBe('done');
    const expected: ImportCounts = { total: rows, added: unique.length, updated: 0, duplicates, invalid, failed: 0 };
    expect(job.counts).toEqual(expected);
    expectConsistent(events);
    expect(events.at(-1)!.counts).toEqual(expected);
    // Duplicates show while the job runs, not only at its end.
    const growing = new Set(events.map((e) => e.counts.duplicates));
    expect(growing.size).toBeGreaterThan(2);
  });

  it('match a generated file answer key at every chunk size', async () => {
    const { text, expected } = generateFleetCsv({ seed: 8, rows: 300, invalidRatio: 0.05, duplicateRatio: 0.2 });
    expect(expected.duplicates).toBeGreaterThan(20);
    const file = path.join(dir, 'fleet.csv');
    fs.writeFileSync(file, text);
    for (const chunkSize of [1, 13, 500]) {
      const events: ImportRunProgress[] = [];
      const job = await runImportJob(
        { stores: sqliteImportStores(db), decode: decodeAll, now: () => new Date(), chunkSize, onProgress: (p) => events.push(p) },
        newJob(db, file),
      );
      // The first run adds; later runs find every VIN stored and update it.
      const added = chunkSize === 1 ? expected.validUnique.length : 0;
      const final = events.at(-1)!.counts;
      expect(final, `chunk size ${chunkSize}`).toEqual({
        total: expected.total,
        added,
        updated: expected.validUnique.length - added,
        duplicates: expected.duplicates,
        invalid: expected.invalid.length,
        failed: 0,
      });
      expect(final).toEqual(job.counts);
      if (chunkSize < 500) expectConsistent(events);
    }
  });

  it('carry on from the committed counts when a cancelled job resumes', async () => {
    const { file, unique, rows, duplicates, invalid } = writeRepeatingFile(8);
    const jobId = newJob(db, file);
    const controller = new AbortController();
    const first: ImportRunProgress[] = [];
    const stopped = await runImportJob(
      {
        stores: sqliteImportStores(db),
        decode: decodeAll,
        now: () => new Date(),
        chunkSize: 9,
        pipelineDepth: 1,
        onProgress: (p) => {
          first.push(p);
          // Stop once some duplicates are committed, well before the end of the file.
          if (p.counts.duplicates > 0) controller.abort();
        },
      },
      jobId,
      controller.signal,
    );
    expect(stopped.state).toBe('cancelled');
    const atCancel = getJob(db, jobId)!.counts;
    expect(atCancel.duplicates).toBeGreaterThan(0);
    expect(atCancel.total).toBeLessThan(rows);
    expect(first.at(-1)!.counts).toEqual(atCancel);

    const second: ImportRunProgress[] = [];
    const done = await runImportJob(
      { stores: sqliteImportStores(db), decode: decodeAll, now: () => new Date(), chunkSize: 9, onProgress: (p) => second.push(p) },
      jobId,
    );
    expect(done.state).toBe('done');
    expectConsistent([...first, ...second]);
    const expected: ImportCounts = { total: rows, added: unique.length, updated: 0, duplicates, invalid, failed: 0 };
    expect(second.at(-1)!.counts).toEqual(expected);
    expect(done.counts).toEqual(expected);
  });
});
