/**
 * The import tables: jobs with their counts and cursor, rejected rows, VINs seen per job.
 *
 * Functions take the database first, like the vehicles repository. `commitChunk` is the one
 * write that matters for crash safety: a chunk's vehicles, its rejects, its seen
 * VINs, the job's counts and its cursor go in ONE transaction, so a kill leaves either all of a
 * chunk or none of it.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type {
  ImportCounts,
  ImportJobError,
  ImportJobState,
  ImportReject,
  ImportRejectCode,
} from '../../../shared/import/import-contract';
import { columnMappingSchema, type ColumnMapping } from '../../../shared/fleet-fields/column-mapping';
import { cachedStatement } from '../storage/sqlite/vehicles/statement-cache';
import { MAX_IN_LIST } from '../storage/sqlite/vehicles/vehicle-repository';
import { isFileIdentity } from './file-identity';
import type { FailedRow, ImportJobOptions, ImportJobRecord, JobOwner, RejectInput } from '../storage/import-job-records';

// The records' types live with the storage seam; re-exported so the import code keeps one place to import from.
export type { FailedRow, ImportJobOptions, ImportJobRecord, JobOwner, RejectInput };

/** An `import_jobs` row with its reject count, as both stores read it. */
export interface JobDbRow {
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
  offline: number;
  rows_committed: number;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
  error_code: string | null;
  error_message: string | null;
  owner_pid: number | null;
  owner_instance: string | null;
  rejects: number;
}

/** This process's identity (one per module instance: a worker thread gets its own; pass main's to it). */
const PROCESS_OWNER: JobOwner = { pid: process.pid, instance: randomUUID() };

export function processOwner(): JobOwner {
  return PROCESS_OWNER;
}

/** A live owner refreshes `updated_at` at least this often while a job runs or waits. */
export const HEARTBEAT_INTERVAL_MS = 5_000;
/** A `running`/`queued` job whose heartbeat is older than this is orphaned even if its pid lives (reused pid, hung process). */
export const STALE_HEARTBEAT_MS = 60_000;

export const ZERO_COUNTS: ImportCounts = { total: 0, added: 0, updated: 0, duplicates: 0, invalid: 0, failed: 0 };

const ERROR_CODES = new Set<ImportJobError['code']>(['FILE_ERROR', 'FILE_CHANGED', 'DECRYPT_FAILED', 'STORAGE_ERROR', 'INVALID_INPUT', 'INTERNAL']);

function parseOptions(json: string): ImportJobOptions {
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value !== 'object' || value === null) return {};
    const o = value as Record<string, unknown>;
    return {
      ...(typeof o.vinColumn === 'string' ? { vinColumn: o.vinColumn } : {}),
      ...(typeof o.refresh === 'boolean' ? { refresh: o.refresh } : {}),
      ...(typeof o.encrypted === 'boolean' ? { encrypted: o.encrypted } : {}),
      ...(columnMappingSchema.safeParse(o.mapping).success ? { mapping: o.mapping as ColumnMapping } : {}),
      ...(typeof o.sheet === 'string' || typeof o.sheet === 'number' ? { sheet: o.sheet } : {}),
      ...(isFileIdentity(o.fileIdentity) ? { fileIdentity: o.fileIdentity } : {}),
    };
  } catch {
    return {};
  }
}

