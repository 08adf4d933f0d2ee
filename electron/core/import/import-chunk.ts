/**
 * One chunk of an import, from its rows to its commit.
 *
 * `classifyChunk` sorts the rows: duplicates (of this job or of chunks still in flight), stored
 * VINs whose columns only update the vehicle, and VINs to decode, whose decode starts at once so
 * it overlaps the commit of the chunk before. `commitChunk` waits for that decode and hands the
 * store ONE `ImportChunk`: vehicles, counts, rejects and cursor commit together.
 */
import type { ImportCounts } from '../../../shared/import/import-contract';
import type { DecodedVehicle } from '../../../shared/vehicle';
import { messageOf } from '../ipc/app-failure';
import type { ImportChunk, UpsertItem } from '../storage/fleet-store';
import type { RowEntry } from './classify-row';
import { offlineCount, type RejectInput } from './import-job-record';
import { storedVins, type ImportStores } from './import-stores';

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

export interface PendingChunk {
  readonly lastRow: number;
  readonly base: ImportCounts;
  readonly rejects: readonly RejectInput[];
  /** VINs this chunk handles for the first time in the job (recorded as seen). */
  readonly vins: readonly string[];
  /** Stored before the import, not refreshed: attributes only. */
  readonly existing: readonly RowEntry[];
  /** To decode; `existed` marks refreshes of stored vehicles. */
  readonly toDecode: readonly (RowEntry & { readonly existed: boolean })[];
  readonly decoding: Promise<ImportDecodeResult>;
}

export interface ChunkContext {
  readonly jobId: string;
  readonly stores: ImportStores;
  readonly decode: DecodeVins;
  readonly refresh: boolean;
  readonly now: () => Date;
  /** VINs classified in chunks not yet committed: duplicates of them are caught before the store knows them. */
  readonly pendingVins: Set<string>;
}

/** Decode VINs the way a chunk does: a decoder that throws fails every VIN it was given. */
function decodeOrFail(decode: DecodeVins, vins: readonly string[]): Promise<ImportDecodeResult> {
  return decode(vins).catch((error: unknown) => ({ decoded: [], failed: vins.map((vin) => ({ vin, message: messageOf(error) })) }));
}

export async function classifyChunk(
  ctx: ChunkContext,
  rows: readonly RowEntry[],
  invalid: readonly RejectInput[],
  lastRow: number,
  total: number,
): Promise<PendingChunk> {
  const alreadySeen = await ctx.stores.importJobs.seenVins(ctx.jobId, rows.map((r) => r.vin));
  const firsts: RowEntry[] = [];
  let duplicates = 0;
  const inChunk = new Set<string>();
  for (const entry of rows) {
    if (alreadySeen.has(entry.vin) || ctx.pendingVins.has(entry.vin) || inChunk.has(entry.vin)) {
      duplicates += 1;
      continue;
    }
    inChunk.add(entry.vin);
    firsts.push(entry);
  }
  const stored = await storedVins(ctx.stores.vehicles, [...inChunk]);
  // Marked pending only once every read is done: a classification tried again (the store was
  // unreachable) must not take its own VINs for duplicates.
  for (const vin of inChunk) ctx.pendingVins.add(vin);
  const existing: RowEntry[] = [];
  const toDecode: (RowEntry & { existed: boolean })[] = [];
  for (const entry of firsts) {
    const existed = stored.has(entry.vin);
    if (existed && !ctx.refresh) existing.push(entry);
    else toDecode.push({ ...entry, existed });
  }
  return {
    lastRow,
    base: { total, added: 0, updated: 0, duplicates, invalid: invalid.length, failed: 0 },
    rejects: invalid,
    vins: [...inChunk],
    existing,
    toDecode,
    decoding: toDecode.length === 0 ? Promise.resolve({ decoded: [], failed: [] }) : decodeOrFail(ctx.decode, toDecode.map((e) => e.vin)),
  };
}

