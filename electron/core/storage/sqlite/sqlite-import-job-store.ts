/**
 * The import tables in SQLite: jobs with their counts, cursor and owner; rejected rows; the VINs
 * each job has handled.
 *
 * `commitChunk` is the one write that matters for crash safety: a chunk's vehicles, its rejects,
 * its seen VINs, the job's counts and its cursor go in ONE BEGIN IMMEDIATE transaction, so a kill
 * leaves either all of a chunk or none of it. The SQL runs synchronously (better-sqlite3); the
 * store answers with promises like every `FleetStore`.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { ImportCounts, ImportJobError, ImportJobState, ImportReject, ImportRejectCode } from '../../../../shared/import/import-contract';
import { writeTransaction } from './db/transactions';
import type { FailedRow, ImportJobOptions, ImportJobRecord, RejectInput } from '../../import/import-job-record';
import type { JobOwner, JobOwnership } from '../../import/job-ownership';
import { cachedStatement } from './vehicles/statement-cache';
import { MAX_IN_LIST, updateAttributes, updateDecodedIfPresent, upsertManyDecoded } from './vehicles/vehicle-repository';
import type { ImportChunk, ImportJobStore, UpsertItem, UpsertResult } from '../fleet-store';
import { countedFromWrite, jobFromDb, parseRejectAttributes, type JobDbRow } from '../import-job-row';

const JOB_SELECT = `SELECT j.*, (SELECT COUNT(*) FROM import_rejects r WHERE r.job_id = j.id) AS rejects FROM import_jobs j`;

export function createJob(
  db: Database,
  input: { filePath: string; fileName: string; options: ImportJobOptions; state?: ImportJobState; owner: JobOwner },
  now: Date,
): ImportJobRecord {
  const id = randomUUID();
  const iso = now.toISOString();
  const { owner } = input;
  cachedStatement(
    db,
    `INSERT INTO import_jobs (id, file_path, file_name, state, options_json, created_at, updated_at, owner_pid, owner_instance, owner_host)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, input.filePath, input.fileName, input.state ?? 'queued', JSON.stringify(input.options), iso, iso, owner.pid, owner.instance, owner.host);
  return getJob(db, id)!;
}

export function getJob(db: Database, jobId: string): ImportJobRecord | null {
  const row = cachedStatement<JobDbRow>(db, `${JOB_SELECT} WHERE j.id = ?`).get(jobId);
  return row === undefined ? null : jobFromDb(row);
}

/** The history, newest first. */
function listJobs(db: Database, limit = 100): ImportJobRecord[] {
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
  writeTransaction(db, () => {
    cachedStatement(
      db,
      `UPDATE import_jobs SET state = ?, updated_at = ?, finished_at = ?, error_code = ?, error_message = ? WHERE id = ?`,
    ).run(state, iso, terminal ? iso : null, error?.code ?? null, error?.message ?? null, jobId);
    if (owner) {
      cachedStatement(db, 'UPDATE import_jobs SET owner_pid = ?, owner_instance = ?, owner_host = ? WHERE id = ?').run(
        owner.pid,
        owner.instance,
        owner.host,
        jobId,
      );
    }
    if (state === 'done') {
      // The seen-VIN list only serves duplicates across chunks and resumes; a done job needs none.
      cachedStatement(db, 'DELETE FROM import_job_vins WHERE job_id = ?').run(jobId);
    }
  });
}

function setJobOptions(db: Database, jobId: string, options: ImportJobOptions, now: Date): void {
  cachedStatement(db, 'UPDATE import_jobs SET options_json = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(options), now.toISOString(), jobId);
}

/** Jobs left `running` or `queued` whose owner is gone become `interrupted`. Returns how many. */
function markInterruptedJobs(db: Database, now: Date, isOrphaned: (job: JobOwnership) => boolean): number {
  const active = cachedStatement<{ id: string; owner_pid: number | null; owner_instance: string | null; owner_host: string | null; updated_at: string }>(
    db,
    `SELECT id, owner_pid, owner_instance, owner_host, updated_at FROM import_jobs WHERE state IN ('running', 'queued')`,
  ).all();
  const orphaned = active.filter((j) =>
    isOrphaned({ ownerPid: j.owner_pid, ownerInstance: j.owner_instance, ownerHost: j.owner_host, updatedAt: j.updated_at }),
  );
  if (orphaned.length === 0) return 0;
  const mark = cachedStatement(
    db,
    // The heartbeat is checked again: the owner may have beaten or finished the job since it was read.
    `UPDATE import_jobs SET state = 'interrupted', updated_at = ? WHERE id = ? AND updated_at = ? AND state IN ('running', 'queued')`,
  );
  return writeTransaction(db, () => {
    let changes = 0;
    for (const j of orphaned) changes += mark.run(now.toISOString(), j.id, j.updated_at).changes;
    return changes;
  });
}

/** The owner's heartbeat: refresh `updated_at` of its running and queued jobs (all, or `jobId`). */
function touchOwnedJobs(db: Database, owner: JobOwner, now: Date, jobId?: string): number {
  return cachedStatement(
    db,
    `UPDATE import_jobs SET updated_at = ? WHERE owner_instance = ? AND state IN ('running', 'queued') AND (? IS NULL OR id = ?)`,
  ).run(now.toISOString(), owner.instance, jobId ?? null, jobId ?? null).changes;
}

function inParts<T>(values: readonly string[], each: (part: string[]) => T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < values.length; i += MAX_IN_LIST) out.push(...each(values.slice(i, i + MAX_IN_LIST)));
  return out;
}

