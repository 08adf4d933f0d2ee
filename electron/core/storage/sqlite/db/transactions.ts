/**
 * Transactions that queue behind other writers instead of failing.
 *
 * The app's main thread, its import and export workers and any number of `vinlookup` processes
 * share one SQLite file. better-sqlite3's `db.transaction(fn)()` begins DEFERRED: the write lock
 * is taken at the first write. In WAL mode a transaction that has read and then wants to write,
 * after another connection committed in between, fails at once with SQLITE_BUSY ("database is
 * locked"): waiting cannot make its snapshot current, so the busy timeout does not apply
 * (https://sqlite.org/lang_transaction.html, "BEGIN IMMEDIATE"; https://sqlite.org/wal.html).
 * BEGIN IMMEDIATE takes the write lock before the first read and waits for it up to the busy
 * timeout, so writers line up one after the other. Every multi-statement write goes through
 * `writeTransaction`; `readTransaction` is for reads that must see one snapshot (a page and its
 * count). A test scans the sources so no other `.transaction(` call creeps in.
 */
import type { Database } from 'better-sqlite3';

/**
 * How long a connection waits for another connection's write lock before SQLITE_BUSY.
 *
 * Generous on purpose: every write transaction of the app is short (one import chunk, one
 * removal chunk, one lookup), so a long wait means many writers queued, not a stuck one; a
 * wait that fails would lose the user's work in progress.
 */
export const BUSY_TIMEOUT_MS = 30_000;

/** Run `fn` in one BEGIN IMMEDIATE transaction (all of it commits, or none); nested calls become savepoints. */
export function writeTransaction<T>(db: Database, fn: () => T): T {
  return db.transaction(fn).immediate();
}

/** Run read-only `fn` in one deferred transaction, so every statement sees the same snapshot. */
export function readTransaction<T>(db: Database, fn: () => T): T {
  return db.transaction(fn).deferred();
}
