/**
 * The import domain of the IPC contract: fleet CSV imports that run in the background.
 *
 * Flow for the UI:
 * 1. A file is dropped (the preload registers it and answers a grant) or chosen via File ›
 *    Import… (`import:chooseFiles` answers grants): call `import:preview` `{grantId}`. The page
 *    never sends a path: main reads only files the user chose.
 *    - `encrypted && needsPassphrase`: ask for the passphrase (and check `settings:keyStatus`
 *      says a key is imported), then preview again with `{grantId, passphrase}`.
 *    - `confident`: start at once. Otherwise show `columns` + `sampleRows` and let the user pick
 *      the VIN column (pre-select `detectedVinColumn` when not null).
 * 2. `import:start` `{grantId, vinColumn?, refresh?, passphrase?}` answers at once with a job id;
 *    jobs queue and run one after another off the main process's event loop.
 * 3. `import:progress` events (≤ ~10 a second per job, plus one on every state change) drive the
 *    progress bar; `import:finished` arrives once per job when it stops (done, cancelled, failed).
 *    `vehicles:changed` (reason `import`) fires as chunks commit, so the fleet table can refresh.
 * 4. `import:jobs` lists the history (newest first); `import:report` pages through a job's
 *    rejected rows; `import:saveReport` writes them as CSV through a save dialog.
 * 5. Jobs left `interrupted` (the app was killed) or `cancelled` can be resumed with
 *    `import:resume`; the final counts equal those of an uninterrupted run. A file that changed
 *    since the job started is refused (`FILE_CHANGED`): `import:restart` imports it as a new job.
 *
 * Counts always satisfy `total = added + updated + duplicates + invalid + failed` (data rows).
 */
import { z } from 'zod';
import { columnMappingSchema, type ColumnMapping } from '../fleet-fields/column-mapping';
import { fileGrantIdSchema, type RegisteredFiles } from '../ipc/file-path';

/** Longest passphrase accepted; OpenPGP itself has no limit. */
const MAX_PASSPHRASE_LENGTH = 1024;
/** Largest page of rejected rows one `import:report` returns. */
export const MAX_REPORT_PAGE = 500;
/** Longest armored key accepted (an RSA-4096 key with sub-keys is ~10 KB). */
const MAX_ARMORED_KEY_LENGTH = 256 * 1024;

const passphrase = z.string().min(1).max(MAX_PASSPHRASE_LENGTH);
const jobId = z.string().uuid();
/** A column header as it appears in the file (after trimming). */
const columnName = z.string().min(1).max(1000);

