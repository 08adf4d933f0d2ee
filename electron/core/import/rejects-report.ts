/**
 * The rejects report as CSV, so the sender can fix the rows and send the file again.
 *
 * Cells are made formula-safe: a value starting with =, +, -, @, tab or CR would be run as a
 * formula by Excel/LibreOffice (OWASP "CSV Injection"), so it gets a leading apostrophe. Values
 * in the report are raw cells from someone else's file, which is exactly that risk.
 */
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { Database } from 'better-sqlite3';
import { stringify } from 'csv-stringify';
import { iterateRejects } from './import-job-repository';

const FORMULA_START = /^[=+\-@\t\r]/;

export function formulaSafe(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Write the job's rejects (row, value, reason, code) to `file`; returns the rows written. */
export async function writeRejectsCsv(db: Database, jobId: string, file: string): Promise<number> {
  let rows = 0;
  function* records(): Generator<string[]> {
    yield ['row', 'value', 'reason', 'code'];
    for (const page of iterateRejects(db, jobId)) {
      for (const r of page) {
        rows += 1;
        yield [String(r.row), formulaSafe(r.value), formulaSafe(r.reason), r.code];
      }
    }
  }
  const temp = `${file}.partial`;
  try {
    await pipeline(Readable.from(records()), stringify({ bom: true }), fs.createWriteStream(temp));
    await fs.promises.rename(temp, file);
  } catch (error) {
    await fs.promises.rm(temp, { force: true });
    throw error;
  }
  return rows;
}