export interface CommittedChunk {
  readonly delta: ImportCounts;
  /** Vehicles added or updated. */
  readonly written: number;
  /** VINs decoded for this chunk. */
  readonly decoded: number;
}

export async function commitChunk(ctx: ChunkContext, chunk: PendingChunk): Promise<CommittedChunk> {
  const result = await chunk.decoding;
  const decodedByVin = new Map(result.decoded.map((v) => [v.vin, v]));
  const failedByVin = new Map(result.failed.map((f) => [f.vin, f.message]));
  let decodedCount = result.decoded.length;
  // An "existing" vehicle the user removed since classification is new again: decode it now so
  // it ends stored (counted as added), never silently lost. Repeat: another remove may land
  // while those decode. Each VIN is asked for at most once.
  const asked = new Set<string>();
  const existingVins = chunk.existing.map((e) => e.vin);
  let present: Set<string>;
  for (;;) {
    present = await storedVins(ctx.stores.vehicles, [...existingVins, ...chunk.toDecode.filter((e) => e.existed).map((e) => e.vin)]);
    const gone = existingVins.filter((vin) => !present.has(vin) && !asked.has(vin));
    if (gone.length === 0) break;
    for (const vin of gone) asked.add(vin);
    const extra = await decodeOrFail(ctx.decode, gone);
    for (const v of extra.decoded) decodedByVin.set(v.vin, v);
    for (const f of extra.failed) failedByVin.set(f.vin, f.message);
    decodedCount += extra.decoded.length;
  }
  const upserts: UpsertItem[] = [];
  const attributeUpdates: { vin: string; attributes: Record<string, string> }[] = [];
  const redecoded: DecodedVehicle[] = [];
  const rejects: RejectInput[] = [...chunk.rejects];
  const reject = (entry: RowEntry): void => {
    rejects.push({
      row: entry.row,
      value: entry.value,
      code: 'DECODE_FAILED',
      reason: failedByVin.get(entry.vin) ?? 'The decoder gave no answer for this VIN.',
      kind: 'failed',
      attributes: entry.attributes,
    });
  };
  const keepAttributes = (entry: RowEntry): void => {
    if (Object.keys(entry.attributes).length > 0) attributeUpdates.push({ vin: entry.vin, attributes: entry.attributes });
  };
  let updated = 0;
  for (const entry of chunk.existing) {
    const vehicle = decodedByVin.get(entry.vin);
    if (present.has(entry.vin)) {
      keepAttributes(entry);
      updated += 1;
    } else if (vehicle) upserts.push({ vehicle, attributes: entry.attributes });
    else reject(entry);
  }
  for (const entry of chunk.toDecode) {
    const vehicle = decodedByVin.get(entry.vin);
    const stillStored = entry.existed && present.has(entry.vin);
    if (vehicle && stillStored) {
      redecoded.push(vehicle);
      keepAttributes(entry);
      updated += 1;
    } else if (vehicle) {
      // A refresh of a vehicle removed meanwhile is stored again, as an addition.
      upserts.push({ vehicle, attributes: entry.attributes });
    } else if (stillStored) {
      // A refresh that failed: the stored decode stays, the file's attributes still apply.
      keepAttributes(entry);
      updated += 1;
    } else reject(entry);
  }
  const added = upserts.length;
  const failed = rejects.length - chunk.rejects.length;
  const offline = upserts.filter((u) => u.vehicle.source === 'offline').length + redecoded.filter((v) => v.source === 'offline').length;
  const delta: ImportCounts = { ...chunk.base, added, updated, failed, ...offlineCount(offline) };
  const committed: ImportChunk = { upserts, attributeUpdates, redecoded, lastRow: chunk.lastRow, delta, rejects, vins: chunk.vins };
  await ctx.stores.importJobs.commitChunk(ctx.jobId, committed, ctx.now());
  for (const vin of chunk.vins) ctx.pendingVins.delete(vin);
  return { delta, written: added + updated, decoded: decodedCount };
}
