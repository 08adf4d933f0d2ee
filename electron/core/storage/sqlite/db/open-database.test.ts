import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LATEST_VERSION } from './migrations';
import { openDatabase, StorageError } from './open-database';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-open-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('openDatabase', () => {
  it('creates the folder, migrates to the latest version and uses WAL', () => {
    const file = path.join(dir, 'nested', 'fleet.sqlite');
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('refuses a file that is not a database, says how to recover, and leaves it untouched', () => {
    const file = path.join(dir, 'fleet.sqlite');
    const garbage = Buffer.from('this is not sqlite '.repeat(300));
    fs.writeFileSync(file, garbage);
    const error = (() => {
      try {
        openDatabase(file);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).problem).toBe('corrupt');
    expect((error as StorageError).message).toMatch(/Move it aside/);
    expect(fs.readFileSync(file).equals(garbage)).toBe(true);
  });

  it('refuses a database from a newer app version without changing a byte of it', () => {
    const file = path.join(dir, 'fleet.sqlite');
    const seed = new BetterSqlite3(file);
    seed.exec('CREATE TABLE future (x)');
    seed.pragma(`user_version = ${LATEST_VERSION + 5}`);
    seed.close();
    const before = fs.readFileSync(file);
    expect(() => openDatabase(file)).toThrow(/newer version/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});
