/**
 * The import tables: jobs with their counts and cursor, rejected rows, VINs seen per job.
 *
 * Functions take the database first, like the vehicles repository. `commitChunk` is the one
 * write that matters for crash safety (issue 6 §5): a chunk's vehicles, its rejects, its seen
 * VINs, the job's counts and its cursor go in ONE transaction, so a kill leaves either all of a
 * chunk or none of it.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type {
  ImportCounts,
  ImportJobError,
  ImportJobState,
  ImportJobSummary,
  ImportReject,
  ImportRejectCode,
} from '../../../shared/import/import-contract';
import { cachedStatement } from '../vehicles/statement-cache';
import { MAX_IN_LIST } from '../vehicles/vehicle-repository';

/** What a job remembers about how to read its file (never the passphrase). */
export interface ImportJobOptions {
  readonly vinColumn?: string;
  readonly refresh?: boolean;
  readonly encrypted?: boolean;
}

interface JobDbRow {
  id: string;
  file_path: string;
  file_name: string;
  state: ImportJobState;
  options_json: string;
  total: number;
  added: number;
  updated: number;
  duplicates: number;
  invalid: number;
  failed: number;
  rows_committed: number;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
  error_code: string | null;
  error_message: string | null;
  rejects: number;
}

export interface ImportJobRecord extends ImportJobSummary {
  readonly options: ImportJobOptions;
}

export const ZERO_COUNTS: ImportCounts = { total: 0, added: 0, updated: 0, duplicates: 0, invalid: 0, failed: 0 };

const ERROR_CODES = new Set<ImportJobError['code']>(['FILE_ERROR', 'DECRYPT_FAILED', 'STORAGE_ERROR', 'INVALID_INPUT', 'INTERNAL']);

function parseOptions(json: string): ImportJobOptions {
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value !== 'object' || value === null) return {};
    const o = value as Record<string, unknown>;
    return {
      ...(typeof o.vinColumn === 'string' ? { vinColumn: o.vinColumn } : {}),
      ...(typeof o.refresh === 'boolean' ? { refresh: o.refresh } : {}),
      ...(typeof o.encrypted === 'boolean' ? { encrypted: o.encrypted } : {}),
    };
  } catch {
    return {};
  }
}

function jobFromDb(row: JobDbRow): ImportJobRecord {
  const options = parseOptions(row.options_json);
  const code = row.error_code as ImportJobError['code'] | null;
  return {
    jobId: row.id,
    state: row.state,
    file: row.file_path,
    fileName: row.file_name,
    encrypted: options.encrypted ?? false,
    vinColumn: options.vinColumn ?? null,
    refresh: options.refresh ?? false,
    counts: {
      total: row.total,
      added: row.added,
      updated: row.updated,
      duplicates: row.duplicates,
      invalid: row.invalid,
      failed: row.failed,
    },
    rowsCommitted: row.rows_committed,
    rejects: row.rejects,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
    error:
      code !== null && row.error_message !== null
        ? { code: ERROR_CODES.has(code) ? code : 'INTERNAL', message: row.error_message }
        : null,
    resumable: row.state === 'interrupted' || row.state === 'cancelled' || row.state === 'failed',
    options,
  };
}

const JOB_SELECT = `SELECT j.*, (SELECT COUNT(*) FROM import_rejects r WHERE r.job_id = j.id) AS rejects FROM import_jobs j`;

