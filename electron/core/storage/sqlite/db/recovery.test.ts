import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LATEST_VERSION } from './migrations';
import { openDatabase, StorageError } from './open-database';
import { asideTimestamp, moveDatabaseAside, recoveryChoices, type RenameFileSystem } from './recovery';

let dir: string;
let file: string;
const NOW = new Date('2025-03-04T05:06:07.089Z');

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-recovery-'));
  file = path.join(dir, 'fleet.sqlite');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function openError(target: string): unknown {
  try {
    openDatabase(target).close();
  } catch (error) {
    return error;
  }
  return null;
}

describe('moveDatabaseAside', () => {
  it('renames the database and its -wal/-shm, deletes nothing, and a fresh start then works', () => {
    const garbage = Buffer.from('definitely not sqlite '.repeat(100));
    fs.writeFileSync(file, garbage);
    expect((openError(file) as StorageError).problem).toBe('corrupt');
    // (Written after the failed open: SQLite discards a -wal without a valid header on close.)
    fs.writeFileSync(`${file}-wal`, 'wal bytes');
    fs.writeFileSync(`${file}-shm`, 'shm bytes');

    const moved = moveDatabaseAside(file, NOW);
    expect(moved).toBe(`${file}.unusable-20250304T050607Z`);
    expect(fs.readFileSync(moved).equals(garbage)).toBe(true);
    expect(fs.readFileSync(`${moved}-wal`, 'utf8')).toBe('wal bytes');
    expect(fs.readFileSync(`${moved}-shm`, 'utf8')).toBe('shm bytes');
    expect(fs.existsSync(file) || fs.existsSync(`${file}-wal`) || fs.existsSync(`${file}-shm`)).toBe(false);

    const fresh = openDatabase(file);
    expect(fresh.prepare('SELECT COUNT(*) AS n FROM vehicles').get()).toEqual({ n: 0 });
    fresh.close();
    expect(fs.readFileSync(moved).equals(garbage)).toBe(true);
  });

  it('keeps a database from a newer version openable under its new name', () => {
    const seed = new BetterSqlite3(file);
    seed.exec('CREATE TABLE future (x); INSERT INTO future VALUES (42)');
    seed.pragma(`user_version = ${LATEST_VERSION + 3}`);
    seed.close();
    expect((openError(file) as StorageError).problem).toBe('too-new');
    const moved = moveDatabaseAside(file, NOW);
    const aside = new BetterSqlite3(moved, { readonly: true });
    expect(aside.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 3);
    expect(aside.prepare('SELECT x FROM future').get()).toEqual({ x: 42 });
    aside.close();
  });

  it('never replaces an earlier moved-aside file: a second move in the same second gets a counter', () => {
    fs.writeFileSync(file, 'first');
    const first = moveDatabaseAside(file, NOW);
    fs.writeFileSync(file, 'second');
    fs.writeFileSync(`${file}-wal`, 'second wal');
    const second = moveDatabaseAside(file, NOW);
    expect(second).toBe(`${first}-2`);
    expect(fs.readFileSync(first, 'utf8')).toBe('first');
    expect(fs.readFileSync(second, 'utf8')).toBe('second');
    expect(fs.readFileSync(`${second}-wal`, 'utf8')).toBe('second wal');
  });

  it('moves the companions before the main file, and a failing rename stops before the main file', () => {
    const renames: string[] = [];
    const present = new Set([file, `${file}-wal`, `${file}-shm`]);
    const fsys: RenameFileSystem = {
      existsSync: (f) => present.has(f),
      renameSync: (from, to) => {
        if (from.endsWith('-shm')) throw Object.assign(new Error('EPERM'), { code: 'EPERM' });
        renames.push(`${path.basename(from)} -> ${path.basename(to)}`);
      },
    };
    expect(() => moveDatabaseAside(file, NOW, fsys)).toThrow('EPERM');
    expect(renames).toEqual(['fleet.sqlite-wal -> fleet.sqlite.unusable-20250304T050607Z-wal']);
  });

  it('formats a sortable timestamp without characters Windows forbids', () => {
    expect(asideTimestamp(NOW)).toBe('20250304T050607Z');
    expect(asideTimestamp(NOW)).not.toMatch(/[:<>"/\\|?*]/);
  });
});

describe('recoveryChoices', () => {
  it('offers Quit, Move aside and Open data folder for a file the app cannot read', () => {
    for (const problem of ['corrupt', 'too-new', 'unavailable'] as const) {
      const prompt = recoveryChoices(new StorageError(problem, `problem ${problem}`));
      expect(prompt?.buttons.map((b) => b.action)).toEqual(['quit', 'move-aside', 'open-folder']);
      expect(prompt?.buttons.map((b) => b.label)).toEqual(['Quit', 'Move it aside and start fresh', 'Open data folder']);
      expect(prompt?.message).toBe(`problem ${problem}`);
      expect(prompt?.buttons[prompt.cancelId]?.action).toBe('quit');
    }
  });

  it('does not offer to move the file when a fresh one would fail the same way', () => {
    for (const problem of ['read-only', 'disk-full'] as const) {
      const prompt = recoveryChoices(new StorageError(problem, 'x'));
      expect(prompt?.buttons.map((b) => b.action)).toEqual(['quit', 'open-folder']);
    }
    expect(recoveryChoices(new StorageError('disk-full', 'x'))?.detail).toMatch(/Free some disk space/);
  });

  it('leaves other start-up failures to the plain error box', () => {
    expect(recoveryChoices(new Error('boom'))).toBeNull();
    expect(recoveryChoices('text')).toBeNull();
    expect(recoveryChoices(null)).toBeNull();
  });

  it('answers a real corrupt-file failure from openDatabase with the move-aside choice', () => {
    fs.writeFileSync(file, Buffer.alloc(4096, 7));
    const prompt = recoveryChoices(openError(file));
    expect(prompt?.problem).toBe('corrupt');
    expect(prompt?.message).toContain(file);
  });
});
