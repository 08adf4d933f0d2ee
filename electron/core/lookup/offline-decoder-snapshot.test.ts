import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOfflineDecoder } from './offline-decoder';
import {
  ensureSnapshotUnpacked,
  openSnapshotDatabase,
  PREPARATION_REVISION,
  snapshotFileName,
  type SnapshotSource,
} from './offline-decoder-snapshot';

const NOW = new Date('2025-06-01T12:00:00.000Z');

/**
 * A tiny stand-in for corgi's snapshot: the tables (and columns) the preparation indexes and
 * the decoder's own query touch, in WAL mode like the real file, gzipped.
 */
async function writeTinySnapshot(dir: string, version = 'test-1'): Promise<SnapshotSource> {
  const dbFile = path.join(dir, 'tiny.sqlite');
  const db = new Database(dbFile);
  db.pragma('journal_mode = WAL');
  db.exec(`
    CREATE TABLE Pattern (Id INTEGER, VinSchemaId INTEGER, Keys TEXT, ElementId INTEGER, AttributeId TEXT, CreatedOn TEXT);
    CREATE TABLE Wmi (Id INTEGER, Wmi TEXT, ManufacturerId INTEGER, VehicleTypeId INTEGER, TruckTypeId INTEGER, CreatedOn TEXT,
                      PublicAvailabilityDate TEXT);
    CREATE TABLE Wmi_VinSchema (Id INTEGER, WmiId INTEGER, VinSchemaId INTEGER, YearFrom INTEGER, YearTo INTEGER);
    CREATE TABLE Wmi_Make (WmiId INTEGER, MakeId INTEGER);
    CREATE TABLE Make_Model (Id INTEGER, MakeId INTEGER, ModelId INTEGER);
    CREATE TABLE VinSchema (Id INTEGER, Name TEXT, TobeQCed INTEGER);
    CREATE TABLE Make (Id INTEGER, Name TEXT);
    CREATE TABLE Manufacturer (Id INTEGER, Name TEXT);
    CREATE TABLE Element (Id INTEGER, Name TEXT, Code TEXT, LookupTable TEXT, IsPrivate INTEGER, Decode TEXT, weight INTEGER);
    CREATE TABLE Model (Id INTEGER, Name TEXT);
    CREATE TABLE EngineModel (Id INTEGER, Name TEXT);
    CREATE TABLE EngineModelPattern (Id INTEGER, EngineModelId INTEGER, ElementId INTEGER, AttributeId TEXT, CreatedOn TEXT);
    INSERT INTO Wmi VALUES (1, '1XP', 1, 3, 2, '2020-01-01', NULL);
  `);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const gz = path.join(dir, `snapshot-${version}.sqlite.gz`);
  await writeFile(gz, gzipSync(await readFile(dbFile)));
  return { file: gz, version };
}

describe('offline snapshot unpacking', () => {
  let work: string;
  let dataDir: string;
  let source: SnapshotSource;

  beforeEach(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'fvl-snapshot-'));
    dataDir = path.join(work, 'data');
    source = await writeTinySnapshot(work);
  });

  afterEach(async () => {
    await rm(work, { recursive: true, force: true });
  });

  const offlineDir = (): string => path.join(dataDir, 'offline');
  const finalFile = (): string => path.join(offlineDir(), snapshotFileName(source.version));

  it('unpacks into the data folder as a prepared, rollback-journal SQLite file', async () => {
    const unpacked = await ensureSnapshotUnpacked({ dataDir, source, now: () => NOW });
    expect(unpacked.file).toBe(finalFile());
    expect(unpacked.version).toBe('test-1');
    expect(unpacked.unpackMs).toBeGreaterThan(0);

    const db = openSnapshotDatabase(unpacked.file, { readonly: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(PREPARATION_REVISION);
      expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
      const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Pattern'").pluck().all();
      expect(indexes).toContain('fvl_pattern_schema');
      expect(db.prepare('SELECT Wmi FROM Wmi').pluck().get()).toBe('1XP');
    } finally {
      db.close();
    }
    // Read-only use left no -wal/-shm beside it, and no temp file survived.
    expect(await readdir(offlineDir())).toEqual([path.basename(finalFile())]);
  });

  it('reuses the file on the next call without touching it', async () => {
    await ensureSnapshotUnpacked({ dataDir, source, now: () => NOW });
    const before = await stat(finalFile());
    const again = await ensureSnapshotUnpacked({ dataDir, source, now: () => NOW });
    expect(again.unpackMs).toBe(0);
    const after = await stat(finalFile());
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeMs).toBe(before.mtimeMs);
  });

  it('never leaves a final file behind a failed unpack (truncated download)', async () => {
    const whole = await readFile(source.file);
    const truncated: SnapshotSource = { file: path.join(work, 'truncated.gz'), version: source.version };
    await writeFile(truncated.file, whole.subarray(0, Math.floor(whole.length / 2)));

    await expect(ensureSnapshotUnpacked({ dataDir, source: truncated, now: () => NOW })).rejects.toThrow();
    expect(await readdir(offlineDir())).toEqual([]);

    // The next start with a good snapshot unpacks from scratch.
    const unpacked = await ensureSnapshotUnpacked({ dataDir, source, now: () => NOW });
    expect(unpacked.unpackMs).toBeGreaterThan(0);
  });

  it('rejects a snapshot that is not SQLite, leaving nothing behind', async () => {
    const bogus: SnapshotSource = { file: path.join(work, 'bogus.gz'), version: 'bogus' };
    await writeFile(bogus.file, gzipSync(Buffer.from('definitely not a database '.repeat(10))));
    await expect(ensureSnapshotUnpacked({ dataDir, source: bogus, now: () => NOW })).rejects.toThrow(/not an SQLite database/);
    expect(await readdir(offlineDir())).toEqual([]);
  });

  it('needs an opener that can write the temp file, and says so', async () => {
    const readOnlyAlways = (file: string): Database.Database => new Database(file, { readonly: true });
    await expect(
      ensureSnapshotUnpacked({ dataDir, source, openDatabase: readOnlyAlways, now: () => NOW }),
    ).rejects.toThrow(/readonly: false/);
    expect(await readdir(offlineDir())).toEqual([]);
  });

  it('does not trust a temp file left by a crash, and clears it once it is stale', async () => {
    await ensureSnapshotUnpacked({ dataDir, source, now: () => NOW }).then(() => rm(finalFile()));
    const crashed = `${finalFile()}.99-crash.tmp`;
    await writeFile(crashed, 'half a file');
    const hourAgo = new Date(NOW.getTime() - 60 * 60 * 1000);
    await utimes(crashed, hourAgo, hourAgo);

    const unpacked = await ensureSnapshotUnpacked({ dataDir, source, now: () => NOW });
    expect(unpacked.unpackMs).toBeGreaterThan(0);
    expect(await readdir(offlineDir())).toEqual([path.basename(finalFile())]);
  });

  it('re-unpacks a reused file that an older build prepared', async () => {
    const first = await createOfflineDecoder({ dataDir, snapshot: source, now: () => NOW });
    expect(first.unpackMs).toBeGreaterThan(0);
    first.close();
    const db = new Database(finalFile());
    db.pragma('user_version = 0');
    db.close();

    const second = await createOfflineDecoder({ dataDir, snapshot: source, now: () => NOW });
    second.close();
    expect(second.unpackMs).toBeGreaterThan(0);
    const check = openSnapshotDatabase(finalFile(), { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(PREPARATION_REVISION);
    check.close();
  });
});
