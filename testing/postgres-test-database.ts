/**
 * Vitest's side of the test server (postgres-global-setup.ts): its URL, or why there is none. Each
 * test file makes its own database on it (`createTestDatabase`), so files running in parallel
 * never see each other's rows.
 */
import { inject } from 'vitest';

export { createTestDatabase, type TestDatabase } from './postgres-database';

/** The server's base URL, or null after printing why the PostgreSQL tests skip. */
export function testPostgresUrl(): string | null {
  const url = inject('postgresUrl');
  if (url === null) console.warn(`PostgreSQL tests skipped: ${inject('postgresSkipReason')}`);
  return url;
}
