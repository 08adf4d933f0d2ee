import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseTooNewError, LATEST_VERSION, migrate, MIGRATIONS, type Migration } from './migrations';
import { openDatabase, StorageError } from './open-database';

let dir: string;
let file: string;
const opened: Database[] = [];

function rawOpen(): Database {
  const db = new BetterSqlite3(file);
  opened.push(db);
  return db;
}

function userVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function schema(db: Database): unknown[] {
  return db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY type, name').all();
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
  file = path.join(dir, 'cache.sqlite');
});

afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('migrate', () => {
  it('numbers migrations 1..N without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
  });

  it('brings a fresh database to the latest version, and is a no-op the second time', () => {
    const db = rawOpen();
    expect(migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(userVersion(db)).toBe(LATEST_VERSION);
    expect(migrate(db)).toEqual([]);
    const viaOpen = openDatabase(path.join(dir, 'other.sqlite'));
    opened.push(viaOpen);
    expect(userVersion(viaOpen)).toBe(LATEST_VERSION);
  });

  it('migrates a database at N-1 holding data to N, keeping every row (Signal: N-1, seed, N)', () => {
    const db = rawOpen();
    migrate(db, MIGRATIONS, LATEST_VERSION - 1);
    expect(userVersion(db)).toBe(LATEST_VERSION - 1);
    // Seed with plain SQL against the old schema, as an older app version would have written it.
    const insert = db.prepare(`
      INSERT INTO vehicles (vin, make, model, model_year, body_class, error_codes, has_errors, source,
                            decoded_at, raw_json, attributes_json, created_at, updated_at)
      VALUES (?, ?, ?, ?, 'Truck-Tractor', '0', 0, 'vpic', '2024-05-01T00:00:00.000Z', '{"Make":"x"}',
              '{"colour":"red"}', '2024-05-01T00:00:00.000Z', '2024-05-01T00:00:00.000Z')`);
    insert.run('1XPWD40X1ED215307', 'PETERBILT', '388', 2014);
    insert.run('1XKWDB0X57J211825', 'KENWORTH', 'W9 Series', 2007);
    insert.run('4V4NC9EJXEN171694', 'VOLVO TRUCK', 'VNL', 2014);
    const before = db.prepare('SELECT * FROM vehicles ORDER BY id').all();

    expect(migrate(db)).toEqual([LATEST_VERSION]);
    expect(userVersion(db)).toBe(LATEST_VERSION);
    // Every row and value is kept (new columns may be added beside them).
    const after = db.prepare('SELECT * FROM vehicles ORDER BY id').all() as Record<string, unknown>[];
    expect(after.map((row, i) => Object.fromEntries(Object.keys(before[i] as object).map((k) => [k, row[k]])))).toEqual(before);
    // Migration 2 indexed the rows that were already there for search.
    const search = db.prepare("SELECT rowid FROM vehicles_search WHERE vehicles_search MATCH ? ORDER BY rowid");
    expect(search.all('"w9 s"')).toEqual([{ rowid: 2 }]);
    expect(search.all('"1x"')).toEqual([]); // trigrams need 3 characters
    expect(search.all('"1XP"').length).toBe(1);
  });

  it('moves stored attributes into the fleet fields their headers mean, and searches them', () => {
    const db = rawOpen();
    migrate(db, MIGRATIONS, 6);
    const insert = db.prepare(`
      INSERT INTO vehicles (vin, make, model, model_year, error_codes, has_errors, source, decoded_at, raw_json,
                            attributes_json, created_at, updated_at)
      VALUES (?, 'TOYOTA', 'Camry', 2015, '0', 0, 'vpic', 't', '{}', ?, 't', 't')`);
    insert.run('1XPWD40X1ED215307', JSON.stringify({ Einheit: 'E-17', Kennzeichen: 'M-AB 123', Abteilung: 'Nord', Farbe: 'blau' }));
    insert.run('1XKWDB0X57J211825', JSON.stringify({ 'Unit #': 'A-9', Odometer: '123,456 km', 'In service': '03/25/2021' }));
    insert.run('4V4NC9EJXEN171694', JSON.stringify({ odometer: 'broken' }));
    migrate(db);
    const rows = db
      .prepare('SELECT unit_number, plate, department, odometer, in_service_date, attributes_json FROM vehicles ORDER BY id')
      .all();
    expect(rows).toEqual([
      { unit_number: 'E-17', plate: 'M-AB 123', department: 'Nord', odometer: null, in_service_date: null, attributes_json: '{"Farbe":"blau"}' },
      { unit_number: 'A-9', plate: null, department: null, odometer: 123456, in_service_date: '2021-03-25', attributes_json: '{}' },
      // An odometer that is no number stays visible as a custom field.
      { unit_number: null, plate: null, department: null, odometer: null, in_service_date: null, attributes_json: '{"odometer":"broken"}' },
    ]);
    const search = db.prepare('SELECT rowid FROM vehicles_search WHERE vehicles_search MATCH ? ORDER BY rowid');
    expect(search.all('"nord" AND "camry"')).toEqual([{ rowid: 1 }]);
    expect(search.all('"2015" AND "A-9"')).toEqual([{ rowid: 2 }]);
    // The triggers cover the new columns.
    db.prepare("UPDATE vehicles SET department = 'Süd' WHERE id = 1").run();
    expect(search.all('"nord"')).toEqual([]);
    expect(search.all('"süd"')).toEqual([{ rowid: 1 }]);
  });

  it('refuses a database written by a newer version and leaves it untouched', () => {
    const db = rawOpen();
    migrate(db);
    db.prepare(
      `INSERT INTO vehicles (vin, source, decoded_at, raw_json, created_at, updated_at)
       VALUES ('1XPWD40X1ED215307', 'vpic', 't', '{}', 't', 't')`,
    ).run();
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    const schemaBefore = schema(db);

    expect(() => migrate(db)).toThrow(DatabaseTooNewError);
    expect(userVersion(db)).toBe(LATEST_VERSION + 1);
    expect(schema(db)).toEqual(schemaBefore);
    db.close();

    let failure: unknown;
    try {
      opened.push(openDatabase(file));
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(StorageError);
    expect((failure as StorageError).problem).toBe('too-new');
    expect((failure as StorageError).cause).toBeInstanceOf(DatabaseTooNewError);

    const after = rawOpen();
    expect(userVersion(after)).toBe(LATEST_VERSION + 1);
    expect(schema(after)).toEqual(schemaBefore);
    expect(after.prepare('SELECT vin FROM vehicles').all()).toEqual([{ vin: '1XPWD40X1ED215307' }]);
  });

  it('rolls a failing migration back entirely: schema and user_version unchanged', () => {
    const db = rawOpen();
    migrate(db);
    const schemaBefore = schema(db);
    const failing: Migration = {
      version: LATEST_VERSION + 1,
      description: 'fails halfway',
      up: (d) => {
        d.exec('CREATE TABLE half_done (x INTEGER); ALTER TABLE vehicles ADD COLUMN note TEXT;');
        throw new Error('disk on fire');
      },
    };
    expect(() => migrate(db, [...MIGRATIONS, failing], LATEST_VERSION + 1)).toThrow('disk on fire');
    expect(userVersion(db)).toBe(LATEST_VERSION);
    expect(schema(db)).toEqual(schemaBefore);
  });

  it('applies only up to the requested target', () => {
    const db = rawOpen();
    expect(migrate(db, MIGRATIONS, 1)).toEqual([1]);
    expect(userVersion(db)).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'vehicles_search'").get()).toBeUndefined();
  });
});
