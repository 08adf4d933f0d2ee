/**
 * Every write of the PostgreSQL store is one transaction; a transaction the server aborted to
 * break a deadlock or a serialization conflict between desks is run again, because the other
 * desk's write has committed by then and a second try succeeds.
 */
import type { Kysely, Transaction } from 'kysely';
import type { FleetDatabase } from './postgres-schema';
import { postgresCodeOf } from './postgres-errors';

/** deadlock_detected, serialization_failure: safe to retry the whole transaction. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 4;

export async function withTransaction<T>(db: Kysely<FleetDatabase>, work: (trx: Transaction<FleetDatabase>) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      if (attempt >= ATTEMPTS || !RETRYABLE.has(postgresCodeOf(error) ?? '')) throw error;
    }
  }
}