export function createJob(
  db: Database,
  input: { filePath: string; fileName: string; options: ImportJobOptions; state?: ImportJobState },
  now: Date,
): ImportJobRecord {
  const id = randomUUID();
  const iso = now.toISOString();
  cachedStatement(
    db,
    `INSERT INTO import_jobs (id, file_path, file_name, state, options_json, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, input.filePath, input.fileName, input.state ?? 'queued', JSON.stringify(input.options), iso, iso);
  return getJob(db, id)!;
}

export function getJob(db: Database, jobId: string): ImportJobRecord | null {
  const row = cachedStatement<JobDbRow>(db, `${JOB_SELECT} WHERE j.id = ?`).get(jobId);
  return row === undefined ? null : jobFromDb(row);
}

/** The history, newest first. */
export function listJobs(db: Database, limit = 100): ImportJobRecord[] {
  return cachedStatement<JobDbRow>(db, `${JOB_SELECT} ORDER BY j.created_at DESC, j.rowid DESC LIMIT ?`)
    .all(limit)
    .map(jobFromDb);
}

/** Set state (and error / finish time); terminal states stamp `finished_at`. */
export function setJobState(
  db: Database,
  jobId: string,
  state: ImportJobState,
  now: Date,
  error: ImportJobError | null = null,
): void {
  const iso = now.toISOString();
  const terminal = state === 'done' || state === 'failed' || state === 'cancelled';
  cachedStatement(
    db,
    `UPDATE import_jobs SET state = ?, updated_at = ?, finished_at = ?, error_code = ?, error_message = ? WHERE id = ?`,
  ).run(state, iso, terminal ? iso : null, error?.code ?? null, error?.message ?? null, jobId);
  if (state === 'done') {
    // The seen-VIN list only serves duplicates across chunks and resumes; a done job needs none.
    cachedStatement(db, 'DELETE FROM import_job_vins WHERE job_id = ?').run(jobId);
  }
}

export function setJobOptions(db: Database, jobId: string, options: ImportJobOptions, now: Date): void {
  cachedStatement(db, 'UPDATE import_jobs SET options_json = ?, updated_at = ? WHERE id = ?').run(
    JSON.stringify(options),
    now.toISOString(),
    jobId,
  );
}

/**
 * At app start: jobs left `running` or `queued` by a process that died become `interrupted`.
 * Returns how many.
 */
export function markInterruptedJobs(db: Database, now: Date): number {
  return cachedStatement(
    db,
    `UPDATE import_jobs SET state = 'interrupted', updated_at = ? WHERE state IN ('running', 'queued')`,
  ).run(now.toISOString()).changes;
}

/** Which of `vins` the job has already handled (committed chunks). */
export function seenVins(db: Database, jobId: string, vins: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const unique = [...new Set(vins)];
  for (let i = 0; i < unique.length; i += MAX_IN_LIST) {
    const part = unique.slice(i, i + MAX_IN_LIST);
    const sql = `SELECT vin FROM import_job_vins WHERE job_id = ? AND vin IN (${part.map(() => '?').join(', ')})`;
    for (const row of cachedStatement<{ vin: string }>(db, sql).all(jobId, ...part)) seen.add(row.vin);
  }
  return seen;
}

export interface RejectInput {
  readonly row: number;
  readonly value: string;
  readonly code: ImportRejectCode;
  readonly reason: string;
  readonly kind: 'invalid' | 'failed';
}

/**
 * Record a chunk's bookkeeping: rejects, seen VINs, counts added, cursor. Call inside the same
 * transaction as the chunk's vehicle writes.
 */
export function recordChunk(
  db: Database,
  jobId: string,
  chunk: { readonly lastRow: number; readonly delta: ImportCounts; readonly rejects: readonly RejectInput[]; readonly vins: readonly string[] },
  now: Date,
): void {
  const insertReject = cachedStatement(
    db,
    // OR REPLACE: harmless if a row was somehow recorded before (the cursor makes it impossible).
    'INSERT OR REPLACE INTO import_rejects (job_id, row, value, code, reason, kind) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const r of chunk.rejects) insertReject.run(jobId, r.row, r.value, r.code, r.reason, r.kind);
  const insertVin = cachedStatement(db, 'INSERT OR IGNORE INTO import_job_vins (job_id, vin) VALUES (?, ?)');
  for (const vin of chunk.vins) insertVin.run(jobId, vin);
  const d = chunk.delta;
  cachedStatement(
    db,
    `UPDATE import_jobs SET total = total + ?, added = added + ?, updated = updated + ?, duplicates = duplicates + ?,
       invalid = invalid + ?, failed = failed + ?, rows_committed = ?, updated_at = ? WHERE id = ?`,
  ).run(d.total, d.added, d.updated, d.duplicates, d.invalid, d.failed, chunk.lastRow, now.toISOString(), jobId);
}

interface RejectDbRow {
  row: number;
  value: string;
  code: ImportRejectCode;
  reason: string;
  kind: 'invalid' | 'failed';
}

export function countRejects(db: Database, jobId: string): number {
  return cachedStatement<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM import_rejects WHERE job_id = ?').get(jobId)?.n ?? 0;
}

export function listRejects(db: Database, jobId: string, offset: number, limit: number): ImportReject[] {
  return cachedStatement<RejectDbRow>(
    db,
    'SELECT row, value, code, reason, kind FROM import_rejects WHERE job_id = ? ORDER BY row LIMIT ? OFFSET ?',
  )
    .all(jobId, limit, offset)
    .map((r) => ({ row: r.row, value: r.value, reason: r.reason, code: r.code, kind: r.kind }));
}

/** Every reject of a job in row order, a page at a time (for the CSV report). */
export function* iterateRejects(db: Database, jobId: string, pageSize = 1000): Generator<ImportReject[]> {
  let lastRow = 0;
  for (;;) {
    const page = cachedStatement<RejectDbRow>(
      db,
      'SELECT row, value, code, reason, kind FROM import_rejects WHERE job_id = ? AND row > ? ORDER BY row LIMIT ?',
    ).all(jobId, lastRow, pageSize);
    if (page.length === 0) return;
    lastRow = page[page.length - 1]!.row;
    yield page.map((r) => ({ row: r.row, value: r.value, reason: r.reason, code: r.code, kind: r.kind }));
    if (page.length < pageSize) return;
  }
}
