/**
 * The behaviour every store shares, run against the PostgreSQL store on the run's test server:
 * each test gets a fresh, empty database, as the contract requires.
 */
import { afterAll, describe } from 'vitest';
import { createTestDatabase, testPostgresUrl, type TestDatabase } from '../../../../testing/postgres-test-database';
import { describeFleetStoreContract } from '../fleet-store-contract';
import { openFleetStore } from '../open-fleet-store';
import { parseDatabaseUrl } from '../database-url';

const baseUrl = testPostgresUrl();
const databases: TestDatabase[] = [];

describe.skipIf(baseUrl === null)('PostgreSQL', () => {
  afterAll(async () => {
    for (const database of databases) await database.drop();
  });

  describeFleetStoreContract('PostgreSQL', async () => {
    const database = await createTestDatabase(baseUrl!);
    databases.push(database);
    return openFleetStore(parseDatabaseUrl(database.url, 'the test server'));
  });
});
