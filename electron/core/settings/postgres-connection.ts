/**
 * A team server's fields as what PostgreSQL clients take: a connection URL, `pg`'s client
 * settings with libpq's TLS modes, and the description logs and messages show.
 *
 * Descriptions never contain the password; only `postgresUrl` does, for the storage location.
 */
import type { ClientConfig } from 'pg';
import { sslOptionFor } from '../storage/database-url';
import type { TeamDatabaseServer } from '../../../shared/settings/team-database-contract';

/** `host:port`; an IPv6 address needs brackets before the port. */
export function hostWithPort(server: Pick<TeamDatabaseServer, 'host' | 'port'>): string {
  return server.host.includes(':') ? `[${server.host}]:${server.port}` : `${server.host}:${server.port}`;
}

/** `database "fleet" at db.example.com:5432`: what messages and logs name. */
export function describeServer(server: Pick<TeamDatabaseServer, 'host' | 'port' | 'database'>): string {
  return `"${server.database}" at ${hostWithPort(server)}`;
}

/** `postgres://user:password@host:port/database?sslmode=…`, every part percent-encoded. */
export function postgresUrl(server: TeamDatabaseServer, password: string | null): string {
  const credentials = encodeURIComponent(server.user) + (password === null ? '' : `:${encodeURIComponent(password)}`);
  const host = server.host.includes(':') ? `[${server.host.replace('%', '%25')}]` : server.host;
  return `postgres://${credentials}@${host}:${server.port}/${encodeURIComponent(server.database)}?sslmode=${server.sslmode}`;
}

/** Client settings for a short test connection that gives up after `timeoutMs`. */
export function testClientConfig(
  server: TeamDatabaseServer,
  password: string | null,
  options: { readonly timeoutMs: number; readonly attempt?: 'tls' | 'plain' },
): ClientConfig {
  return {
    host: server.host,
    port: server.port,
    database: server.database,
    user: server.user,
    ...(password === null ? {} : { password }),
    ssl: sslOptionFor(server.sslmode, options.attempt ?? 'tls'),
    connectionTimeoutMillis: options.timeoutMs,
    query_timeout: options.timeoutMs,
    application_name: 'Fleet VIN Lookup (connection test)',
  };
}
