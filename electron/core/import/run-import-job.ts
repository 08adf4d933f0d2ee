/**
 * The import engine: read a fleet file, validate, decode what is new, store, in chunks.
 *
 * One plain async function serves the worker thread (desktop app) and the CLI (in-process).
 * Rules: a stored VIN gets its attributes updated without a vPIC call (unless
 * `refresh`), same id; a new VIN is decoded (batch pipeline, offline fallback) and added;
 * duplicates in the file count once; invalid rows are rejected with row, value and reason.
 *
 * Crash safety: rows are grouped in chunks; each chunk's vehicles, rejects, seen VINs, counts
 * and cursor commit in ONE store call (`commitChunk`). A resume re-reads the file, skips the rows
 * at or below the cursor and continues, so the final counts equal an uninterrupted run. Decoding
 * of the next chunk overlaps the commit of the current one (a small pipeline) so vPIC's rate
 * cap, not the chunking, sets the pace. The parts: `import-rows` reads, `classify-row` judges a
 * row, `import-chunk` decodes and commits a chunk; this file runs the job's lifecycle and pipeline.
 */
import type { ImportCounts, ImportStorageWait } from '../../../shared/import/import-contract';
import { AppFailure } from '../ipc/app-failure';
import type { Logger } from '../logging/logger';
import { mappedAttributeNames } from './column-mapping';
import { rowClassifier, type RowEntry } from './classify-row';
import { assertSameFile } from './file-identity';
import { classifyChunk, commitChunk, type ChunkContext, type DecodeVins, type PendingChunk } from './import-chunk';
import { jobErrorOf } from './import-job-error';
import { addCounts, type ImportJobRecord, type RejectInput } from './import-job-record';
import { openImportRows, type ImportRows } from './import-rows';
import type { ImportStores } from './import-stores';
import { HEARTBEAT_INTERVAL_MS, processOwner, startHeartbeat, type JobOwner } from './job-ownership';
import type { Decryption } from './openpgp-file';
import { StorageWaitAborted, whileStorageUnavailable, type StorageWait } from './wait-for-storage';

export type { DecodeVins, ImportDecodeFailure, ImportDecodeResult } from './import-chunk';

export interface ImportRunProgress {
  readonly jobId: string;
  /** Whole-job committed counts. */
  readonly counts: ImportCounts;
  readonly rowsRead: number;
  /** VINs decoded in this run. */
  readonly decoded: number;
  readonly fraction: number | null;
  readonly etaSeconds: number | null;
  /** Present while the job waits for the team database to answer again. */
  readonly waitingForStorage?: ImportStorageWait;
}

export interface ImportJobDeps {
  readonly stores: ImportStores;
  readonly decode: DecodeVins;
  readonly now: () => Date;
  /** Key and passphrase, for encrypted files. */
  readonly decryption?: Decryption;
  /** Data rows per transaction (default 500). */
  readonly chunkSize?: number;
  /** Chunks decoding at once, committed in order (default 2). */
  readonly pipelineDepth?: number;
  /** Called after each committed chunk. */
  readonly onProgress?: (progress: ImportRunProgress) => void;
  /** Called after each committed chunk with how many vehicles it wrote. */
  readonly onCommitted?: (vehiclesWritten: number) => void;
  readonly logger?: Logger;
  /** Largest record accepted, in characters (default 1 MB): a giant line is a clear error, not a hang. */
  readonly maxRecordSize?: number;
  /** The process the job runs for (default this one; a worker thread passes main's). */
  readonly owner?: JobOwner;
  /** Heartbeat period while running, so slow chunks do not look abandoned (default 5 s). */
  readonly heartbeatMs?: number;
  /** Waits between tries while the store is unreachable (default 250 ms doubling to 5 s). */
  readonly storageRetry?: { readonly minDelayMs?: number; readonly maxDelayMs?: number };
}

/**
 * Another desk marked the job `interrupted` while this run could not reach the server (its
 * heartbeat went stale): the job is no longer this run's, so it stops without writing.
 */
class JobTakenOver extends Error {
  constructor(jobId: string) {
    super(`The import ${jobId} was taken for abandoned while the database was unreachable; it stopped here and can be resumed.`);
    this.name = 'JobTakenOver';
  }
}

export const DEFAULT_CHUNK_SIZE = 500;

/**
 * Run (or resume) job `jobId` to its end, or until `signal` aborts (state `cancelled` after the
 * chunk being committed). Returns the final record. A file that cannot be read or decrypted
 * marks the job `failed` and throws the AppFailure (FILE_ERROR, DECRYPT_FAILED, INVALID_INPUT).
 */
