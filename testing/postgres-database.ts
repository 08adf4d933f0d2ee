/**
 * A fresh database on a test PostgreSQL server, for any test runner (vitest's per-file databases,
 * Playwright's team-database spec), so tests never see each other's rows.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestDatabase {
  /** `postgres://…/<random name>` */
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
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
