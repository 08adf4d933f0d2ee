import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeFileSystem, temporaryPathFor, writeFileAtomically, type AtomicFileSystem } from './atomic-file';

/** A fresh folder per test, removed afterwards. */
let folder: { dir: string } | null = null;
function createFolder(): { dir: string } {
  folder = { dir: fs.mkdtempSync(path.join(os.tmpdir(), 'atomic-file-')) };
  return folder;
}
afterEach(() => {
  if (folder) fs.rmSync(folder.dir, { recursive: true, force: true });
  folder = null;
});

function leftoverFiles(dir: string): string[] {
  return fs.readdirSync(dir);
}

const OLD = 'the previous export\n';

describe('writeFileAtomically', () => {
  it('names the temporary file .<name>.<random>.tmp beside the target', () => {
    expect(temporaryPathFor('/x/y/fleet.parquet', 'abc123')).toBe('/x/y/.fleet.parquet.abc123.tmp');
  });

  it('replaces the target only when the body finished', async () => {
    const fleet = createFolder();
    const target = path.join(fleet.dir, 'out.csv');
    fs.writeFileSync(target, OLD);
    let seenDuringWrite: string[] = [];
    await writeFileAtomically(target, (sink) => {
      sink.write('new ');
      seenDuringWrite = leftoverFiles(fleet.dir);
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
    const fleet = createFolder();
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
    const fleet = createFolder();
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
    const fleet = createFolder();
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
    const fleet = createFolder();
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

  it('refuses a protected target with INVALID_INPUT before writing anything', async () => {
    const fleet = createFolder();
    const target = path.join(fleet.dir, 'fleet.sqlite');
    fs.writeFileSync(target, OLD);
    const asked: string[] = [];
    const refuse = (absolute: string): string | null => {
      asked.push(absolute);
      return path.basename(absolute) === 'fleet.sqlite' ? 'That is protected.' : null;
    };
    let ran = false;
    await expect(
      writeFileAtomically(target, (sink) => {
        ran = true;
        sink.write('new');
      }, { refuse }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: 'That is protected.' });
    expect(ran).toBe(false);
    expect(asked).toEqual([path.resolve(target)]);
    asked.length = 0;
    expect(fs.readFileSync(target, 'utf8')).toBe(OLD);
    expect(leftoverFiles(fleet.dir)).toEqual(['fleet.sqlite']);
    // A target the guard accepts is written as usual.
    await writeFileAtomically(path.join(fleet.dir, 'out.csv'), (sink) => sink.write('ok'), { refuse });
    expect(fs.readFileSync(path.join(fleet.dir, 'out.csv'), 'utf8')).toBe('ok');
    // Asked before writing and again just before the rename.
    expect(asked).toEqual([path.join(fleet.dir, 'out.csv'), path.join(fleet.dir, 'out.csv')]);
  });

  it('asks the guard again before the rename, so a target that became protected meanwhile is kept', async () => {
    const fleet = createFolder();
    const target = path.join(fleet.dir, 'out.csv');
    fs.writeFileSync(target, OLD);
    let protectedNow = false;
    const refuse = (): string | null => (protectedNow ? 'That became protected.' : null);
    await expect(
      writeFileAtomically(target, (sink) => {
        sink.write('new');
        protectedNow = true; // e.g. the folder was swapped for a symlink to the data folder
      }, { refuse }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: 'That became protected.' });
    expect(fs.readFileSync(target, 'utf8')).toBe(OLD);
    expect(leftoverFiles(fleet.dir)).toEqual(['out.csv']);
  });
});
