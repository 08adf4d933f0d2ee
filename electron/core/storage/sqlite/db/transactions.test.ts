/**
 * Write transactions hold SQLite's write lock from their first statement, and no other kind of
 * transaction is started anywhere in the app's sources.
 */
import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from './open-database';
import { BUSY_TIMEOUT_MS, readTransaction, writeTransaction } from './transactions';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-tx-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function errorCode(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe('writeTransaction', () => {
  it('takes the write lock before its first read, so a second writer waits instead of slipping in between', () => {
    const file = path.join(dir, 'fleet.sqlite');
    const app = openDatabase(file);
    // A second connection that does not wait at all: it shows who holds the lock right now.
    const other = new BetterSqlite3(file, { timeout: 0 });
    try {
      app.exec('CREATE TABLE t (n INTEGER)');
      const seen = writeTransaction(app, () => {
        const before = app.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number };
        // Under a DEFERRED transaction this insert would succeed, and the write below would then
        // fail with SQLITE_BUSY_SNAPSHOT (its snapshot is stale), whatever the busy timeout.
        const blocked = errorCode(() => other.prepare('INSERT INTO t VALUES (99)').run());
        app.prepare('INSERT INTO t VALUES (?)').run(before.n + 1);
        return blocked;
      });
      expect(seen).toBe('SQLITE_BUSY');
      expect(other.prepare('SELECT n FROM t').all()).toEqual([{ n: 1 }]);
    } finally {
      other.close();
      app.close();
    }
  });

  it('commits all or nothing, and a read transaction sees one snapshot', () => {
    const db = openDatabase(path.join(dir, 'fleet.sqlite'));
    try {
      db.exec('CREATE TABLE t (n INTEGER)');
      expect(() =>
        writeTransaction(db, () => {
          db.prepare('INSERT INTO t VALUES (1)').run();
          throw new Error('stop');
        }),
      ).toThrow('stop');
      expect(readTransaction(db, () => db.prepare('SELECT COUNT(*) AS n FROM t').get())).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it('is set up on every connection with the generous busy timeout, read-only ones included', () => {
    const file = path.join(dir, 'fleet.sqlite');
    openDatabase(file).close();
    for (const db of [openDatabase(file), openDatabase(file, { readonly: true })]) {
      expect(db.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS);
      db.close();
    }
    const short = openDatabase(file, { busyTimeoutMs: 250 });
    expect(short.pragma('busy_timeout', { simple: true })).toBe(250);
    short.close();
  });
});

/** Every `.ts` source under `folder`, tests and type declarations excluded. */
function sources(folder: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) out.push(...sources(full));
    else if (/\.ts$/.test(entry.name) && !/\.(test|d)\.ts$/.test(entry.name)) out.push(full);
  }
  return out;
}

/** The text right after the parenthesis that closes the one opened at `open`. */
function afterClosingParen(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(i + 1, i + 40);
  }
  return '';
}

describe('the sources', () => {
  it('start every transaction through writeTransaction / readTransaction or as .immediate()', () => {
    const root = path.resolve(__dirname, '../../../..');
    const offenders: string[] = [];
    for (const file of [...sources(root), ...sources(path.resolve(root, '../bench'))]) {
      if (file === path.join(__dirname, 'transactions.ts')) continue;
      // kysely's db.transaction() on PostgreSQL is a different API (BEGIN on a pooled connection),
      // not better-sqlite3's deferred transaction this rule is about.
      if (file.includes(`${path.sep}storage${path.sep}postgres${path.sep}`)) continue;
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\.transaction\(/g)) {
        const open = match.index + match[0].length - 1;
        if (!afterClosingParen(text, open).startsWith('.immediate(')) {
          offenders.push(`${path.relative(root, file)}:${text.slice(0, match.index).split('\n').length}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
