/**
 * The import engine: read a fleet file, validate, decode what is new, store, in chunks.
 *
 * One plain async function serves the worker thread (desktop app) and the CLI (in-process).
 * Rules: a stored VIN gets its attributes updated without a vPIC call (unless
 * `refresh`), same id; a new VIN is decoded (batch pipeline, offline fallback) and added;
 * duplicates in the file count once; invalid rows are rejected with row, value and reason.
 *
 * Crash safety (§5): rows are grouped in chunks; each chunk's vehicles, rejects, seen VINs,
 * counts and cursor commit in ONE transaction. A resume re-reads the file, skips the rows at or
 * below the cursor and continues, so the final counts equal an uninterrupted run. Decoding of the
 * next chunk overlaps the commit of the current one (a small pipeline) so vPIC's rate cap, not
 * the chunking, sets the pace.
 */
import type { Database } from 'better-sqlite3';
import { parse, type Parser } from 'csv-parse';
import { FILE_ENCODING_LABELS, type ImportCounts, type ImportJobError } from '../../../shared/import/import-contract';
import type { DecodedVehicle } from '../../../shared/vehicle';
import { validateVin, type VinIssueCode } from '../../../shared/vin/vin-rules';
import { StorageError } from '../storage/sqlite/db/open-database';
import { AppFailure, messageOf } from '../ipc/app-failure';
import type { Logger } from '../logging/logger';
import { cachedStatement } from '../storage/sqlite/vehicles/statement-cache';
import { MAX_IN_LIST, updateAttributes, updateDecodedIfPresent, upsertManyDecoded } from '../storage/sqlite/vehicles/vehicle-repository';
import { CSV_PARSE_OPTIONS, detectLayout, notCsv, resolveVinColumn, type CsvLayout } from './csv-layout';
import {
  getJob,
  HEARTBEAT_INTERVAL_MS,
  processOwner,
  recordChunk,
  seenVins,
  setJobOptions,
  setJobState,
  touchOwnedJobs,
  type ImportJobRecord,
  type JobOwner,
  type RejectInput,
} from './import-job-repository';
import { mappedAttributeNames, rememberedMapping, rememberMapping } from './column-mapping';
import { assertSameFile } from './file-identity';
import { openImportSource } from './import-source';
import type { Decryption } from './openpgp-file';

export interface ImportDecodeFailure {
  readonly vin: string;
  readonly message: string;
}

export interface ImportDecodeResult {
  readonly decoded: readonly DecodedVehicle[];
  readonly failed: readonly ImportDecodeFailure[];
}

/** Decodes VINs (vPIC batches with offline fallback); never stores anything. */
export type DecodeVins = (vins: readonly string[]) => Promise<ImportDecodeResult>;

export interface ImportRunProgress {
  readonly jobId: string;
  /** Whole-job committed counts. */
  readonly counts: ImportCounts;
  readonly rowsRead: number;
  /** VINs decoded in this run. */
  readonly decoded: number;
  readonly fraction: number | null;
  readonly etaSeconds: number | null;
}

export interface ImportJobDeps {
  readonly db: Database;
  readonly decode: DecodeVins;
  readonly now: () => Date;
  /** Key and passphrase, for encrypted files. */
  readonly decryption?: Decryption;
  /** Data rows per transaction (default 500). */
  readonly chunkSize?: number;
  /** Chunks decoding at once, committed in order (default 2). */
  readonly pipelineDepth?: number;
  /** Called after each committed chunk and every ~`progressEveryRows` rows read. */
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
}

export const DEFAULT_CHUNK_SIZE = 500;
const DEFAULT_MAX_RECORD_SIZE = 1024 * 1024;

interface RowEntry {
  readonly row: number;
  readonly value: string;
  readonly vin: string;
  readonly attributes: Record<string, string>;
}

interface PendingChunk {
  readonly lastRow: number;
  readonly base: ImportCounts;
  readonly rejects: RejectInput[];
  /** VINs this chunk handles for the first time in the job (recorded as seen). */
  readonly vins: string[];
  /** Stored before the import, not refreshed: attributes only. */
  readonly existing: RowEntry[];
  /** To decode; `existed` marks refreshes of stored vehicles. */
  readonly toDecode: (RowEntry & { existed: boolean })[];
  readonly decoding: Promise<ImportDecodeResult>;
}