export function jobFromDb(row: JobDbRow): ImportJobRecord {
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
      ...(row.offline > 0 ? { offline: row.offline } : {}),
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
  input: { filePath: string; fileName: string; options: ImportJobOptions; state?: ImportJobState; owner?: JobOwner },
  now: Date,
): ImportJobRecord {
  const id = randomUUID();
  const iso = now.toISOString();
  const owner = input.owner ?? processOwner();
  cachedStatement(
    db,
    `INSERT INTO import_jobs (id, file_path, file_name, state, options_json, created_at, updated_at, owner_pid, owner_instance)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, input.filePath, input.fileName, input.state ?? 'queued', JSON.stringify(input.options), iso, iso, owner.pid, owner.instance);
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

/**
 * Set state (and error / finish time); terminal states stamp `finished_at`. `owner` records who
 * runs or queues the job (give it with `running` and `queued`).
 */
export function setJobState(
  db: Database,
  jobId: string,
  state: ImportJobState,
  now: Date,
  error: ImportJobError | null = null,
  owner?: JobOwner,
): void {
  const iso = now.toISOString();
  const terminal = state === 'done' || state === 'failed' || state === 'cancelled';
  cachedStatement(
    db,
    `UPDATE import_jobs SET state = ?, updated_at = ?, finished_at = ?, error_code = ?, error_message = ? WHERE id = ?`,
  ).run(state, iso, terminal ? iso : null, error?.code ?? null, error?.message ?? null, jobId);
  if (owner) {
    cachedStatement(db, 'UPDATE import_jobs SET owner_pid = ?, owner_instance = ? WHERE id = ?').run(owner.pid, owner.instance, jobId);
  }
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

/** What decides whether a `running`/`queued` job still has a live owner. */
export interface ActiveJobOwnership {
  readonly ownerPid: number | null;
  readonly ownerInstance: string | null;
  /** The heartbeat (ISO time of the last chunk commit or heartbeat tick). */
  readonly updatedAt: string;
}

/** `process.kill(pid, 0)` probes without signalling: ESRCH = no such process; EPERM = alive, not ours. */
export function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: unknown }).code === 'EPERM';
  }
}

/**
 * True when a `running`/`queued` job has been abandoned: its owner is not this process and is
 * dead (or unknown: a job from before ownership was recorded), or its heartbeat is stale.
 * Another live process's job (the app while `vinlookup jobs` starts) is left alone.
 */
export function isJobOrphaned(
  job: ActiveJobOwnership,
  self: JobOwner,
  now: Date,
  isAlive: (pid: number) => boolean = isPidAlive,
  staleMs: number = STALE_HEARTBEAT_MS,
): boolean {
  if (job.ownerInstance === self.instance) return false;
  if (job.ownerPid === null || job.ownerInstance === null) return true;
  // Our pid but another instance: a previous process that had our pid, so it is gone.
  if (job.ownerPid === self.pid) return true;
  if (!isAlive(job.ownerPid)) return true;
  const beat = Date.parse(job.updatedAt);
  return !Number.isFinite(beat) || now.getTime() - beat > staleMs;
}

/**
 * At app start: jobs left `running` or `queued` by a process that died (or went silent) become
 * `interrupted`. Returns how many.
 */
export function markInterruptedJobs(
  db: Database,
  now: Date,
  options: { readonly self?: JobOwner; readonly isAlive?: (pid: number) => boolean; readonly staleMs?: number } = {},
): number {
  const self = options.self ?? processOwner();
  const active = cachedStatement<{ id: string; owner_pid: number | null; owner_instance: string | null; updated_at: string }>(
    db,
    `SELECT id, owner_pid, owner_instance, updated_at FROM import_jobs WHERE state IN ('running', 'queued')`,
  ).all();
  const orphaned = active.filter((j) =>
    isJobOrphaned({ ownerPid: j.owner_pid, ownerInstance: j.owner_instance, updatedAt: j.updated_at }, self, now, options.isAlive, options.staleMs),
  );
  const mark = cachedStatement(
    db,
    // The state check again: the owner may have finished the job since it was read.
    `UPDATE import_jobs SET state = 'interrupted', updated_at = ? WHERE id = ? AND state IN ('running', 'queued')`,
  );
  let changes = 0;
  db.transaction(() => {
    for (const j of orphaned) changes += mark.run(now.toISOString(), j.id).changes;
  }).immediate();
  return changes;
}

/** The owner's heartbeat: refresh `updated_at` of its running and queued jobs (all, or `jobId`). */
export function touchOwnedJobs(db: Database, owner: JobOwner, now: Date, jobId?: string): number {
  return cachedStatement(
    db,
    `UPDATE import_jobs SET updated_at = ? WHERE owner_instance = ? AND state IN ('running', 'queued') AND (? IS NULL OR id = ?)`,
  ).run(now.toISOString(), owner.instance, jobId ?? null, jobId ?? null).changes;
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
    'INSERT OR REPLACE INTO import_rejects (job_id, row, value, code, reason, kind, attributes_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  for (const r of chunk.rejects) insertReject.run(jobId, r.row, r.value, r.code, r.reason, r.kind, JSON.stringify(r.attributes ?? {}));
  const insertVin = cachedStatement(db, 'INSERT OR IGNORE INTO import_job_vins (job_id, vin) VALUES (?, ?)');
  for (const vin of chunk.vins) insertVin.run(jobId, vin);
  const d = chunk.delta;
  cachedStatement(
    db,
    `UPDATE import_jobs SET total = total + ?, added = added + ?, updated = updated + ?, duplicates = duplicates + ?,
       invalid = invalid + ?, failed = failed + ?, offline = offline + ?, rows_committed = ?, updated_at = ? WHERE id = ?`,
  ).run(d.total, d.added, d.updated, d.duplicates, d.invalid, d.failed, d.offline ?? 0, chunk.lastRow, now.toISOString(), jobId);
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

/** A reject's stored file columns (unreadable → none). */
export function parseRejectAttributes(json: string): Record<string, string> {
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
    // No prototype, so a column named `__proto__` is copied as the attribute it is.
    const out: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (typeof v === 'string') out[k] = v;
    return out;
  } catch {
    return {};
  }
}

/** A page of a job's failed rows after `afterRow`, in row order. */
export function listFailedRows(db: Database, jobId: string, afterRow: number, limit: number): FailedRow[] {
  return cachedStatement<{ row: number; value: string; attributes_json: string }>(
    db,
    `SELECT row, value, attributes_json FROM import_rejects WHERE job_id = ? AND kind = 'failed' AND row > ? ORDER BY row LIMIT ?`,
  )
    .all(jobId, afterRow, limit)
    .map((r) => ({ row: r.row, value: r.value, attributes: parseRejectAttributes(r.attributes_json) }));
}

/**
 * Book a retry chunk (inside the transaction that stored its vehicles): recovered rows leave the
 * report and move from `failed` to `added` (or `updated` when the VIN got stored meanwhile);
 * rows that failed again keep their place with the new reason.
 */
export function recordRetryChunk(
  db: Database,
  jobId: string,
  chunk: {
    readonly recovered: readonly number[];
    readonly added: number;
    readonly updated: number;
    /** Of the added ones, those decoded offline. */
    readonly offline?: number;
    readonly stillFailed: readonly { readonly row: number; readonly reason: string }[];
  },
  now: Date,
): void {
  const remove = cachedStatement(db, `DELETE FROM import_rejects WHERE job_id = ? AND row = ? AND kind = 'failed'`);
  let removed = 0;
  for (const row of chunk.recovered) removed += remove.run(jobId, row).changes;
  if (removed !== chunk.added + chunk.updated) {
    // Someone else retried these rows at the same time: roll back rather than count twice.
    throw new Error(`retry of job ${jobId}: ${chunk.added + chunk.updated} rows recovered but ${removed} failed rows found`);
  }
  const reason = cachedStatement(db, `UPDATE import_rejects SET reason = ? WHERE job_id = ? AND row = ? AND kind = 'failed'`);
  for (const f of chunk.stillFailed) reason.run(f.reason, jobId, f.row);
  cachedStatement(
    db,
    'UPDATE import_jobs SET failed = failed - ?, added = added + ?, updated = updated + ?, offline = offline + ?, updated_at = ? WHERE id = ?',
  ).run(chunk.added + chunk.updated, chunk.added, chunk.updated, chunk.offline ?? 0, now.toISOString(), jobId);
}