export async function runImportJob(deps: ImportJobDeps, jobId: string, signal?: AbortSignal): Promise<ImportJobRecord> {
  const jobs = deps.stores.importJobs;
  const { now } = deps;
  const job = await jobs.get(jobId);
  if (!job) throw new AppFailure('NOT_FOUND', `There is no import job ${jobId}.`);
  if (job.state === 'done') return job;
  const owner = deps.owner ?? processOwner();
  await jobs.setState(jobId, 'running', now(), null, owner);
  // Chunk commits refresh the heartbeat too, but a chunk can wait long on a failing vPIC.
  const stopHeartbeat = startHeartbeat(
    () => jobs.heartbeat(owner, now(), jobId),
    (error) => deps.logger?.warn({ err: error, jobId }, 'import heartbeat failed'),
    deps.heartbeatMs ?? HEARTBEAT_INTERVAL_MS,
  );
  const retry = storageRetry(deps, jobId, owner, signal);
  try {
    const finalState = await runRows(deps, job, retry, signal);
    stopHeartbeat();
    // A finished import waits for the server to record it; a cancelled one tries once (the
    // user asked it to stop, not to wait).
    if (finalState === 'done') await retry.run(() => jobs.setState(jobId, finalState, now()));
    else await jobs.setState(jobId, finalState, now());
  } catch (error) {
    stopHeartbeat();
    if (error instanceof JobTakenOver) {
      deps.logger?.warn({ jobId }, error.message);
      return (await jobs.get(jobId))!;
    }
    const jobError = jobErrorOf(error);
    deps.logger?.warn({ jobId, code: jobError.code, reason: jobError.message }, 'import failed');
    try {
      await jobs.setState(jobId, 'failed', now(), jobError);
    } catch (inner) {
      deps.logger?.error({ err: inner, jobId }, 'could not record the import failure');
    }
    throw error instanceof AppFailure ? error : new AppFailure(jobError.code, jobError.message, undefined, { cause: error });
  }
  return (await jobs.get(jobId))!;
}

interface StorageRetry {
  /** `operation`, tried again while the store is unavailable (it must be safe to repeat). */
  run<T>(operation: () => Promise<T>): Promise<T>;
  /** The wait in progress, for progress events; null while the store answers. */
  readonly waiting: () => ImportStorageWait | null;
  /** Told when a wait starts, changes or ends (the run reports progress). */
  onChange?: () => void;
}

/**
 * The job's store calls held while the server is unreachable. Before a try that follows a wait,
 * the job's heartbeat is written and must find the job still this owner's: after an outage longer
 * than the stale threshold another desk may have marked it `interrupted` (and resumed it), and
 * then this run must not write on.
 */
function storageRetry(deps: ImportJobDeps, jobId: string, owner: JobOwner, signal: AbortSignal | undefined): StorageRetry {
  let current: ImportStorageWait | null = null;
  const state: StorageRetry = {
    waiting: () => current,
    run: (operation) =>
      whileStorageUnavailable(
        async (attempt) => {
          if (attempt > 1 && (await deps.stores.importJobs.heartbeat(owner, deps.now(), jobId)) === 0) throw new JobTakenOver(jobId);
          return operation();
        },
        {
          ...(signal ? { signal } : {}),
          ...(deps.storageRetry?.minDelayMs !== undefined ? { minDelayMs: deps.storageRetry.minDelayMs } : {}),
          ...(deps.storageRetry?.maxDelayMs !== undefined ? { maxDelayMs: deps.storageRetry.maxDelayMs } : {}),
          now: deps.now,
          onWaiting(wait: StorageWait) {
            if (current === null) deps.logger?.warn({ jobId, reason: wait.message }, 'import waiting for the database');
            current = { message: wait.message, since: wait.since, retryInSeconds: Math.ceil(wait.retryInMs / 1000) };
            state.onChange?.();
          },
          onRecovered() {
            deps.logger?.info({ jobId }, 'import going on: the database answers again');
            current = null;
            state.onChange?.();
          },
        },
      ),
  };
  return state;
}

/** Open the job's file as it was (identity recorded before its first row), its VIN column and mapping settled. */
async function openJobRows(deps: ImportJobDeps, job: ImportJobRecord): Promise<{ rows: ImportRows; attributeNames: readonly (string | null)[] | null }> {
  const { stores, now } = deps;
  // A resume reads on only if the file is still the same, since it skips committed rows by counting them.
  let options = job.options;
  const identity = await assertSameFile(job.file, options.fileIdentity, job.rowsCommitted);
  if (options.fileIdentity === undefined) {
    options = { ...options, fileIdentity: identity };
    await stores.importJobs.setOptions(job.jobId, options, now());
  }
  const rows = await openImportRows(job.file, {
    ...(deps.decryption ? { decryption: deps.decryption } : {}),
    ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
    ...(options.vinColumn !== undefined ? { vinColumn: options.vinColumn } : {}),
    ...(deps.maxRecordSize !== undefined ? { maxRecordSize: deps.maxRecordSize } : {}),
  });
  try {
    const { layout } = rows;
    if (options.vinColumn !== rows.vinColumn) await stores.importJobs.setOptions(job.jobId, { ...options, vinColumn: rows.vinColumn }, now());
    if (!layout.hasHeader) return { rows, attributeNames: null };
    // The confirmed mapping is remembered for the next file with these headers; without one, the
    // mapping remembered for them applies (else the headers route by their synonyms).
    if (options.mapping !== undefined) await stores.mappings.remember(layout.columns, options.mapping, now());
    const mapping = options.mapping ?? (await stores.mappings.remembered(layout.columns));
    return { rows, attributeNames: mappedAttributeNames(layout.columns, mapping) };
  } catch (error) {
    rows.close();
    throw error;
  }
}

