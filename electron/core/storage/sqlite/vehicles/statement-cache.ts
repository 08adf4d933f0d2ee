/**
 * Prepared statements cached per database handle.
 *
 * Preparing costs more than running a small statement, and the fleet table asks for pages at
 * scroll speed. A WeakMap keyed by the handle lets a closed database (and its statements) be
 * collected; the SQL text is the key, and the dynamic list queries only ever produce a bounded
 * set of texts (filters present × whitelisted sort columns), never text with user values in it.
 */
import type { Database, Statement } from 'better-sqlite3';

const caches = new WeakMap<Database, Map<string, Statement<unknown[], unknown>>>();

export function cachedStatement<Row>(db: Database, sql: string): Statement<unknown[], Row> {
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = new Map();
    caches.set(db, cache);
  }
  let statement = cache.get(sql);
  if (statement === undefined) {
    statement = db.prepare<unknown[], unknown>(sql);
    cache.set(sql, statement);
  }
  return statement as Statement<unknown[], Row>;
}
