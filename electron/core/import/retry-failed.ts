/**
 * "Retry failed": decode a job's failed rows again and store what now succeeds.
 *
 * A failed row is a valid VIN that neither vPIC nor the offline snapshot could decode during the
 * import (vPIC down, breaker open, snapshot unavailable). Once vPIC is back the user retries on
 * demand: each chunk's vehicles, the removal of its recovered rows from the report and the
 * counts (`failed` → `added`, or `updated` when the VIN got stored meanwhile) commit in ONE
 * transaction, so `total = added + updated + duplicates + invalid + failed` holds at every
 * moment and a kill mid-retry loses nothing. Rows that fail again stay, with the new reason.
 *
 * Same engine for the worker thread (desktop app) and the CLI (`vinlookup retry`).
 */
import type { DecodedVehicle } from '../../../shared/vehicle';
import { normalizeVin } from '../../../shared/vin/vin-rules';
import { AppFailure, messageOf } from '../ipc/app-failure';
import type { Logger } from '../logging/logger';
import type { UpsertItem } from '../storage/fleet-store';
import type { DecodeVins } from './import-chunk';
import type { ImportJobRecord } from './import-job-record';
import { storedVins, type ImportStores } from './import-stores';
import { processOwner, type JobOwner } from './job-ownership';
import type { ImportRunProgress } from './run-import-job';

export interface RetryFailedDeps {
  readonly stores: ImportStores;
  readonly decode: DecodeVins;
  readonly now: () => Date;
  /** Failed rows per transaction (default 500). */
  readonly chunkSize?: number;
  readonly owner?: JobOwner;
  readonly onProgress?: (progress: ImportRunProgress) => void;
  readonly onCommitted?: (vehiclesWritten: number) => void;
  readonly logger?: Logger;
}

export interface RetryFailedResult {
  readonly job: ImportJobRecord;
  /** Failed rows tried again. */
  readonly retried: number;
  /** Of those, now stored. */
  readonly recovered: number;
  readonly stillFailed: number;
}


/** Throws INVALID_INPUT for a job that is queued or running (its rows are still moving). */
export function assertRetryable(job: ImportJobRecord): void {
  if (job.state === 'running' || job.state === 'queued') {
    throw new AppFailure('INVALID_INPUT', `The import ${job.jobId} is ${job.state}; retry its failed rows when it has stopped.`);
  }
}

export async function retryFailedRows(deps: RetryFailedDeps, jobId: string, signal?: AbortSignal): Promise<RetryFailedResult> {
  const { now } = deps;
  const jobs = deps.stores.importJobs;
  const job = await jobs.get(jobId);
  if (!job) throw new AppFailure('NOT_FOUND', `There is no import job ${jobId}.`);
  assertRetryable(job);
  const total = job.counts.failed;
  if (total === 0) return { job, retried: 0, recovered: 0, stillFailed: 0 };

  const chunkSize = Math.max(1, deps.chunkSize ?? 500);
  // Running while it retries (owned, so no other process marks it interrupted); afterwards the
  // job returns to the state it had: a cancelled job stays resumable.
  await jobs.setState(jobId, 'running', now(), null, deps.owner ?? processOwner());
  let retried = 0;
  let recovered = 0;
  let afterRow = 0;
  try {
    for (;;) {
      if (signal?.aborted) break;
      const rows = await jobs.listFailedRows(jobId, afterRow, chunkSize);
      if (rows.length === 0) break;
      afterRow = rows[rows.length - 1]!.row;
      const entries = rows.map((r) => ({ ...r, vin: normalizeVin(r.value) }));
      const stored = await storedVins(deps.stores.vehicles, entries.map((e) => e.vin));
      const toDecode = [...new Set(entries.filter((e) => !stored.has(e.vin)).map((e) => e.vin))];
      let decoded: readonly DecodedVehicle[] = [];
      let failures = new Map<string, string>();
      try {
        const result = toDecode.length > 0 ? await deps.decode(toDecode) : { decoded: [], failed: [] };
        decoded = result.decoded;
        failures = new Map(result.failed.map((f) => [f.vin, f.message]));
      } catch (error) {
        failures = new Map(toDecode.map((vin) => [vin, messageOf(error)]));
      }
      const byVin = new Map(decoded.map((v) => [v.vin, v]));
      const recoveredRows: number[] = [];
      const upserts: UpsertItem[] = [];
      const attributeUpdates: { vin: string; attributes: Record<string, string> }[] = [];
      const stillFailed: { row: number; reason: string }[] = [];
      let added = 0;
      let updated = 0;
      for (const e of entries) {
        // Stored meanwhile (looked up, or another import): the row's attributes apply, no decode.
        if (stored.has(e.vin)) {
          attributeUpdates.push({ vin: e.vin, attributes: e.attributes });
          recoveredRows.push(e.row);
          updated += 1;
          continue;
        }
        const vehicle = byVin.get(e.vin);
        if (vehicle) {
          upserts.push({ vehicle, attributes: e.attributes });
          recoveredRows.push(e.row);
          added += 1;
        } else {
          stillFailed.push({ row: e.row, reason: failures.get(e.vin) ?? 'The decoder gave no answer for this VIN.' });
        }
      }
      const offline = upserts.filter((u) => u.vehicle.source === 'offline').length;
      await jobs.commitRetryChunk(jobId, { upserts, attributeUpdates, recovered: recoveredRows, added, updated, offline, stillFailed }, now());
      recovered += recoveredRows.length;
      retried += rows.length;
      if (recoveredRows.length > 0) deps.onCommitted?.(recoveredRows.length);
      const current = (await jobs.get(jobId))!;
      deps.onProgress?.({
        jobId,
        counts: current.counts,
        rowsRead: current.rowsCommitted,
        decoded: recovered,
        fraction: Math.min(1, retried / total),
        etaSeconds: null,
      });
    }
  } finally {
    try {
      await jobs.setState(jobId, job.state, now(), job.error);
    } catch (error) {
      deps.logger?.error({ err: error, jobId }, 'could not restore the state of a retried import');
    }
  }
  const final = (await jobs.get(jobId))!;
  return { job: final, retried, recovered, stillFailed: final.counts.failed };
}
