/**
 * One export, start to finish, in the calling thread: read the cache, write the file atomically.
 *
 * The worker (`export-worker.ts`) runs this off the main loop; the bench runs it in-process to
 * measure memory. It opens its own snapshot store (a connection cannot cross threads; only the
 * store's location does), so the total and the rows describe one moment of the fleet even while
 * the app keeps writing.
 */
import type { ExportFormat } from '../../../shared/export/export-contract';
import type { VehicleFilter, VehicleSortKeys } from '../../../shared/vehicles/vehicle-query';
import type { ExportSource } from '../storage/fleet-store';
import { openFleetStore } from '../storage/open-fleet-store';
import type { StorageLocation } from '../storage/storage-location';
import { refuseStoreFiles } from '../storage/store-files';
import { writeFileAtomically, type AtomicFileSystem } from '../files/atomic-file';
import { createTempJournal } from '../files/pending-temp-files';
import type { ExportRow } from './export-rows';
import { parseAttributes } from '../vehicles/vehicle-row-mapping';
import { allSpreadsheetColumns, viewSpreadsheetColumns, type SpreadsheetColumn, type SpreadsheetRow } from './spreadsheet-columns';
import { writeCsv } from './write-csv';
import { writeParquet } from './write-parquet';
import { writeXlsx } from './write-xlsx';

/**
 * Rows read from the store per page. Each page is garbage once written; 500 rows (~1.6 MB of
 * vPIC JSON) measured a little less peak memory than 1,000 and less time than 5,000 (bench).
 */
export const EXPORT_BATCH_SIZE = 500;

export interface ExportJob {
  /** The store to read (plain data: it crosses into the worker thread). */
  readonly storage: StorageLocation;
  readonly target: string;
  readonly format: ExportFormat;
  readonly filter?: VehicleFilter;
  /** Spreadsheets only: the table's visible column ids in order (else every field). */
  readonly columns?: readonly string[];
  /** The table's sort; rows come in id order without it. */
  readonly sort?: VehicleSortKeys;
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

async function spreadsheetColumnsFor(source: ExportSource, job: ExportJob): Promise<SpreadsheetColumn[]> {
  return job.columns !== undefined ? viewSpreadsheetColumns(job.columns) : allSpreadsheetColumns(await source.customHeaders(job.filter ?? {}));
}

/** Stored rows with their custom fields parsed, for the spreadsheet writers. */
async function* spreadsheetRows(batches: AsyncIterable<readonly ExportRow[]>): AsyncGenerator<SpreadsheetRow[]> {
  for await (const batch of batches) yield batch.map((row) => ({ row, custom: parseAttributes(row.attributes_json, row.vin) }));
}

export async function runExportJob(job: ExportJob, collaborators: ExportJobCollaborators = {}): Promise<{ rows: number }> {
  const store = await openFleetStore(job.storage, { snapshot: true });
  try {
    const source = store.exports;
    const filter = job.filter ?? {};
    const total = await source.count(filter);
    collaborators.onProgress?.({ rows: 0, total });
    const format = job.format;
    const batches = source.rows({
      filter,
      ...(job.sort === undefined ? {} : { sort: job.sort }),
      batchSize: job.batchSize ?? EXPORT_BATCH_SIZE,
      withRaw: format === 'parquet',
    });
    const onProgress = (rows: number): void => collaborators.onProgress?.({ rows, total });
    // Resolved before the rows are read: the custom columns need their own query.
    const columns = format === 'parquet' ? [] : await spreadsheetColumnsFor(source, job);
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
        refuse: refuseStoreFiles(job.storage),
        ...(job.tempJournalDir ? { journal: createTempJournal(job.tempJournalDir) } : {}),
        ...(collaborators.fileSystem ? { fileSystem: collaborators.fileSystem } : {}),
      },
    );
    return { rows };
  } finally {
    await store.close();
  }
}