export const importRequestSchemas = {
  /**
   * Read the start of a file (never stores anything): delimiter, columns, the first ~10 rows and
   * which column holds the VINs. Encrypted files (.gpg/.pgp/.asc) need `passphrase` to be read;
   * without it the answer says `needsPassphrase: true` and has no columns. A wrong passphrase
   * or key fails with `DECRYPT_FAILED`; an unreadable file with `FILE_ERROR`; a grant main never
   * handed out (or from before a restart) with `NOT_FOUND`.
   */
  'import:preview': z.object({ grantId: fileGrantIdSchema, passphrase: passphrase.optional() }).strict(),
  /**
   * Queue an import and answer at once with its job id. `vinColumn` (a header from the preview)
   * is required when the preview was not `confident` (else `INVALID_INPUT`, detail path
   * `vinColumn`). `refresh` re-decodes VINs already stored (else they only get their attributes
   * updated, without a vPIC call). `passphrase` is required for encrypted files; it is kept in
   * memory for this job only, never stored or logged.
   */
  'import:start': z
    .object({
      grantId: fileGrantIdSchema,
      vinColumn: columnName.optional(),
      refresh: z.boolean().optional(),
      passphrase: passphrase.optional(),
      /**
       * Where each column goes (the preview's `mapping`, as the user confirmed or changed it). A
       * column mapped to `vin` is the VIN column when `vinColumn` is absent. Remembered for files
       * with the same headers.
       */
      mapping: columnMappingSchema.optional(),
      /** Excel (.xlsx) files: the sheet to import, by 1-based position or name; the first when absent. */
      sheet: z.union([z.number().int().min(1).max(10_000), z.string().min(1).max(255)]).optional(),
    })
    .strict(),
  /** Stop a queued or running job after its current chunk; committed rows are kept (state `cancelled`). */
  'import:cancel': z.object({ jobId }).strict(),
  /**
   * Continue an `interrupted`, `cancelled` or `failed` job from its last committed row (queued
   * like a new import; a failed one is simply tried again). Encrypted files need the passphrase again. `NOT_FOUND` for an unknown job,
   * `INVALID_INPUT` for a job that is running, queued or done. `FILE_CHANGED` when the file's
   * size or content differs from when the job started (resuming by row number would skip or
   * repeat rows): offer `import:restart`.
   */
  'import:resume': z.object({ jobId, passphrase: passphrase.optional() }).strict(),
  /**
   * Import a stopped job's file again as a NEW job, from its first row, with the same VIN column
   * and refresh choice (the way on after `FILE_CHANGED`). The file is the one main recorded for
   * the job, never a path from the page. Same errors as `import:start`; `NOT_FOUND` for an
   * unknown job, `INVALID_INPUT` for one that is queued or running.
   */
  'import:restart': z.object({ jobId, passphrase: passphrase.optional() }).strict(),
  /**
   * Decode a stopped job's failed rows again (vPIC, offline fallback), queued like an import:
   * recovered rows are stored with their file columns, leave the report, and move from `failed`
   * to `added` (`updated` when the VIN was stored meanwhile), one transaction per chunk. Rows
   * that fail again stay with the new reason. The job keeps its state; `import:finished` brings
   * the new counts. `NOT_FOUND` for an unknown job, `INVALID_INPUT` for a queued or running one.
   */
  'import:retryFailed': z.object({ jobId }).strict(),
  /** The import history, newest first (at most `limit`, default 100). */
  'import:jobs': z.object({ limit: z.number().int().min(1).max(1000).optional() }).strict(),
  /** A page of a job's rejected rows (invalid VINs and decode failures), in row order. */
  'import:report': z
    .object({
      jobId,
      offset: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(MAX_REPORT_PAGE).optional(),
    })
    .strict(),
  /**
   * Save a job's rejected rows as CSV (`row,value,reason,code`; cells that would start a
   * spreadsheet formula are prefixed with `'`) through the save dialog. `{path: null}` when the
   * user cancelled the dialog.
   */
  'import:saveReport': z.object({ jobId }).strict(),
  /**
   * File › Import…: the native open dialog (several files, CSV and OpenPGP); each chosen file is
   * granted (`files`), items that are not regular files are listed in `refused`. `{files: []}`
   * when the user cancelled, or where there is no desktop to show a dialog on (the page then uses
   * its own file picker, whose files the preload registers like a drop).
   */
  'import:chooseFiles': z.object({}).strict(),
  /**
   * Import the OpenPGP private key (ASCII-armored) used for encrypted fleet files. Replaces any
   * previous key. `INVALID_INPUT` when it is not a private key; `STORAGE_ERROR` when the OS
   * offers no encryption at rest (the key is never stored in clear).
   */
  'settings:importKey': z.object({ armoredKey: z.string().min(1).max(MAX_ARMORED_KEY_LENGTH) }).strict(),
  /** Whether a key is imported, and which. */
  'settings:keyStatus': z.object({}).strict(),
  /** Forget the imported key. */
  'settings:removeKey': z.object({}).strict(),
} as const;

/** The field separators recognised in fleet files. */
export type CsvDelimiter = ',' | ';' | '\t';

/**
 * The text encodings a fleet file is read in: UTF-8 (with or without BOM), UTF-16 with its BOM
 * (Excel's "Unicode Text"), else Windows-1252 (Excel's "CSV" on a Western Windows; a superset of
 * Latin-1 for every printable character).
 */
export type FileEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** How each encoding is named to the user. */
export const FILE_ENCODING_LABELS: Readonly<Record<FileEncoding, string>> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1252': 'Windows-1252',
};

