/**
 * Removed vehicles kept for a while so "Undo" can put them back exactly — in SQLite, not in a
 * JavaScript array.
 *
 * A removal moves the rows, chunk by chunk, from `vehicles` into a temporary table of its own
 * (`temp.undo_<n>`, created as a column-for-column copy of `vehicles`), so 200,000 removed
 * vehicles cost disk pages in SQLite's temporary file, not hundreds of megabytes of objects in
 * the main process. A restore moves them back, again in chunks, with their ids, timestamps and
 * attributes untouched. Temporary tables live with the main connection: an undo is offered for
 * minutes, never across restarts, and nothing is left behind when the app closes. Each table is
 * dropped when its undo is used or has expired.
 */
import { randomUUID } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import { writeTransaction } from '../db/transactions';

export const UNDO_TTL_MS = 10 * 60 * 1000;

/** Rows moved by one chunk call. */
export interface ChunkResult {
  readonly moved: number;
}

/** A removal being written into its stash table; sealed into an undo token at the end. */
export interface StashWriter {
  /** Move the vehicles with these ids (unknown ids skipped) into the stash, in one write transaction. */
  moveChunk(ids: readonly number[]): ChunkResult;
  /** Vehicles stashed so far. */
  readonly count: number;
  /** Finish: the undo token and its expiry. */
  seal(): { token: string; expiresAt: Date };
  /** Give up: put every stashed vehicle back (a failed removal changes nothing) and drop the table. */
  putBack(): number;
}

/** A sealed removal that can be undone. */
export interface StashedRemoval {
  readonly count: number;
  /** Move the next chunk back into `vehicles`; `done` once the stash is empty. */
  restoreChunk(limit: number): { restored: number; done: boolean };
}

export interface UndoStash {
  begin(): StashWriter;
  /** The removal of a live token; null when unknown or expired. */
  peek(token: string): StashedRemoval | null;
  /** Forget a token and drop its table (after a complete restore). */
  discard(token: string): void;
  /** Drop every stash table (closing the app). */
  close(): void;
}

interface Entry {
  readonly table: string;
  readonly expiresAt: number;
  readonly count: number;
  /** Stash rows below this rowid are back in `vehicles` (a restore that failed half-way resumes here). */
  restoredThrough: number;
  insertBack?: Statement;
}

export function createUndoStash(db: Database, now: () => Date = () => new Date(), ttlMs = UNDO_TTL_MS): UndoStash {
  const entries = new Map<string, Entry>();
  let tableCount = 0;

  const drop = (table: string): void => {
    db.exec(`DROP TABLE IF EXISTS temp.${table}`);
  };
  const sweep = (): void => {
    const t = now().getTime();
    for (const [token, entry] of entries) {
      if (entry.expiresAt <= t) {
        entries.delete(token);
        drop(entry.table);
      }
    }
  };
  /** The statement moving stash rows [from, to) back, by rowid: rows went in in order, 1..count. */
  const insertBackStatement = (table: string): Statement =>
    // DO NOTHING on any conflict: the VIN was stored again since the removal (keep that newer
    // row, whose id the UI may already show), or the id is back already.
    db.prepare(`INSERT INTO main.vehicles SELECT * FROM temp.${table} WHERE rowid >= ? AND rowid < ? ON CONFLICT DO NOTHING`);

  return {
    begin() {
      sweep();
      // The name comes from a counter, never from input.
      const table = `undo_${++tableCount}`;
      db.exec(`CREATE TEMP TABLE ${table} AS SELECT * FROM main.vehicles WHERE 0`);
      // The ids travel as one JSON array: one cached plan whatever the chunk size.
      const copy = db.prepare(
        `INSERT INTO temp.${table} SELECT * FROM main.vehicles WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`,
      );
      const remove = db.prepare('DELETE FROM main.vehicles WHERE id IN (SELECT value FROM json_each(?))');
      let count = 0;
      let finished = false;
      const writer: StashWriter = {
        moveChunk(ids) {
          if (finished) throw new Error('This removal is already finished');
          const json = JSON.stringify(ids);
          const moved = writeTransaction(db, () => {
            const copied = copy.run(json).changes;
            const removed = remove.run(json).changes;
            if (copied !== removed) throw new Error(`Stashed ${copied} vehicles but removed ${removed}`);
            return removed;
          });
          count += moved;
          return { moved };
        },
        get count() {
          return count;
        },
        seal() {
          finished = true;
          const token = randomUUID();
          const expiresAt = now().getTime() + ttlMs;
          entries.set(token, { table, expiresAt, count, restoredThrough: 1 });
          return { token, expiresAt: new Date(expiresAt) };
        },
        putBack() {
          finished = true;
          const restored = writeTransaction(db, () => insertBackStatement(table).run(1, count + 1).changes);
          drop(table);
          return restored;
        },
      };
      return writer;
    },
    peek(token) {
      sweep();
      const entry = entries.get(token);
      if (!entry) return null;
      return {
        count: entry.count,
        restoreChunk(limit) {
          entry.insertBack ??= insertBackStatement(entry.table);
          const from = entry.restoredThrough;
          const to = Math.min(from + limit, entry.count + 1);
          const restored = writeTransaction(db, () => entry.insertBack!.run(from, to).changes);
          entry.restoredThrough = to;
          return { restored, done: to > entry.count };
        },
      };
    },
    discard(token) {
      const entry = entries.get(token);
      if (!entry) return;
      entries.delete(token);
      drop(entry.table);
    },
    close() {
      for (const entry of entries.values()) {
        try {
          drop(entry.table);
        } catch {
          // Closing anyway: temporary tables go with the connection.
        }
      }
      entries.clear();
    },
  };
}
