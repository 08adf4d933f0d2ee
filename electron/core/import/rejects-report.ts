/**
 * The rejects report as CSV, so the sender can fix the rows and send the file again.
 *
 * Cells are made formula-safe: a value starting with =, +, -, @, tab or CR would be run as a
 * formula by Excel/LibreOffice (OWASP "CSV Injection"), so it gets a leading apostrophe. Values
 * in the report are raw cells from someone else's file, which is exactly that risk.
 */
import type { Database } from 'better-sqlite3';
import { stringify } from 'csv-stringify/sync';
import { refuseLiveDatabase } from '../storage/sqlite/db/backup';
import { writeFileAtomically } from '../files/atomic-file';
import type { TempJournal } from '../files/pending-temp-files';
import { iterateRejects } from './import-job-repository';

const FORMULA_START = /^[=+\-@\t\r]/;

export function formulaSafe(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * Write the job's rejects (row, value, reason, code) to `file`; returns the rows written.
 *
 * Written atomically (temporary file, fsync, rename) and never over the live database: the save
 * dialog lets the user pick any name, `fleet.sqlite` included. `databasePath` defaults to the
 * file `db` was opened from.
 */
export async function writeRejectsCsv(
  db: Database,
  jobId: string,
  file: string,
  options: {
    readonly databasePath?: string;
    /** Notes the temporary file, so a killed save's is removed at the next start. */
    readonly journal?: TempJournal;
  } = {},
): Promise<number> {
  return writeFileAtomically(
    file,
    (sink) => {
      sink.write(`\uFEFF${stringify([['row', 'value', 'reason', 'code']])}`);
      let rows = 0;
      for (const page of iterateRejects(db, jobId)) {
        const records = page.map((r) => [String(r.row), formulaSafe(r.value), formulaSafe(r.reason), r.code]);
        if (records.length > 0) sink.write(stringify(records));
        rows += page.length;
      }
      return rows;
    },
    { refuse: refuseLiveDatabase(options.databasePath ?? db.name), ...(options.journal ? { journal: options.journal } : {}) },
  );
}