/** Progress of this run: share of the file's bytes, and an ETA from the pace since it started reading. */
function progressClock(rows: ImportRows): { start(): void; fraction(): number | null; eta(): number | null } {
  const startedAt = Date.now();
  let bytesAtStart: number | null = null;
  return {
    start() {
      bytesAtStart ??= rows.bytesRead();
    },
    fraction: () => (rows.sizeBytes > 0 ? Math.min(1, rows.bytesRead() / rows.sizeBytes) : null),
    eta() {
      const elapsed = (Date.now() - startedAt) / 1000;
      if (bytesAtStart === null || elapsed < 1) return null;
      const done = rows.bytesRead() - bytesAtStart;
      if (done <= 0) return null;
      return Math.max(0, ((rows.sizeBytes - rows.bytesRead()) / done) * elapsed);
    },
  };
}

async function runRows(
  deps: ImportJobDeps,
  job: ImportJobRecord,
  retry: StorageRetry,
  signal?: AbortSignal,
): Promise<'done' | 'cancelled'> {
  const jobId = job.jobId;
  const chunkSize = deps.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const depth = Math.max(1, deps.pipelineDepth ?? 2);
  const { rows: source, attributeNames } = await openJobRows(deps, job);
  const classifyRow = rowClassifier({ vinIndex: source.vinIndex, attributeNames, encoding: source.encoding });
  const ctx: ChunkContext = {
    jobId,
    stores: deps.stores,
    decode: deps.decode,
    refresh: job.options.refresh === true,
    now: deps.now,
    pendingVins: new Set(),
  };
  const cursor = job.rowsCommitted;
  const clock = progressClock(source);
  let committed: ImportCounts = job.counts;
  let decodedThisRun = 0;
  let rowsRead = cursor;
  const inFlight: PendingChunk[] = [];

  const report = (): void => {
    const waiting = retry.waiting();
    deps.onProgress?.({
      jobId,
      counts: committed,
      rowsRead,
      decoded: decodedThisRun,
      fraction: clock.fraction(),
      etaSeconds: waiting === null ? clock.eta() : null,
      ...(waiting !== null ? { waitingForStorage: waiting } : {}),
    });
  };
  // The user sees the job wait for the server, and go on, as it happens.
  retry.onChange = report;

  const commitNext = async (): Promise<void> => {
    const chunk = inFlight[0]!;
    // The same chunk, tried again while the server is away: the store applies it once.
    const done = await retry.run(() => commitChunk(ctx, chunk));
    inFlight.shift();
    committed = addCounts(committed, done.delta);
    decodedThisRun += done.decoded;
    if (done.written > 0) deps.onCommitted?.(done.written);
    report();
  };

  let valid: RowEntry[] = [];
  let invalid: RejectInput[] = [];
  let chunkRows = 0;
  /** Classify the rows read so far as a chunk; commit the oldest chunks beyond the pipeline's depth. False: cancelled. */
  const flush = async (lastRow: number): Promise<boolean> => {
    if (chunkRows === 0) return true;
    const [rows, rejects, count] = [valid, invalid, chunkRows];
    inFlight.push(await retry.run(() => classifyChunk(ctx, rows, rejects, lastRow, count)));
    valid = [];
    invalid = [];
    chunkRows = 0;
    while (inFlight.length >= depth) {
      await commitNext();
      if (signal?.aborted) return false;
    }
    return true;
  };

  let cancelled = false;
  try {
    for await (const { row, cells } of source.records()) {
      if (row <= cursor) continue;
      clock.start();
      rowsRead = row;
      const result = classifyRow(row, cells);
      if (result.valid) valid.push(result.entry);
      else invalid.push(result.reject);
      chunkRows += 1;
      if (chunkRows >= chunkSize) {
        if (!(await flush(row)) || signal?.aborted) {
          cancelled = true;
          break;
        }
      }
    }
    if (!cancelled) {
      cancelled = !(await flush(rowsRead));
      while (!cancelled && inFlight.length > 0) {
        await commitNext();
        if (signal?.aborted && inFlight.length > 0) cancelled = true;
      }
    }
  } catch (error) {
    // Cancelled while waiting for the server: the chunk waiting is left uncommitted, as a cancel leaves it.
    if (!(error instanceof StorageWaitAborted)) throw error;
    cancelled = true;
  } finally {
    source.close();
    // Decodes still running for chunks that will not be committed: let them settle quietly.
    for (const chunk of inFlight) void chunk.decoding.catch(() => undefined);
  }
  return cancelled ? 'cancelled' : 'done';
}
