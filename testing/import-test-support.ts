/**
 * Shared set-up for the import tests and the import bench: a fresh database, the vPIC simulator
 * and a decode function over the real vPIC client. Test-only (never imported by app code).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { FLEET_FIELDS, routeAttributes } from '../shared/fleet-fields/fleet-fields';
import { storedFleetValues } from '../shared/fleet-fields/fleet-field-values';
import type { Vehicle } from '../shared/vehicle';
import { openDatabase } from '../electron/core/storage/sqlite/db/open-database';
import type { InvokeChannel, PayloadOf, ResponseOf } from '../shared/ipc/contract';
import type { Dispatch } from '../electron/core/ipc/dispatch';
import type { FileGrants } from '../electron/core/import/file-grants';
import { createVpicClient, type VpicClient } from '../electron/core/lookup/vpic-client';
import type { ImportJobOptions } from '../electron/core/import/import-job-record';
import { processOwner } from '../electron/core/import/job-ownership';
import { createJob } from '../electron/core/storage/sqlite/sqlite-import-job-store';
import { isEncryptedPath } from '../electron/core/import/openpgp-file';
import type { DecodeVins } from '../electron/core/import/run-import-job';

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function openTestDatabase(dir: string): Database {
  return openDatabase(path.join(dir, 'fleet.sqlite'));
}

/** A polite-enough client for tests: no breaker trips, fast rate. */
export function testVpicClient(baseUrl: string, overrides: { concurrency?: number; ratePerSecond?: number } = {}): VpicClient {
  return createVpicClient({
    baseUrl,
    concurrency: overrides.concurrency ?? 8,
    ratePerSecond: overrides.ratePerSecond ?? 1000,
    retries: 0,
    timeoutMs: 5000,
  });
}

/** vPIC batch decode as the import engine wants it (no offline fallback). */
export function vpicDecode(client: VpicClient): DecodeVins {
  return async (vins) => {
    const result = await client.decodeBatch(vins);
    return { decoded: result.decoded, failed: result.failed.map((f) => ({ vin: f.vin, message: f.error.message })) };
  };
}

export function newJob(db: Database, file: string, options: ImportJobOptions = {}): string {
  return createJob(
    db,
    { filePath: file, fileName: path.basename(file), options: { ...options, encrypted: isEncryptedPath(file) }, owner: processOwner() },
    new Date(),
  ).jobId;
}

/**
 * Call a contract channel through `dispatch` and unwrap its result; a failure throws with its code.
 * The answer has the channel's contract type. The second form, for callers that pass the channel
 * as a plain string, names its answer type itself; prefer the first.
 */
export async function dispatchOrThrow<C extends InvokeChannel>(context: { dispatch: Dispatch }, channel: C, payload: PayloadOf<C>): Promise<ResponseOf<C>>;
export async function dispatchOrThrow<T>(context: { dispatch: Dispatch }, channel: string, payload: unknown): Promise<T>;
export async function dispatchOrThrow(context: { dispatch: Dispatch }, channel: string, payload: unknown): Promise<unknown> {
  const result = await context.dispatch(channel, payload);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.value;
}

/**
 * A stored vehicle's file columns as one map (custom fields by header, standard fields by their
 * key), and the same for the columns a file row had: imports store standard fields in columns,
 * so tests compare what was stored with what the row said through the same routing rules.
 */
export function storedColumns(vehicle: Vehicle): Record<string, string> {
  const out: Record<string, string> = { ...vehicle.attributes };
  for (const field of FLEET_FIELDS) {
    const value = vehicle.fleet[field.key];
    if (value !== null) out[field.key] = String(value);
  }
  return out;
}

export function expectedColumns(attributes: Readonly<Record<string, string>>): Record<string, string> {
  const { fields, headers, custom } = routeAttributes(attributes);
  const { values, unreadable } = storedFleetValues(fields);
  const out: Record<string, string> = { ...custom };
  for (const key of unreadable) out[headers[key]!] = fields[key]!;
  for (const field of FLEET_FIELDS) if (values[field.key] !== undefined) out[field.key] = String(values[field.key]);
  return out;
}

/** Grant a file as if the user had chosen it (dialog or drop) and return the grant id. */
export async function grantIdFor(context: { grants: FileGrants }, file: string): Promise<string> {
  return (await context.grants.grant(file)).grantId;
}