/** What `import:preview` answers. */
export interface ImportPreview {
  /** The grant the preview was asked for (pass it to `import:start`). */
  readonly grantId: string;
  readonly fileName: string;
  /** True for .gpg/.pgp/.asc files (OpenPGP). */
  readonly encrypted: boolean;
  /** True when the file is encrypted and no passphrase was given: nothing below is filled in. */
  readonly needsPassphrase: boolean;
  /** How the text was decoded (detected from the bytes); null while `needsPassphrase`. */
  readonly encoding: FileEncoding | null;
  readonly delimiter: CsvDelimiter;
  /** True when the first line is a header row (else columns are named "Column 1", "Column 2", …). */
  readonly hasHeader: boolean;
  /** Column names in file order (trimmed header cells; blanks become "Column N"). */
  readonly columns: readonly string[];
  /** The first ~10 data rows, one cell per column (missing cells are ""). */
  readonly sampleRows: readonly (readonly string[])[];
  /** The column chosen for VINs (by header, single column, or the most VIN-like values), or null. */
  readonly detectedVinColumn: string | null;
  /** True when the choice needs no confirmation (header match or single column, or a clear winner). */
  readonly confident: boolean;
  /** File size in bytes (of the encrypted file for encrypted ones). */
  readonly sizeBytes: number;
  /**
   * The proposed mapping of every column (header → `vin`, a standard fleet field, `custom` or
   * `ignore`): the one remembered for files with these headers, else what the synonyms suggest.
   */
  readonly mapping?: ColumnMapping;
  /** True when `mapping` is one the user confirmed before for files with the same headers. */
  readonly mappingRemembered?: boolean;
}

/**
 * - `queued`: waiting for the job before it.
 * - `running`: being read, decoded and stored.
 * - `interrupted`: the app stopped while it was queued or running (resume it).
 * - `done`: every row was handled (some may be invalid or failed: see the counts).
 * - `cancelled`: stopped by the user; committed rows are kept (it can be resumed).
 * - `failed`: the file could not be read or decrypted, or storage failed (see `error`).
 */
export type ImportJobState = 'queued' | 'running' | 'interrupted' | 'done' | 'cancelled' | 'failed';

/** The counts of a job; `total = added + updated + duplicates + invalid + failed`. */
export interface ImportCounts {
  /** Data rows handled so far (the header not counted). */
  readonly total: number;
  /** New vehicles, decoded (vPIC or offline) and stored. */
  readonly added: number;
  /** Vehicles that were already stored before this import (once per VIN): attributes updated, id unchanged. */
  readonly updated: number;
  /** Rows repeating a VIN seen earlier in the same file (after normalising). */
  readonly duplicates: number;
  /** Rows without a valid VIN (not stored; listed in the report). */
  readonly invalid: number;
  /** Valid VINs that neither vPIC nor the offline snapshot could decode (listed in the report). */
  readonly failed: number;
  /**
   * Of the added and updated vehicles, those decoded from the offline snapshot because vPIC was
   * unreachable (partial data; re-checked online later). Present only when not zero.
   */
  readonly offline?: number;
}

export interface ImportJobError {
  readonly code: 'FILE_ERROR' | 'FILE_CHANGED' | 'DECRYPT_FAILED' | 'STORAGE_ERROR' | 'INVALID_INPUT' | 'INTERNAL';
  readonly message: string;
}

/** One import in the history. */
export interface ImportJobSummary {
  readonly jobId: string;
  readonly state: ImportJobState;
  /** Full path of the imported file. */
  readonly file: string;
  readonly fileName: string;
  readonly encrypted: boolean;
  /** The VIN column used (null until the job has read the header). */
  readonly vinColumn: string | null;
  readonly refresh: boolean;
  readonly counts: ImportCounts;
  /** Data rows committed (the resume point). */
  readonly rowsCommitted: number;
  /** Rejected rows stored for the report (invalid + failed). */
  readonly rejects: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly finishedAt: string | null;
  readonly error: ImportJobError | null;
  /** True when `import:resume` accepts it (interrupted, cancelled or failed). */
  readonly resumable: boolean;
}

