/**
 * The export job's file handling: a disk that fills up mid-write, and the live database as target.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeFileSystem, type AtomicFileSystem } from '../files/atomic-file';
import { runExportJob } from './export-job';
import { createTestFleet, leftoverFiles, type TestFleet } from '../../../testing/export-test-fleet';

let fleet: TestFleet | null = null;
afterEach(() => {
  fleet?.close();
  fleet = null;
});

/** The real filesystem, except that writes fail with `code` once `limit` bytes have been written. */
function failingAfter(limit: number, code: string): AtomicFileSystem & { written: () => number } {
  let written = 0;
  return {
    ...nodeFileSystem,
    writeSync(fd, data) {
      if (written + data.length > limit) throw Object.assign(new Error(`${code}: simulated`), { code });
      written += data.length;
      return nodeFileSystem.writeSync(fd, data);
    },
    written: () => written,
  };
}

const OLD = 'the previous export\n';

describe('runExportJob with a disk that fills up mid-write', () => {
  it.each(['parquet', 'csv'] as const)('%s: FILE_ERROR "disk is full", old target untouched, no temporary file', async (format) => {
    fleet = createTestFleet(true);
    const target = path.join(fleet.dir, `fleet.${format}`);
    fs.writeFileSync(target, OLD);
    const disk = failingAfter(600, 'ENOSPC');
    const journal = path.join(fleet.dir, 'pending-writes');
    await expect(
      runExportJob({ storage: { kind: 'sqlite', path: fleet.databasePath }, target, format, batchSize: 1, tempJournalDir: journal }, { fileSystem: disk }),
    ).rejects.toMatchObject({ code: 'FILE_ERROR', message: `Could not write ${target}: the disk is full` });
    // Some bytes went out before the failure: this really failed mid-write.
    expect(disk.written()).toBeGreaterThan(0);
    expect(fs.readFileSync(target, 'utf8')).toBe(OLD);
    expect(leftoverFiles(fleet.dir)).toEqual([`fleet.${format}`, 'pending-writes']);
    // The temporary file was noted while it existed, and forgotten with it.
    expect(fs.readdirSync(journal)).toEqual([]);
  });
});

describe('runExportJob to the live database', () => {
  it.each(['', '-wal'])('refuses fleet.sqlite%s with INVALID_INPUT and leaves the database as it was', async (suffix) => {
    fleet = createTestFleet(true);
    const target = `${fleet.databasePath}${suffix}`;
    const before = fs.existsSync(target) ? fs.readFileSync(target) : null;
    const mainBefore = fs.readFileSync(fleet.databasePath);
    await expect(runExportJob({ storage: { kind: 'sqlite', path: fleet.databasePath }, target, format: 'csv' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: "That is the app's own database; choose another file name.",
    });
    expect(fs.existsSync(target) ? fs.readFileSync(target) : null).toEqual(before);
    expect(fs.readFileSync(fleet.databasePath).equals(mainBefore)).toBe(true);
    const check = new Database(fleet.databasePath, { readonly: true });
    try {
      expect(check.prepare('SELECT COUNT(*) AS n FROM vehicles').get()).toEqual({ n: 5 });
    } finally {
      check.close();
    }
    expect(leftoverFiles(path.dirname(fleet.databasePath))).toEqual([]);
  });
});

describe('runExportJob to the live database by another route', () => {
  /** Each route names the live database without its path string. */
  const routes: readonly [string, (dir: string) => string][] = [
    ['a symlinked folder', (dir) => (fs.symlinkSync(dir, path.join(dir, 'alias')), path.join(dir, 'alias', 'fleet.sqlite'))],
    ['a symlinked folder, -wal', (dir) => (fs.symlinkSync(dir, path.join(dir, 'alias')), path.join(dir, 'alias', 'fleet.sqlite-wal'))],
    ['a hard link in another folder', (dir) => {
      fs.mkdirSync(path.join(dir, 'links'));
      fs.linkSync(path.join(dir, 'fleet.sqlite'), path.join(dir, 'links', 'copy.sqlite'));
      return path.join(dir, 'links', 'copy.sqlite');
    }],
    ['a symlink to the file', (dir) => (fs.symlinkSync(path.join(dir, 'fleet.sqlite'), path.join(dir, 'link.csv')), path.join(dir, 'link.csv'))],
  ];

  it.each(routes)('refuses %s with INVALID_INPUT and leaves the database as it was', async (_label, route) => {
    fleet = createTestFleet(true);
    const target = route(fleet.dir);
    const mainBefore = fs.readFileSync(fleet.databasePath);
    await expect(runExportJob({ storage: { kind: 'sqlite', path: fleet.databasePath }, target, format: 'csv' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: "That is the app's own database; choose another file name.",
    });
    expect(fs.readFileSync(fleet.databasePath).equals(mainBefore)).toBe(true);
    const check = new Database(fleet.databasePath, { readonly: true });
    try {
      expect(check.prepare('SELECT COUNT(*) AS n FROM vehicles').get()).toEqual({ n: 5 });
    } finally {
      check.close();
    }
    expect(fs.readdirSync(fleet.dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('still exports to another file in a symlinked folder', async () => {
    fleet = createTestFleet(true);
    fs.symlinkSync(fleet.dir, path.join(fleet.dir, 'alias'));
    const target = path.join(fleet.dir, 'alias', 'fleet.csv');
    const journal = path.join(fleet.dir, 'pending-writes');
    await expect(runExportJob({ storage: { kind: 'sqlite', path: fleet.databasePath }, target, format: 'csv', tempJournalDir: journal })).resolves.toEqual({ rows: 5 });
    expect(fs.readdirSync(journal)).toEqual([]);
    expect(fs.readFileSync(path.join(fleet.dir, 'fleet.csv'), 'utf8').split('\n').length).toBeGreaterThan(5);
  });
});
