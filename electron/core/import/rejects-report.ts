/**
 * The rejects report as CSV, so the sender can fix the rows and send the file again.
 *
 * Cells are made formula-safe: a value starting with =, +, -, @, tab or CR would be run as a
 * formula by Excel/LibreOffice (OWASP "CSV Injection"), so it gets a leading apostrophe. Values
 * in the report are raw cells from someone else's file, which is exactly that risk.
 */
import { stringify } from 'csv-stringify/sync';
import { refuseLiveDatabase } from '../storage/sqlite/db/backup';
import { writeFileAtomically } from '../files/atomic-file';
import type { TempJournal } from '../files/pending-temp-files';
import type { ImportJobStore } from '../storage/fleet-store';

const FORMULA_START = /^[=+\-@\t\r]/;

export function formulaSafe(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * Write the job's rejects (row, value, reason, code) to `file`; returns the rows written.
 *
 * Written atomically (temporary file, fsync, rename) and never over the live database: the save
 * dialog lets the user pick any name, `fleet.sqlite` included (`databasePath`: the embedded
 * store's file, when there is one).
 */
export async function writeRejectsCsv(
  jobs: Pick<ImportJobStore, 'iterateRejects'>,
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
    async (sink) => {
      sink.write(`\uFEFF${stringify([['row', 'value', 'reason', 'code']])}`);
      let rows = 0;
      for await (const page of jobs.iterateRejects(jobId)) {
        const records = page.map((r) => [String(r.row), formulaSafe(r.value), formulaSafe(r.reason), r.code]);
        if (records.length > 0) sink.write(stringify(records));
        rows += page.length;
      }
      return rows;
    },
    {
      ...(options.databasePath !== undefined ? { refuse: refuseLiveDatabase(options.databasePath) } : {}),
      ...(options.journal ? { journal: options.journal } : {}),
    },
  );
}