export interface ImportStartAnswer {
  readonly jobId: string;
  /** Jobs ahead of this one in the queue (0: it starts now). */
  readonly position: number;
}

/** Why a row was rejected: a VIN rule code (shared/vin/vin-rules.ts) or a decode failure. */
export type ImportRejectCode =
  | 'EMPTY'
  | 'TOO_SHORT'
  | 'TOO_LONG'
  | 'INVALID_CHARACTER'
  | 'FORBIDDEN_LETTER'
  /** The row holds text that could not be decoded (bytes not valid in the file's encoding). */
  | 'UNDECODABLE_TEXT'
  | 'DECODE_FAILED';

export interface ImportReject {
  /** 1-based number of the data row (the header is not counted). */
  readonly row: number;
  /** The VIN cell as written in the file. */
  readonly value: string;
  /** Readable reason (the VIN rule's message, or the decode error). */
  readonly reason: string;
  readonly code: ImportRejectCode;
  /** `invalid`: never stored; `failed`: a valid VIN whose decode failed (retry with `import:retryFailed`). */
  readonly kind: 'invalid' | 'failed';
}

export interface ImportReportPage {
  readonly jobId: string;
  /** Rejected rows in the whole job. */
  readonly total: number;
  readonly offset: number;
  readonly rejects: readonly ImportReject[];
}

/** What `settings:keyStatus` (and `settings:importKey`) answer. */
export interface KeyStatus {
  readonly hasKey: boolean;
  /** Hex fingerprint of the primary key, or null. */
  readonly fingerprint: string | null;
  /** e.g. ["Fleet Ops <ops@example.com>"]. */
  readonly userIds: readonly string[];
  /** False when the OS offers no encryption at rest: keys cannot be imported then. */
  readonly storageAvailable: boolean;
}

export interface ImportInvokeContract {
  'import:preview': ImportPreview;
  'import:start': ImportStartAnswer;
  'import:cancel': { readonly cancelled: boolean };
  'import:resume': ImportStartAnswer;
  'import:restart': ImportStartAnswer;
  'import:retryFailed': ImportStartAnswer;
  'import:jobs': { readonly jobs: readonly ImportJobSummary[] };
  'import:report': ImportReportPage;
  'import:saveReport': { readonly path: string | null; readonly rows: number };
  'import:chooseFiles': RegisteredFiles;
  'settings:importKey': KeyStatus;
  'settings:keyStatus': KeyStatus;
  'settings:removeKey': { readonly removed: boolean };
}

/**
 * An import holding its work until the team database answers again (a server restart, a dropped
 * network): nothing is lost, and it goes on by itself when the server is back.
 */
export interface ImportStorageWait {
  /** Which server and what is wrong, in one sentence (never the password). */
  readonly message: string;
  /** When the waiting started (ISO time). */
  readonly since: string;
  /** Seconds until the next try. */
  readonly retryInSeconds: number;
}

/** Progress of one job (`import:progress`). */
export interface ImportProgress {
  readonly jobId: string;
  readonly state: ImportJobState;
  readonly fileName: string;
  /** Whole-job counts (including rows committed before a resume). */
  readonly counts: ImportCounts;
  /** Data rows read from the file so far (ahead of `counts.total` while a chunk is decoding). */
  readonly rowsRead: number;
  /** Rows decoded in this job so far (vPIC or offline), = `counts.added` plus refreshed ones. */
  readonly decoded: number;
  /** 0..1 share of the file read, or null when unknown. */
  readonly fraction: number | null;
  /** Estimated seconds left, or null before there is enough to estimate. */
  readonly etaSeconds: number | null;
  /**
   * Present while a running job waits for the team database ("Waiting for the team database…");
   * the next progress event without it says the job goes on.
   */
  readonly waitingForStorage?: ImportStorageWait;
}

export interface ImportEventContract {
  /** A job advanced or changed state (throttled to ~10 a second per job). */
  'import:progress': ImportProgress;
  /** A job stopped (done, cancelled or failed): the final summary, once. */
  'import:finished': ImportJobSummary;
}
