/**
 * The import tables on SQLite behind the store's interface: a thin adapter over the import
 * repository's functions. A chunk's vehicles and its bookkeeping commit in ONE write
 * transaction, so a killed import resumes without losing or repeating a row.
 */
import type { Database } from 'better-sqlite3';
import type { ImportJobStore, UpsertItem } from '../fleet-store';
import {
  countRejects,
  createJob,
  getJob,
  iterateRejects,
  listFailedRows,
  listJobs,
  listRejects,
  recordChunk,
  recordRetryChunk,
  seenVins,
  setJobOptions,
  setJobState,
  touchOwnedJobs,
} from '../../import/import-job-repository';
import { writeTransaction } from './db/transactions';
import { cachedStatement } from './vehicles/statement-cache';
import { updateAttributes, updateDecodedIfPresent, upsertManyDecoded } from './vehicles/vehicle-repository';

/** The writes every chunk kind shares: new and known vehicles, then the file's columns of known ones. */
function storeVehicles(
  db: Database,
  upserts: readonly UpsertItem[],
  attributeUpdates: readonly { readonly vin: string; readonly attributes: Readonly<Record<string, string>> }[],
  now: Date,
) {
  const results = upserts.length > 0 ? upsertManyDecoded(db, upserts, now) : [];
  for (const update of attributeUpdates) {
    if (Object.keys(update.attributes).length > 0) updateAttributes(db, update.vin, update.attributes, now);
  }
  return results;
}

export function createSqliteImportJobStore(db: Database): ImportJobStore {
  return {
    create: async (input, now) => createJob(db, input, now),
    get: async (jobId) => getJob(db, jobId),
    list: async (limit) => listJobs(db, limit),
    setState: async (jobId, state, now, error, owner) => setJobState(db, jobId, state, now, error ?? null, owner),
    setOptions: async (jobId, options, now) => setJobOptions(db, jobId, options, now),
    async markInterrupted(now, isOrphaned) {
      const active = cachedStatement<{ id: string; owner_pid: number | null; owner_instance: string | null; updated_at: string }>(
        db,
        `SELECT id, owner_pid, owner_instance, updated_at FROM import_jobs WHERE state IN ('running', 'queued')`,
      ).all();
      const orphaned = active.filter((j) => isOrphaned({ ownerPid: j.owner_pid, ownerInstance: j.owner_instance, updatedAt: j.updated_at }));
      // The state check again: the owner may have finished the job since it was read.
      const mark = cachedStatement(db, `UPDATE import_jobs SET state = 'interrupted', updated_at = ? WHERE id = ? AND state IN ('running', 'queued')`);
      return writeTransaction(db, () => orphaned.reduce((n, j) => n + mark.run(now.toISOString(), j.id).changes, 0));
    },
    heartbeat: async (owner, now, jobId) => touchOwnedJobs(db, owner, now, jobId),
    seenVins: async (jobId, vins) => seenVins(db, jobId, vins),
    commitChunk: async (jobId, chunk, now) =>
      writeTransaction(db, () => {
        const results = storeVehicles(db, chunk.upserts, [], now);
        // Re-decodes update in place, never insert: a vehicle removed meanwhile stays removed.
        if (chunk.redecoded.length > 0) updateDecodedIfPresent(db, chunk.redecoded, now);
        storeVehicles(db, [], chunk.attributeUpdates, now);
        recordChunk(db, jobId, { lastRow: chunk.lastRow, delta: chunk.delta, rejects: chunk.rejects, vins: chunk.vins }, now);
        return results;
      }),
    countRejects: async (jobId) => countRejects(db, jobId),
    listRejects: async (jobId, offset, limit) => listRejects(db, jobId, offset, limit),
    async *iterateRejects(jobId, pageSize) {
      yield* iterateRejects(db, jobId, pageSize);
    },
    listFailedRows: async (jobId, afterRow, limit) => listFailedRows(db, jobId, afterRow, limit),
    commitRetryChunk: async (jobId, chunk, now) =>
      writeTransaction(db, () => {
        const results = storeVehicles(db, chunk.upserts, chunk.attributeUpdates, now);
        const { recovered, added, updated, offline, stillFailed = [] } = chunk;
        recordRetryChunk(db, jobId, { recovered, added, updated, ...(offline === undefined ? {} : { offline }), stillFailed }, now);
        return results;
      }),
  };
}
