import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtureVin, makeDecodedVehicle } from '../../../../../testing/vehicle-fixtures';
import { AppFailure } from '../../../ipc/app-failure';
import { countVehicles, getByVin, upsertManyDecoded } from '../vehicles/vehicle-repository';
import { backupDatabase, defaultBackupName, isLiveDatabaseFile } from './backup';
import { openDatabase } from './open-database';

let dir: string;
let file: string;
let db: Database;
let serial = 0;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-backup-'));
  file = path.join(dir, 'fleet.sqlite');
  db = openDatabase(file);
});
afterEach(() => {
  if (db.open) db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function insert(count: number): void {
  const items = Array.from({ length: count }, () => ({
    vehicle: makeDecodedVehicle({ vin: fixtureVin(++serial) }),
    attributes: { unit: `U-${serial}`.padEnd(200, '.') },
  }));
  upsertManyDecoded(db, items, new Date('2025-01-01T00:00:00Z'));
}

describe('backupDatabase', () => {
  it('writes a consistent copy that opens and holds the same rows, while writes continue', async () => {
    insert(2000);
    const before = countVehicles(db);
    let writes = 0;
    let backingUp = true;
    // Keep writing through the app's own connection between backup steps (SQLite carries
    // same-connection writes into the copy instead of restarting it).
    const writer = (): void => {
      if (!backingUp) return;
      insert(5);
      writes++;
      setImmediate(writer);
    };
    setImmediate(writer);
    const target = path.join(dir, 'out', 'fleet-backup.sqlite');
    fs.mkdirSync(path.dirname(target));
    const result = await backupDatabase(db, target, { databasePath: file });
    backingUp = false;
    const after = countVehicles(db);
    expect(writes).toBeGreaterThan(0);
    expect(result.path).toBe(target);
    expect(result.bytes).toBe(fs.statSync(target).size);
    expect(fs.readdirSync(path.dirname(target)).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const copy = openDatabase(target);
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const copied = countVehicles(copy);
      expect(copied).toBeGreaterThanOrEqual(before);
      expect(copied).toBeLessThanOrEqual(after);
      // Same rows: every VIN in the copy is in the source with the same data.
      const vins = copy.prepare('SELECT vin FROM vehicles ORDER BY id').pluck().all() as string[];
      for (const vin of [vins[0]!, vins[Math.floor(vins.length / 2)]!, vins[vins.length - 1]!]) {
        expect(getByVin(copy, vin)).toEqual(getByVin(db, vin));
      }
    } finally {
      copy.close();
    }
  });

  it('replaces an existing backup only once the new copy is complete', async () => {
    insert(10);
    const target = path.join(dir, 'b.sqlite');
    fs.writeFileSync(target, 'old backup');
    await backupDatabase(db, target, { databasePath: file });
    const copy = openDatabase(target);
    expect(countVehicles(copy)).toBe(10);
    copy.close();
  });

  it('refuses to write over the live database or its companions', async () => {
    insert(3);
    const before = fs.readFileSync(file);
    for (const target of [file, `${file}-wal`, path.join(dir, '.', 'fleet.sqlite')]) {
      await expect(backupDatabase(db, target, { databasePath: file })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    }
    expect(countVehicles(db)).toBe(3);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(isLiveDatabaseFile(path.join(dir, 'other.sqlite'), file)).toBe(false);
  });

  it('refuses the live database reached through a symlinked folder or a hard link', async () => {
    insert(3);
    fs.symlinkSync(dir, path.join(dir, 'alias'));
    fs.mkdirSync(path.join(dir, 'links'));
    fs.linkSync(file, path.join(dir, 'links', 'hard.sqlite'));
    const before = fs.readFileSync(file);
    for (const target of [path.join(dir, 'alias', 'fleet.sqlite'), path.join(dir, 'alias', 'fleet.sqlite-shm'), path.join(dir, 'links', 'hard.sqlite')]) {
      await expect(backupDatabase(db, target, { databasePath: file }), target).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    }
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(countVehicles(db)).toBe(3);
    // Another name in the symlinked folder is an ordinary backup.
    await backupDatabase(db, path.join(dir, 'alias', 'copy.sqlite'), { databasePath: file });
    expect(fs.existsSync(path.join(dir, 'copy.sqlite'))).toBe(true);
  });

  it('turns a missing folder into FILE_ERROR and leaves no temporary file', async () => {
    const target = path.join(dir, 'missing', 'b.sqlite');
    const error = await backupDatabase(db, target, { databasePath: file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).code).toBe('FILE_ERROR');
    expect((error as AppFailure).message).toContain(target);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('names the default file after the local date', () => {
    expect(defaultBackupName(new Date(2025, 0, 9, 23, 59))).toBe('fleet-backup-2025-01-09.sqlite');
  });
});