/** Which of `vins` the job has already handled (committed chunks). */
function seenVins(db: Database, jobId: string, vins: readonly string[]): Set<string> {
  const sql = (n: number): string => `SELECT vin FROM import_job_vins WHERE job_id = ? AND vin IN (${Array(n).fill('?').join(', ')})`;
  return new Set(inParts([...new Set(vins)], (part) => cachedStatement<{ vin: string }>(db, sql(part.length)).all(jobId, ...part).map((r) => r.vin)));
}

/** Which of `vins` are stored now (read inside a chunk's transaction). */
function presentVins(db: Database, vins: readonly string[]): Set<string> {
  const sql = (n: number): string => `SELECT vin FROM vehicles WHERE vin IN (${Array(n).fill('?').join(', ')})`;
  return new Set(inParts([...new Set(vins)], (part) => cachedStatement<{ vin: string }>(db, sql(part.length)).all(...part).map((r) => r.vin)));
}

/** A chunk's bookkeeping: rejects, seen VINs, counts added, cursor (inside the chunk's transaction). */
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

/**
 * A chunk's vehicles and bookkeeping in one transaction, applied once (a chunk at or below the
 * job's cursor answers the ids it stored and changes nothing). A re-decode of a vehicle removed since
 * the chunk was classified is stored again, as an addition (its counts move from updated to
 * added), so a removal racing an import never loses the file's vehicle.
 */
/**
 * The stored ids of a chunk already committed: a caller retrying a commit whose answer was lost
 * (a server restart) gets what the first commit stored, nothing applied twice. A VIN removed
 * since has no id to give.
 */
function storedIdsOf(db: Database, upserts: readonly UpsertItem[]): UpsertResult[] {
  const sql = (n: number): string => `SELECT id, vin FROM vehicles WHERE vin IN (${Array(n).fill('?').join(', ')})`;
  const vins = upserts.map((u) => u.vehicle.vin);
  const ids = new Map(inParts([...new Set(vins)], (part) => cachedStatement<{ id: number; vin: string }>(db, sql(part.length)).all(...part)).map((r) => [r.vin, r.id]));
  return vins.flatMap((vin) => (ids.has(vin) ? [{ id: ids.get(vin)!, created: false }] : []));
}

/** The job's cursor: rows at or below it are committed. */
function rowsCommitted(db: Database, jobId: string): number {
  return cachedStatement<{ rows_committed: number }>(db, 'SELECT rows_committed FROM import_jobs WHERE id = ?').get(jobId)?.rows_committed ?? 0;
}

function commitChunk(db: Database, jobId: string, chunk: ImportChunk, now: Date): UpsertResult[] {
  return writeTransaction(db, () => {
    // Idempotent by the cursor: a chunk not beyond it was committed already.
    if (chunk.lastRow <= rowsCommitted(db, jobId)) return storedIdsOf(db, chunk.upserts);
    const present = presentVins(db, chunk.redecoded.map((v) => v.vin));
    const attributesOf = new Map(chunk.attributeUpdates.map((u) => [u.vin, u.attributes]));
    const gone: UpsertItem[] = chunk.redecoded
      .filter((v) => !present.has(v.vin))
      .map((vehicle) => ({ vehicle, ...(attributesOf.has(vehicle.vin) ? { attributes: attributesOf.get(vehicle.vin)! } : {}) }));
    const results = chunk.upserts.length + gone.length > 0 ? upsertManyDecoded(db, [...chunk.upserts, ...gone], now) : [];
    updateDecodedIfPresent(db, chunk.redecoded.filter((v) => present.has(v.vin)), now);
    const goneVins = new Set(gone.map((g) => g.vehicle.vin));
    for (const u of chunk.attributeUpdates) {
      if (!goneVins.has(u.vin) && Object.keys(u.attributes).length > 0) updateAttributes(db, u.vin, u.attributes, now);
    }
    const delta = countedFromWrite(chunk.delta, gone.length, results);
    recordChunk(db, jobId, { lastRow: chunk.lastRow, delta, rejects: chunk.rejects, vins: chunk.vins }, now);
    return results;
  });
}

interface RejectDbRow {
  row: number;
  value: string;
  code: ImportRejectCode;
  reason: string;
  kind: 'invalid' | 'failed';
}

const rejectOf = (r: RejectDbRow): ImportReject => ({ row: r.row, value: r.value, reason: r.reason, code: r.code, kind: r.kind });