/**
 * The streaming CSV parser for a detected layout (csv-parse): BOM stripped, ragged rows allowed,
 * blank lines skipped, records capped so a file without line breaks fails fast instead of
 * growing one record without bound. Same record rules as the sniffer (CSV_PARSE_OPTIONS).
 */
export function recordParser(layout: Pick<CsvLayout, 'delimiter'>, maxRecordSize = DEFAULT_MAX_RECORD_SIZE): Parser {
  return parse({
    delimiter: layout.delimiter,
    bom: true,
    ...CSV_PARSE_OPTIONS,
    max_record_size: maxRecordSize,
  });
}


export function storedVins(db: Database, vins: readonly string[]): Set<string> {
  const found = new Set<string>();
  for (let i = 0; i < vins.length; i += MAX_IN_LIST) {
    const part = vins.slice(i, i + MAX_IN_LIST);
    const sql = `SELECT vin FROM vehicles WHERE vin IN (${part.map(() => '?').join(', ')})`;
    for (const row of cachedStatement<{ vin: string }>(db, sql).all(...part)) found.add(row.vin);
  }
  return found;
}

/** The job-level error a failure is recorded with. */
export function jobErrorOf(error: unknown): ImportJobError {
  if (error instanceof AppFailure) {
    switch (error.code) {
      case 'FILE_ERROR':
      case 'FILE_CHANGED':
      case 'DECRYPT_FAILED':
      case 'STORAGE_ERROR':
      case 'INVALID_INPUT':
        return { code: error.code, message: error.message };
      default:
        return { code: 'INTERNAL', message: error.message };
    }
  }
  if (error instanceof StorageError) return { code: 'STORAGE_ERROR', message: error.message };
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('SQLITE')) return { code: 'STORAGE_ERROR', message: messageOf(error) };
  return { code: 'INTERNAL', message: `The import stopped unexpectedly: ${messageOf(error)}` };
}

function addCounts(a: ImportCounts, b: ImportCounts): ImportCounts {
  return {
    total: a.total + b.total,
    added: a.added + b.added,
    updated: a.updated + b.updated,
    duplicates: a.duplicates + b.duplicates,
    invalid: a.invalid + b.invalid,
    failed: a.failed + b.failed,
    ...offlineCount((a.offline ?? 0) + (b.offline ?? 0)),
  };
}

/** The `offline` count as ImportCounts carries it: present only when not zero. */
function offlineCount(n: number): Pick<ImportCounts, 'offline'> {
  return n > 0 ? { offline: n } : {};
}

/**
 * Run (or resume) job `jobId` to its end, or until `signal` aborts (state `cancelled` after the
 * chunk being committed). Returns the final record. A file that cannot be read or decrypted
 * marks the job `failed` and throws the AppFailure (FILE_ERROR, DECRYPT_FAILED, INVALID_INPUT).
 */
export async function runImportJob(deps: ImportJobDeps, jobId: string, signal?: AbortSignal): Promise<ImportJobRecord> {
  const { db, now } = deps;
  const job = getJob(db, jobId);
  if (!job) throw new AppFailure('NOT_FOUND', `There is no import job ${jobId}.`);
  if (job.state === 'done') return job;
  const owner = deps.owner ?? processOwner();
  setJobState(db, jobId, 'running', now(), null, owner);
  // Chunk commits refresh `updated_at` too, but a chunk can wait long on a failing vPIC.
  const heartbeat = setInterval(() => {
    try {
      touchOwnedJobs(db, owner, now(), jobId);
    } catch (error) {
      deps.logger?.warn({ err: error, jobId }, 'import heartbeat failed');
    }
  }, deps.heartbeatMs ?? HEARTBEAT_INTERVAL_MS);
  heartbeat.unref();
  try {
    const finalState = await runRows(deps, job, signal);
    clearInterval(heartbeat);
    setJobState(db, jobId, finalState, now());
  } catch (error) {
    clearInterval(heartbeat);
    const jobError = jobErrorOf(error);
    deps.logger?.warn({ jobId, code: jobError.code, reason: jobError.message }, 'import failed');
    try {
      setJobState(db, jobId, 'failed', now(), jobError);
    } catch (inner) {
      deps.logger?.error({ err: inner, jobId }, 'could not record the import failure');
    }
    throw error instanceof AppFailure ? error : new AppFailure(jobError.code, jobError.message, undefined, { cause: error });
  }
  return getJob(db, jobId)!;
}

