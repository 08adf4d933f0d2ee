/**
 * A fresh database per test file on the run's test server (postgres-global-setup.ts), so files
 * running in parallel never see each other's rows.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

export interface TestDatabase {
  /** `postgres://…/<random name>` */
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

/** The server's base URL, or null after printing why the PostgreSQL tests skip. */
export function testPostgresUrl(): string | null {
  const url = inject('postgresUrl');
  if (url === null) console.warn(`PostgreSQL tests skipped: ${inject('postgresSkipReason')}`);
  return url;
}

async function admin<T>(baseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: `${baseUrl}/postgres` });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(baseUrl: string): Promise<TestDatabase> {
  // The name is ours (hex), never input: safe to splice into the statement.
  const name = `fleet_test_${randomBytes(6).toString('hex')}`;
  await admin(baseUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  return {
    url: `${baseUrl}/${name}`,
    name,
    drop: () => admin(baseUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