export function countRejects(db: Database, jobId: string): number {
  return cachedStatement<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM import_rejects WHERE job_id = ?').get(jobId)?.n ?? 0;
}

export function listRejects(db: Database, jobId: string, offset: number, limit: number): ImportReject[] {
  return cachedStatement<RejectDbRow>(db, 'SELECT row, value, code, reason, kind FROM import_rejects WHERE job_id = ? ORDER BY row LIMIT ? OFFSET ?')
    .all(jobId, limit, offset)
    .map(rejectOf);
}

/** Every reject of a job in row order, a page at a time (keyset pages: the report never holds them all). */
async function* iterateRejects(db: Database, jobId: string, pageSize = 1000): AsyncGenerator<ImportReject[]> {
  let lastRow = 0;
  for (;;) {
    const page = cachedStatement<RejectDbRow>(
      db,
      'SELECT row, value, code, reason, kind FROM import_rejects WHERE job_id = ? AND row > ? ORDER BY row LIMIT ?',
    ).all(jobId, lastRow, pageSize);
    if (page.length === 0) return;
    lastRow = page[page.length - 1]!.row;
    yield page.map(rejectOf);
    if (page.length < pageSize) return;
  }
}

/** A page of a job's failed rows after `afterRow`, in row order. */
function listFailedRows(db: Database, jobId: string, afterRow: number, limit: number): FailedRow[] {
  return cachedStatement<{ row: number; value: string; attributes_json: string }>(
    db,
    `SELECT row, value, attributes_json FROM import_rejects WHERE job_id = ? AND kind = 'failed' AND row > ? ORDER BY row LIMIT ?`,
  )
    .all(jobId, afterRow, limit)
    .map((r) => ({ row: r.row, value: r.value, attributes: parseRejectAttributes(r.attributes_json) }));
}

type RetryChunk = Parameters<ImportJobStore['commitRetryChunk']>[1];

/**
 * A retry's recovered rows: vehicles stored, their rows leave the report and move from `failed`
 * to `added` (or `updated`), rows that failed again keep their place with the new reason.
 */
function commitRetryChunk(db: Database, jobId: string, chunk: RetryChunk, now: Date): UpsertResult[] {
  return writeTransaction(db, () => {
    for (const u of chunk.attributeUpdates) if (Object.keys(u.attributes).length > 0) updateAttributes(db, u.vin, u.attributes, now);
    const results = chunk.upserts.length > 0 ? upsertManyDecoded(db, chunk.upserts, now) : [];
    const remove = cachedStatement(db, `DELETE FROM import_rejects WHERE job_id = ? AND row = ? AND kind = 'failed'`);
    let removed = 0;
    for (const row of chunk.recovered) removed += remove.run(jobId, row).changes;
    if (removed !== chunk.added + chunk.updated) {
      // Someone else retried these rows at the same time: roll back rather than count twice.
      throw new Error(`retry of job ${jobId}: ${chunk.added + chunk.updated} rows recovered but ${removed} failed rows found`);
    }
    const reason = cachedStatement(db, `UPDATE import_rejects SET reason = ? WHERE job_id = ? AND row = ? AND kind = 'failed'`);
    for (const f of chunk.stillFailed ?? []) reason.run(f.reason, jobId, f.row);
    cachedStatement(
      db,
      'UPDATE import_jobs SET failed = failed - ?, added = added + ?, updated = updated + ?, offline = offline + ?, updated_at = ? WHERE id = ?',
    ).run(chunk.added + chunk.updated, chunk.added, chunk.updated, chunk.offline ?? 0, now.toISOString(), jobId);
    return results;
  });
}

export function createSqliteImportJobStore(db: Database): ImportJobStore {
  // `async` methods: a SQLite error becomes a rejected promise, as a server's would.
  return {
    create: async (input, now) => createJob(db, input, now),
    get: async (jobId) => getJob(db, jobId),
    list: async (limit) => listJobs(db, limit),
    setState: async (jobId, state, now, error, owner) => setJobState(db, jobId, state, now, error ?? null, owner),
    setOptions: async (jobId, options, now) => setJobOptions(db, jobId, options, now),
    markInterrupted: async (now, isOrphaned) => markInterruptedJobs(db, now, isOrphaned),
    heartbeat: async (owner, now, jobId) => touchOwnedJobs(db, owner, now, jobId),
    seenVins: async (jobId, vins) => seenVins(db, jobId, vins),
    commitChunk: async (jobId, chunk, now) => commitChunk(db, jobId, chunk, now),
    countRejects: async (jobId) => countRejects(db, jobId),
    listRejects: async (jobId, offset, limit) => listRejects(db, jobId, offset, limit),
    iterateRejects: (jobId, pageSize) => iterateRejects(db, jobId, pageSize),
    listFailedRows: async (jobId, afterRow, limit) => listFailedRows(db, jobId, afterRow, limit),
    commitRetryChunk: async (jobId, chunk, now) => commitRetryChunk(db, jobId, chunk, now),
  };
}
