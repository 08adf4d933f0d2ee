/**
 * Disk and database faults: a full disk, a read-only database, a folder that
 * cannot exist. Each must surface as a StorageError / STORAGE_ERROR that says what is wrong, and
 * must leave the rows already stored intact.
 *
 * The tests run as root in CI, where chmod does not stop writes, so a full disk is simulated
 * with `PRAGMA max_page_count` (https://www.sqlite.org/pragma.html#pragma_max_page_count) and a
 * read-only folder with a read-only connection and with a path whose parent is a file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtureVin, makeDecodedVehicle } from '../../../../../testing/vehicle-fixtures';
import { INVOKE_CHANNELS } from '../../../../../shared/ipc/channels';
import { createDispatch, type Handlers } from '../../../ipc/dispatch';
import { silentLogger } from '../../../logging/logger';
import { countVehicles, upsertManyDecoded, type UpsertItem } from '../vehicles/vehicle-repository';
import { describeSqliteError, openDatabase, StorageError } from './open-database';

let dir: string;
let file: string;
const open: Database[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-disk-faults-'));
  file = path.join(dir, 'fleet.sqlite');
});
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function track(db: Database): Database {
  open.push(db);
  return db;
}

let serial = 0;
function batch(size: number): UpsertItem[] {
  return Array.from({ length: size }, () => {
    const vin = fixtureVin(++serial);
    // A long attribute makes each row cost real pages, so the limit is reached quickly.
    return { vehicle: makeDecodedVehicle({ vin }), attributes: { note: `${vin} `.repeat(40) } };
  });
}

/** Cap the file at its current size plus `spare` pages: the next growth fails with SQLITE_FULL. */
function capPages(db: Database, spare: number): void {
  const pages = db.pragma('page_count', { simple: true }) as number;
  db.pragma(`max_page_count = ${pages + spare}`);
}

/** Insert batches until the disk is "full"; returns the error and the count before the failed batch. */
function fillUntilFull(db: Database): { error: unknown; before: number; batches: number } {
  for (let batches = 0; batches < 10_000; batches++) {
    const before = countVehicles(db);
    try {
      upsertManyDecoded(db, batch(25), new Date('2025-01-01T00:00:00Z'));
    } catch (error) {
      return { error, before, batches };
    }
  }
  throw new Error('max_page_count never stopped the inserts');
}

/** Handlers whose `vehicles:facets` writes a batch: the shape of any service call that hits SQLite. */
function writingHandlers(db: Database): Handlers {
  const handlers = Object.fromEntries(INVOKE_CHANNELS.map((c) => [c, () => ({})])) as Record<string, unknown>;
  handlers['vehicles:facets'] = () => {
    upsertManyDecoded(db, batch(25), new Date('2025-01-01T00:00:00Z'));
    return {};
  };
  return handlers as unknown as Handlers;
}

describe('disk full', () => {
  it('fails the whole batch with SQLITE_FULL, keeps every stored row and the file sound', () => {
    const db = track(openDatabase(file));
    upsertManyDecoded(db, batch(40), new Date('2025-01-01T00:00:00Z'));
    capPages(db, 30);
    const { error, before, batches } = fillUntilFull(db);
    expect(batches).toBeGreaterThan(0); // some batches fitted before the limit
    expect((error as { code?: string }).code).toBe('SQLITE_FULL');
    expect(countVehicles(db)).toBe(before); // the failed transaction left nothing behind
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

    const storage = describeSqliteError(error, file);
    expect(storage).toBeInstanceOf(StorageError);
    expect(storage.problem).toBe('disk-full');
    expect(storage.message).toContain(file);
    expect(storage.message).toMatch(/full.*Free some space/);

    // After the user frees space, writing works again and nothing was lost.
    db.pragma('max_page_count = 1073741823');
    upsertManyDecoded(db, batch(5), new Date('2025-01-01T00:00:00Z'));
    expect(countVehicles(db)).toBe(before + 5);
    db.close();
    const reopened = track(openDatabase(file));
    expect(countVehicles(reopened)).toBe(before + 5);
  });

  it('crosses IPC as STORAGE_ERROR with a clear message, not INTERNAL', async () => {
    const db = track(openDatabase(file));
    capPages(db, 4);
    const dispatch = createDispatch(writingHandlers(db), silentLogger(), { databasePath: file });
    let result = await dispatch('vehicles:facets', {});
    for (let i = 0; i < 200 && result.ok; i++) result = await dispatch('vehicles:facets', {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('STORAGE_ERROR');
    expect(result.error.message).toBe(
      `The disk holding ${file} is full (database or disk is full). Free some space and try again.`,
    );
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});

describe('read-only database', () => {
  it('a write through a read-only connection is a read-only STORAGE_ERROR and changes nothing', async () => {
    const writer = track(openDatabase(file));
    upsertManyDecoded(writer, batch(3), new Date('2025-01-01T00:00:00Z'));
    writer.close();
    const before = fs.readFileSync(file);
    const db = track(openDatabase(file, { readonly: true }));
    const dispatch = createDispatch(writingHandlers(db), silentLogger(), { databasePath: file });
    const result = await dispatch('vehicles:facets', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'STORAGE_ERROR' } });
    if (!result.ok) expect(result.error.message).toMatch(/cannot be written.*Check that the folder .* is writable/);
    expect(countVehicles(db)).toBe(3);
    db.close();
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('a data folder that cannot be created is refused with a StorageError naming the file', () => {
    const blocker = path.join(dir, 'not-a-folder');
    fs.writeFileSync(blocker, 'user file');
    const target = path.join(blocker, 'fleet.sqlite');
    let caught: unknown = null;
    try {
      openDatabase(target);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StorageError);
    expect((caught as StorageError).message).toContain(target);
    expect(fs.readFileSync(blocker, 'utf8')).toBe('user file'); // never overwritten
  });

  it('a database file that is read-only to SQLite is reported as read-only', () => {
    // SQLITE_READONLY from the engine itself, independent of who runs the test.
    expect(describeSqliteError(Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY' }), file).problem).toBe('read-only');
    expect(describeSqliteError(Object.assign(new Error('EROFS'), { code: 'EROFS' }), file).problem).toBe('read-only');
    expect(describeSqliteError(Object.assign(new Error('disk I/O'), { code: 'SQLITE_FULL' }), file).problem).toBe('disk-full');
  });
});
