/**
 * One export, start to finish, in the calling thread: read the cache, write the file atomically.
 *
 * The worker (`export-worker.ts`) runs this off the main loop; the bench runs it in-process to
 * measure memory. It opens its own read-only connection (a better-sqlite3 handle cannot cross
 * threads) and reads inside one transaction, so the total and the rows come from one WAL snapshot
 * even while the app keeps writing.
 */
import type { Database } from 'better-sqlite3';
import type { ExportFormat } from '../../../shared/export/export-contract';
import type { VehicleFilter, VehicleSortKeys } from '../../../shared/vehicles/vehicle-query';
import { refuseLiveDatabase } from '../storage/sqlite/db/backup';
import { openDatabase } from '../storage/sqlite/db/open-database';
import { cachedStatement } from '../storage/sqlite/vehicles/statement-cache';
import { whereSql } from '../storage/sqlite/vehicles/vehicle-list-sql';
import { writeFileAtomically, type AtomicFileSystem } from '../files/atomic-file';
import { createTempJournal } from '../files/pending-temp-files';
import { customHeaders, iterateExportRows, iterateSortedExportRows, type ExportRow } from './export-rows';
import { parseAttributes } from '../vehicles/vehicle-row-mapping';
import { allSpreadsheetColumns, viewSpreadsheetColumns, type SpreadsheetColumn, type SpreadsheetRow } from './spreadsheet-columns';
import { writeCsv } from './write-csv';
import { writeParquet } from './write-parquet';
import { writeXlsx } from './write-xlsx';

/**
 * Rows read from SQLite per keyset page. Each page is garbage once written; 500 rows (~1.6 MB of
 * vPIC JSON) measured a little less peak memory than 1,000 and less time than 5,000 (bench).
 */
export const EXPORT_BATCH_SIZE = 500;

export interface ExportJob {
  readonly databasePath: string;
  readonly target: string;
  readonly format: ExportFormat;
  readonly filter?: VehicleFilter;
  /** Spreadsheets only: the table's visible column ids in order (else every field). */
  readonly columns?: readonly string[];
  /** The table's sort; rows come in id order without it. */
  readonly sort?: VehicleSortKeys;
  /** Electron-ABI better-sqlite3 build; omit under plain Node. */
  readonly nativeBinding?: string;
  readonly batchSize?: number;
  /** The data folder's journal of temporary files (a killed export's is removed at the next start). */
  readonly tempJournalDir?: string;
}

/** True when `sort` is the stored order (id ascending), which keyset pages read. */
function isIdOrder(sort: VehicleSortKeys): boolean {
  const first = Array.isArray(sort) ? sort[0] : sort;
  return first === undefined || (first.column === 'id' && first.direction === 'asc');
}

export interface ExportJobProgress {
  readonly rows: number;
  readonly total: number;
}

export interface ExportJobCollaborators {
  readonly onProgress?: (progress: ExportJobProgress) => void;
  /** Injected in tests to fail mid-write; never crosses into the worker. */
  readonly fileSystem?: AtomicFileSystem;
}

export function countMatching(db: Database, filter: VehicleFilter = {}): number {
  const where = whereSql(filter);
  return cachedStatement<{ n: number }>(db, `SELECT COUNT(*) AS n FROM vehicles v ${where.sql}`).get(...where.params)?.n ?? 0;
}

function spreadsheetColumnsFor(db: Database, job: ExportJob): SpreadsheetColumn[] {
  return job.columns !== undefined ? viewSpreadsheetColumns(job.columns) : allSpreadsheetColumns(customHeaders(db, job.filter ?? {}));
}

/** Stored rows with their custom fields parsed, for the spreadsheet writers. */
function* spreadsheetRows(batches: Iterable<readonly ExportRow[]>): Generator<SpreadsheetRow[]> {
  for (const batch of batches) yield batch.map((row) => ({ row, custom: parseAttributes(row.attributes_json, row.vin) }));
}

export async function runExportJob(job: ExportJob, collaborators: ExportJobCollaborators = {}): Promise<{ rows: number }> {
  const db = openDatabase(job.databasePath, {
    readonly: true,
    ...(job.nativeBinding ? { nativeBinding: job.nativeBinding } : {}),
  });
  try {
    db.exec('BEGIN');
    try {
      const total = countMatching(db, job.filter);
      collaborators.onProgress?.({ rows: 0, total });
      const filter = job.filter ?? {};
      const batchSize = job.batchSize ?? EXPORT_BATCH_SIZE;
      const withRaw = job.format === 'parquet';
      const batches =
        job.sort === undefined || isIdOrder(job.sort)
          ? iterateExportRows(db, filter, batchSize, withRaw)
          : iterateSortedExportRows(db, filter, job.sort, batchSize, withRaw);
      const onProgress = (rows: number): void => collaborators.onProgress?.({ rows, total });
      const format = job.format;
      // Resolved before the rows are read: the custom columns need their own query.
      const columns = format === 'parquet' ? [] : spreadsheetColumnsFor(db, job);
      const rows = await writeFileAtomically(
        job.target,
        (sink) => {
          switch (format) {
            case 'parquet':
              return writeParquet(batches, sink, { onProgress });
            case 'csv':
              return writeCsv(spreadsheetRows(batches), sink, columns, { onProgress });
            case 'xlsx':
              return writeXlsx(spreadsheetRows(batches), sink, columns, { onProgress });
          }
        },
        {
          refuse: refuseLiveDatabase(job.databasePath),
          ...(job.tempJournalDir ? { journal: createTempJournal(job.tempJournalDir) } : {}),
          ...(collaborators.fileSystem ? { fileSystem: collaborators.fileSystem } : {}),
        },
      );
      return { rows };
    } finally {
      db.exec('COMMIT');
    }
  } finally {
    db.close();
  }
}