async function runRows(deps: ImportJobDeps, job: ImportJobRecord, signal?: AbortSignal): Promise<'done' | 'cancelled'> {
  const { db, now } = deps;
  const jobId = job.jobId;
  const chunkSize = deps.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const depth = Math.max(1, deps.pipelineDepth ?? 2);
  const refresh = job.options.refresh === true;

  // The file's identity is recorded before its first row is read; a resume reads on only if the
  // file is still the same, since it skips committed rows by counting them.
  let options = job.options;
  const identity = await assertSameFile(job.file, options.fileIdentity, job.rowsCommitted);
  if (options.fileIdentity === undefined) {
    options = { ...options, fileIdentity: identity };
    setJobOptions(db, jobId, options, now());
  }

  const source = await openImportSource(job.file, deps.decryption, options.sheet);
  const layout: CsvLayout = detectLayout(source.head, source.headIsAll);
  let vinIndex: number;
  if (options.vinColumn !== undefined) {
    vinIndex = resolveVinColumn(layout.columns, options.vinColumn);
  } else if (layout.vinColumnIndex !== null && layout.confident) {
    vinIndex = layout.vinColumnIndex;
  } else {
    throw new AppFailure(
      'INVALID_INPUT',
      layout.detectedVinColumn === null
        ? 'No column of this file looks like VINs; choose the VIN column.'
        : `It is not clear which column holds the VINs (perhaps "${layout.detectedVinColumn}"); choose the VIN column.`,
      [{ path: 'vinColumn', message: 'choose the VIN column' }],
    );
  }
  const vinColumn = layout.columns[vinIndex]!;
  if (options.vinColumn !== vinColumn) setJobOptions(db, jobId, { ...options, vinColumn }, now());
  // The confirmed mapping is remembered for the next file with these headers; without one, the
  // mapping remembered for them applies (else the headers route by their synonyms).
  if (options.mapping !== undefined && layout.hasHeader) rememberMapping(db, layout.columns, options.mapping, now());
  const attributeNames = mappedAttributeNames(layout.columns, options.mapping ?? (layout.hasHeader ? rememberedMapping(db, layout.columns) : null));

  const cursor = job.rowsCommitted;
  let committed: ImportCounts = job.counts;
  let decodedThisRun = 0;
  let rowsRead = cursor;
  const startedAt = Date.now();
  let bytesAtResume: number | null = null;

  const parser = recordParser(layout, deps.maxRecordSize);
  // Progress counts the file's own bytes: decoding (UTF-16 → UTF-8) changes how many the parser sees.
  let sourceBytes = 0;
  const input = source.stream((n) => {
    sourceBytes += n;
  });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);

  const fraction = (): number | null => (source.sizeBytes > 0 ? Math.min(1, sourceBytes / source.sizeBytes) : null);
  const eta = (): number | null => {
    const elapsed = (Date.now() - startedAt) / 1000;
    if (bytesAtResume === null || elapsed < 1) return null;
    const done = sourceBytes - bytesAtResume;
    if (done <= 0) return null;
    return Math.max(0, ((source.sizeBytes - sourceBytes) / done) * elapsed);
  };
  const undecodable = `The row holds bytes that are not valid ${FILE_ENCODING_LABELS[source.encoding]} text (shown as \ufffd), so it was not stored: the file mixes text encodings. Save it again in one encoding (Excel: "CSV UTF-8") and import it again.`;
  const report = (): void =>
    deps.onProgress?.({ jobId, counts: committed, rowsRead, decoded: decodedThisRun, fraction: fraction(), etaSeconds: eta() });

  // VINs classified in chunks not yet committed: duplicates of them are caught before the DB knows them.
  const pendingVins = new Set<string>();
  const inFlight: PendingChunk[] = [];

  /** Decode VINs the way a chunk does: a decoder that throws fails every VIN it was given. */
  const decodeVins = (vins: string[]): Promise<ImportDecodeResult> =>
    deps.decode(vins).catch((error: unknown) => ({
      decoded: [],
      failed: vins.map((vin) => ({ vin, message: messageOf(error) })),
    }));

  const classify = (rows: RowEntry[] | null, invalid: RejectInput[], lastRow: number, total: number): PendingChunk => {
    const rejects = [...invalid];
    const valid = rows ?? [];
    const candidates = valid.map((r) => r.vin);
    const alreadySeen = seenVins(db, jobId, candidates);
    const firsts: RowEntry[] = [];
    let duplicates = 0;
    const inChunk = new Set<string>();
    for (const entry of valid) {
      if (alreadySeen.has(entry.vin) || pendingVins.has(entry.vin) || inChunk.has(entry.vin)) {
        duplicates += 1;
        continue;
      }
      inChunk.add(entry.vin);
      firsts.push(entry);
    }
    for (const vin of inChunk) pendingVins.add(vin);
    const stored = storedVins(db, [...inChunk]);
    const existing: RowEntry[] = [];
    const toDecode: (RowEntry & { existed: boolean })[] = [];
    for (const entry of firsts) {
      const existed = stored.has(entry.vin);
      if (existed && !refresh) existing.push(entry);
      else toDecode.push({ ...entry, existed });
    }
    const decoding: Promise<ImportDecodeResult> =
      toDecode.length === 0
        ? Promise.resolve({ decoded: [], failed: [] })
        : decodeVins(toDecode.map((e) => e.vin));
    return {
      lastRow,
      base: { total, added: 0, updated: 0, duplicates, invalid: invalid.length, failed: 0 },
      rejects,
      vins: [...inChunk],
      existing,
      toDecode,
      decoding,
    };
  };

  const commit = async (chunk: PendingChunk): Promise<void> => {
    const result = await chunk.decoding;
    const decodedByVin = new Map(result.decoded.map((v) => [v.vin, v]));
    const failedByVin = new Map(result.failed.map((f) => [f.vin, f.message]));
    let decodedCount = result.decoded.length;
    // An "existing" vehicle the user removed since classification is new again: decode it now so
    // it ends stored (counted as added), never silently lost. Repeat: another remove may land
    // while those decode. Each VIN is asked for at most once.
    const asked = new Set<string>();
    for (;;) {
      const stored = storedVins(db, chunk.existing.map((e) => e.vin));
      const gone = chunk.existing.map((e) => e.vin).filter((vin) => !stored.has(vin) && !asked.has(vin));
      if (gone.length === 0) break;
      for (const vin of gone) asked.add(vin);
      const extra = await decodeVins(gone);
      for (const v of extra.decoded) decodedByVin.set(v.vin, v);
      for (const f of extra.failed) failedByVin.set(f.vin, f.message);
      decodedCount += extra.decoded.length;
    }
    const stamp = now();
    let written = 0;
    db.transaction(() => {
      let updated = 0;
      let added = 0;
      let failed = 0;
      const inserts: { vehicle: DecodedVehicle; attributes: Record<string, string> }[] = [];
      const refreshes: { vehicle: DecodedVehicle; attributes: Record<string, string> }[] = [];
      const reject = (entry: RowEntry): void => {
        const message = failedByVin.get(entry.vin) ?? 'The decoder gave no answer for this VIN.';
        chunk.rejects.push({
          row: entry.row,
          value: entry.value,
          code: 'DECODE_FAILED',
          reason: message,
          kind: 'failed',
          attributes: entry.attributes,
        });
        failed += 1;
      };
      // Read inside the transaction: what is stored now is what the writes below will meet.
      const present = storedVins(db, [
        ...chunk.existing.map((e) => e.vin),
        ...chunk.toDecode.filter((e) => e.existed).map((e) => e.vin),
      ]);
      for (const entry of chunk.existing) {
        const vehicle = decodedByVin.get(entry.vin);
        if (present.has(entry.vin)) {
          if (Object.keys(entry.attributes).length > 0) updateAttributes(db, entry.vin, entry.attributes, stamp);
          updated += 1;
        } else if (vehicle) {
          inserts.push({ vehicle, attributes: entry.attributes });
          added += 1;
        } else {
          reject(entry);
        }
      }
      for (const entry of chunk.toDecode) {
        const vehicle = decodedByVin.get(entry.vin);
        if (vehicle) {
          // A refresh of a vehicle removed meanwhile is stored again, as an addition.
          if (entry.existed && present.has(entry.vin)) {
            refreshes.push({ vehicle, attributes: entry.attributes });
            updated += 1;
          } else {
            inserts.push({ vehicle, attributes: entry.attributes });
            added += 1;
          }
        } else if (entry.existed && present.has(entry.vin)) {
          // A refresh that failed: the stored decode stays, the file's attributes still apply.
          if (Object.keys(entry.attributes).length > 0) updateAttributes(db, entry.vin, entry.attributes, stamp);
          updated += 1;
        } else {
          reject(entry);
        }
      }
      if (inserts.length > 0) upsertManyDecoded(db, inserts, stamp);
      if (refreshes.length > 0) {
        // Update in place, never insert (present was read in this transaction, so all are there).
        updateDecodedIfPresent(db, refreshes.map((r) => r.vehicle), stamp);
        for (const r of refreshes) {
          if (Object.keys(r.attributes).length > 0) updateAttributes(db, r.vehicle.vin, r.attributes, stamp);
        }
      }
      written = added + updated;
      const offline = [...inserts, ...refreshes].filter((w) => w.vehicle.source === 'offline').length;
      const delta = { ...chunk.base, added, updated, failed, ...offlineCount(offline) };
      recordChunk(db, jobId, { lastRow: chunk.lastRow, delta, rejects: chunk.rejects, vins: chunk.vins }, stamp);
      committed = addCounts(committed, delta);
    }).immediate();
    decodedThisRun += decodedCount;
    for (const vin of chunk.vins) pendingVins.delete(vin);
    if (written > 0) deps.onCommitted?.(written);
    report();
  };

  let rowNumber = 0;
  // Records before the data: Excel's `sep=` line, the header.
  let preamble = (layout.sepLine ? 1 : 0) + (layout.hasHeader ? 1 : 0);
  let rows: RowEntry[] = [];
  let invalid: RejectInput[] = [];
  let chunkRows = 0;
  let cancelled = false;

  const flush = async (): Promise<void> => {
    if (chunkRows === 0) return;
    inFlight.push(classify(rows, invalid, rowNumber, chunkRows));
    rows = [];
    invalid = [];
    chunkRows = 0;
    while (inFlight.length >= depth) {
      await commit(inFlight.shift()!);
      if (signal?.aborted) {
        cancelled = true;
        return;
      }
    }
  };

  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (preamble > 0) {
        preamble -= 1;
        continue;
      }
      rowNumber += 1;
      if (rowNumber <= cursor) continue;
      bytesAtResume ??= sourceBytes;
      rowsRead = rowNumber;
      const value = record[vinIndex] ?? '';
      const validation = validateVin(value);
      const firstError = validation.issues.find((issue) => issue.severity === 'error');
      // U+FFFD is what a decoder leaves for bytes it could not map: never stored as if it were text.
      if (record.some((cell) => cell.includes('\ufffd'))) {
        invalid.push({ row: rowNumber, value, code: 'UNDECODABLE_TEXT', reason: undecodable, kind: 'invalid' });
      } else if (firstError) {
        invalid.push({ row: rowNumber, value, code: firstError.code as Exclude<VinIssueCode, 'CHECK_DIGIT_MISMATCH'>, reason: firstError.message, kind: 'invalid' });
      } else {
        // No prototype: a column named `__proto__` (or `constructor`) is an attribute like any other.
        const attributes: Record<string, string> = Object.create(null) as Record<string, string>;
        if (layout.hasHeader) {
          for (let i = 0; i < record.length; i += 1) {
            if (i === vinIndex) continue;
            const cell = record[i]!.trim();
            const name = attributeNames[i];
            if (cell !== '' && name !== undefined && name !== null) attributes[name] = cell;
          }
        }
        rows.push({ row: rowNumber, value, vin: validation.vin, attributes });
      }
      chunkRows += 1;
      if (chunkRows >= chunkSize) {
        await flush();
        if (cancelled) break;
        if (signal?.aborted) {
          cancelled = true;
          break;
        }
      }
    }
    if (!cancelled) {
      await flush();
      while (!cancelled && inFlight.length > 0) {
        await commit(inFlight.shift()!);
        if (signal?.aborted && inFlight.length > 0) cancelled = true;
      }
    }
  } catch (error) {
    if (error instanceof AppFailure) throw error;
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('CSV_')) {
      throw notCsv(`${messageOf(error)} (after data row ${rowNumber}).`);
    }
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      throw new AppFailure('FILE_ERROR', `The file ${job.file} could not be read: ${messageOf(error)}`);
    }
    throw error;
  } finally {
    input.unpipe(parser);
    input.destroy();
    parser.destroy();
    // Decodes still running for chunks that will not be committed: let them settle quietly.
    for (const chunk of inFlight) void chunk.decoding.catch(() => undefined);
  }
  return cancelled ? 'cancelled' : 'done';
}
