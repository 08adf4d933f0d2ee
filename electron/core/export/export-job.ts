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
import type { VehicleFilter } from '../../../shared/vehicles/vehicle-query';
import { refuseLiveDatabase } from '../db/backup';
import { openDatabase } from '../db/open-database';
import { cachedStatement } from '../vehicles/statement-cache';
import { whereSql } from '../vehicles/vehicle-list-sql';
import { writeFileAtomically, type AtomicFileSystem } from '../files/atomic-file';
import { createTempJournal } from '../files/pending-temp-files';
import { iterateExportRows } from './export-rows';
import { writeCsv } from './write-csv';
import { writeParquet } from './write-parquet';

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
  /** Electron-ABI better-sqlite3 build; omit under plain Node. */
  readonly nativeBinding?: string;
  readonly batchSize?: number;
  /** The data folder's journal of temporary files (a killed export's is removed at the next start). */
  readonly tempJournalDir?: string;
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
      const batches = iterateExportRows(db, job.filter ?? {}, job.batchSize ?? EXPORT_BATCH_SIZE);
      const onProgress = (rows: number): void => collaborators.onProgress?.({ rows, total });
      const rows = await writeFileAtomically(
        job.target,
        (sink) => (job.format === 'parquet' ? writeParquet(batches, sink, { onProgress }) : writeCsv(batches, sink, { onProgress })),
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
