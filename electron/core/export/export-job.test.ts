/**
 * The export job's file handling: a disk that fills up mid-write, and the live database as target.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeFileSystem, type AtomicFileSystem } from '../files/atomic-file';
import { runExportJob } from './export-job';
import { createTestFleet, leftoverFiles, type TestFleet } from './export-test-fleet';

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
    await expect(
      runExportJob({ databasePath: fleet.databasePath, target, format, batchSize: 1 }, { fileSystem: disk }),
    ).rejects.toMatchObject({ code: 'FILE_ERROR', message: `Could not write ${target}: the disk is full` });
    // Some bytes went out before the failure: this really failed mid-write.
    expect(disk.written()).toBeGreaterThan(0);
    expect(fs.readFileSync(target, 'utf8')).toBe(OLD);
    expect(leftoverFiles(fleet.dir)).toEqual([`fleet.${format}`]);
  });
});

describe('runExportJob to the live database', () => {
  it.each(['', '-wal'])('refuses fleet.sqlite%s with INVALID_INPUT and leaves the database as it was', async (suffix) => {
    fleet = createTestFleet(true);
    const target = `${fleet.databasePath}${suffix}`;
    const before = fs.existsSync(target) ? fs.readFileSync(target) : null;
    const mainBefore = fs.readFileSync(fleet.databasePath);
    await expect(runExportJob({ databasePath: fleet.databasePath, target, format: 'csv' })).rejects.toMatchObject({
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
