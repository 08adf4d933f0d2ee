/**
 * Vitest global setup: ONE throwaway PostgreSQL server for the whole run (each test file creates
 * its own database on it, see postgres-test-database.ts). Where PostgreSQL is not installed the
 * PostgreSQL tests skip and print why; `.ci/run` installs it, so on CI they run.
 */
import type { TestProject } from 'vitest/node';
import { findPostgresBinaries, startPostgresServer } from './postgres-server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test server's base URL, or null when there is none. */
    postgresUrl: string | null;
    /** Why there is no server (printed by the tests that skip). */
    postgresSkipReason: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const binaries = findPostgresBinaries();
  if (binaries === null) {
    project.provide('postgresUrl', null);
    project.provide('postgresSkipReason', 'PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin; Debian: apt-get install postgresql)');
    return undefined;
  }
  const server = await startPostgresServer(binaries);
  project.provide('postgresUrl', server.baseUrl);
  project.provide('postgresSkipReason', '');
  return () => server.stop();
}
