/**
 * A throwaway PostgreSQL server for one bench run (the tests' `testing/postgres-server.ts`: initdb
 * in a temporary folder, loopback only, durability off), with a fresh database per measurement so
 * one measurement never reads another's rows. Where the binaries are absent the caller gets the
 * reason instead, so its PostgreSQL rows can say so while the SQLite rows still run.
 */
import pg from 'pg';
import { findPostgresBinaries, startPostgresServer } from '../testing/postgres-server';

export interface BenchPostgres {
  /** A new empty database on the server; returns its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

export type BenchPostgresStart = { readonly server: BenchPostgres } | { readonly unavailable: string };

export async function startBenchPostgres(): Promise<BenchPostgresStart> {
  const binaries = findPostgresBinaries();
  if (binaries === null) return { unavailable: 'PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin)' };
  const server = await startPostgresServer(binaries);
  return {
    server: {
      async createDatabase(name) {
        // Only bench code names databases (fixed lowercase words), never input: checked, then spliced.
        if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new RangeError(`not a plain database name: ${name}`);
        const client = new pg.Client({ connectionString: `${server.baseUrl}/postgres` });
        await client.connect();
        try {
          await client.query(`CREATE DATABASE ${name}`);
        } finally {
          await client.end();
        }
        return `${server.baseUrl}/${name}`;
      },
      stop: () => server.stop(),
    },
  };
}
