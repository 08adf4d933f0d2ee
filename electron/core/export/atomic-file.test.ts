import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeFileSystem, temporaryPathFor, writeFileAtomically, type AtomicFileSystem } from './atomic-file';
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

describe('writeFileAtomically', () => {
  it('names the temporary file .<name>.<random>.tmp beside the target', () => {
    expect(temporaryPathFor('/x/y/fleet.parquet', 'abc123')).toBe('/x/y/.fleet.parquet.abc123.tmp');
  });

  it('replaces the target only when the body finished', async () => {
    fleet = createTestFleet(false);
    const target = path.join(fleet.dir, 'out.csv');
    fs.writeFileSync(target, OLD);
    let seenDuringWrite: string[] = [];
    await writeFileAtomically(target, (sink) => {
      sink.write('new ');
      seenDuringWrite = leftoverFiles(fleet!.dir);
      sink.write(Buffer.from('content'));
      expect(fs.readFileSync(target, 'utf8')).toBe(OLD);
    }, { randomSuffix: () => 'r1' });
    expect(seenDuringWrite.sort()).toEqual(['.out.csv.r1.tmp', 'out.csv']);
    expect(fs.readFileSync(target, 'utf8')).toBe('new content');
    expect(leftoverFiles(fleet.dir)).toEqual(['out.csv']);
  });

  it.each([
    ['a path whose parent is a file', (dir: string) => path.join(dir, 'plain-file', 'out.csv'), 'part of the path is a file, not a folder'],
    ['a folder that does not exist', (dir: string) => path.join(dir, 'nope', 'out.csv'), 'the folder does not exist'],
    ['a target that is a folder', (dir: string) => path.join(dir, 'a-folder'), 'a folder with that name already exists'],
  ])('refuses %s with a clear FILE_ERROR and leaves nothing behind', async (_label, targetIn, reason) => {
    fleet = createTestFleet(false);
    fs.writeFileSync(path.join(fleet.dir, 'plain-file'), OLD);
    fs.mkdirSync(path.join(fleet.dir, 'a-folder'));
    const target = targetIn(fleet.dir);
    const body = (): void => {
      throw new Error('the body must not run');
    };
    await expect(writeFileAtomically(target, body)).rejects.toMatchObject({
      code: 'FILE_ERROR',
      message: `Could not write ${target}: ${reason}`,
    });
    expect(leftoverFiles(fleet.dir).sort()).toEqual(['a-folder', 'plain-file']);
    expect(fs.readFileSync(path.join(fleet.dir, 'plain-file'), 'utf8')).toBe(OLD);
    expect(fs.readdirSync(path.join(fleet.dir, 'a-folder'))).toEqual([]);
  });

  it('reports a read-only filesystem as "the folder is read-only"', async () => {
    fleet = createTestFleet(false);
    const target = path.join(fleet.dir, 'out.csv');
    const readOnly: AtomicFileSystem = {
      ...nodeFileSystem,
      openSync: () => {
        throw Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' });
      },
    };
    await expect(writeFileAtomically(target, () => undefined, { fileSystem: readOnly })).rejects.toMatchObject({
      code: 'FILE_ERROR',
      message: `Could not write ${target}: the folder is read-only`,
    });
  });

  it('keeps the old target when the rename fails (target locked) and removes the temporary file', async () => {
    fleet = createTestFleet(false);
    const target = path.join(fleet.dir, 'out.csv');
    fs.writeFileSync(target, OLD);
    const locked: AtomicFileSystem = {
      ...nodeFileSystem,
      renameSync: () => {
        throw Object.assign(new Error('EBUSY: resource busy or locked'), { code: 'EBUSY' });
      },
    };
    await expect(writeFileAtomically(target, (sink) => sink.write('new'), { fileSystem: locked })).rejects.toMatchObject({
      code: 'FILE_ERROR',
      message: `Could not write ${target}: the file is locked by another program`,
    });
    expect(fs.readFileSync(target, 'utf8')).toBe(OLD);
    expect(leftoverFiles(fleet.dir)).toEqual(['out.csv']);
  });

  it('rethrows a non-file error from the body unchanged, after cleaning up', async () => {
    fleet = createTestFleet(false);
    const target = path.join(fleet.dir, 'out.csv');
    const bug = new TypeError('a bug');
    await expect(
      writeFileAtomically(target, (sink) => {
        sink.write('partial');
        throw bug;
      }),
    ).rejects.toBe(bug);
    expect(leftoverFiles(fleet.dir)).toEqual([]);
  });
});

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
