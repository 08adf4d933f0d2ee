/**
 * The rejects report file: formula-safe CSV, written atomically, never over the live database.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../storage/sqlite/db/open-database';
import { recordChunk } from '../storage/sqlite/sqlite-import-job-store';
import { newJob, openTestDatabase, tempDir } from '../../../testing/import-test-support';
import { sqliteImportStores } from '../storage/sqlite/sqlite-import-stores';
import { writeRejectsCsv } from './rejects-report';

let dir: string;
let db: Database;
let jobId: string;

beforeEach(() => {
  dir = tempDir('rejects-report-');
  db = openTestDatabase(dir);
  const file = path.join(dir, 'fleet.csv');
  fs.writeFileSync(file, 'VIN\n=cmd\n');
  jobId = newJob(db, file);
  recordChunk(
    db,
    jobId,
    {
      lastRow: 2,
      delta: { total: 2, added: 0, updated: 0, duplicates: 0, invalid: 2, failed: 0 },
      rejects: [
        { row: 1, value: '=cmd', code: 'TOO_SHORT', reason: 'A VIN has 17 characters; this has 4.', kind: 'invalid' },
        { row: 2, value: 'AB,C', code: 'TOO_SHORT', reason: 'A VIN has 17 characters; this has 4.', kind: 'invalid' },
      ],
      vins: [],
    },
    new Date(),
  );
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('writeRejectsCsv', () => {
  it('writes a formula-safe CSV with a BOM and leaves no temporary file', async () => {
    const target = path.join(dir, 'rejects.csv');
    expect(await writeRejectsCsv(sqliteImportStores(db).importJobs, jobId, target)).toBe(2);
    expect(fs.readFileSync(target, 'utf8')).toBe(
      '\uFEFFrow,value,reason,code\n' +
        "1,'=cmd,A VIN has 17 characters; this has 4.,TOO_SHORT\n" +
        '2,"AB,C",A VIN has 17 characters; this has 4.,TOO_SHORT\n',
    );
    expect(fs.readdirSync(dir).filter((name) => name.endsWith('.tmp') || name.endsWith('.partial'))).toEqual([]);
  });

  it('notes its temporary file in the journal while it writes, and forgets it once saved', async () => {
    const target = path.join(dir, 'rejects-journal.csv');
    const noted: string[] = [];
    let forgotten = 0;
    const journal = { record: (temporary: string) => (noted.push(temporary), () => void (forgotten += 1)) };
    expect(await writeRejectsCsv(sqliteImportStores(db).importJobs, jobId, target, { journal })).toBe(2);
    expect(noted).toHaveLength(1);
    expect(path.dirname(noted[0]!)).toBe(dir);
    expect(noted[0]).not.toBe(target);
    expect(fs.existsSync(noted[0]!)).toBe(false);
    expect(forgotten).toBe(1);
  });

  it.each(['fleet.sqlite', 'fleet.sqlite-wal'])('refuses %s (the live database) and leaves it as it was', async (name) => {
    const live = path.join(dir, 'fleet.sqlite');
    const target = path.join(dir, name);
    const before = fs.readFileSync(target);
    const mainBefore = fs.readFileSync(live);
    await expect(writeRejectsCsv(sqliteImportStores(db).importJobs, jobId, target, { databasePath: db.name })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: "That is the app's own database; choose another file name.",
    });
    expect(fs.readFileSync(target).equals(before)).toBe(true);
    expect(fs.readFileSync(live).equals(mainBefore)).toBe(true);
    expect(fs.readdirSync(dir).sort()).toEqual(['fleet.csv', 'fleet.sqlite', 'fleet.sqlite-shm', 'fleet.sqlite-wal']);
    // Still a working database, through this connection and a fresh one.
    expect(db.prepare('SELECT COUNT(*) AS n FROM import_rejects').get()).toEqual({ n: 2 });
    const again = openDatabase(live, { readonly: true });
    try {
      expect(again.prepare('PRAGMA quick_check').get()).toEqual({ quick_check: 'ok' });
    } finally {
      again.close();
    }
  });
});
