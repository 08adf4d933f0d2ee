/**
 * A team's PostgreSQL server, named by `FLEET_DATABASE_URL` or the CLI's `--database-url`.
 *
 * The URL is checked here, once, with errors that say what to fix; no message built here ever
 * contains the password (the URL itself is never echoed, only `describeLocation` of it). The
 * connection settings for `pg` are derived here too, so `sslmode` means the same everywhere.
 */
import type { ConnectionOptions } from 'node:tls';
import { describeLocation, type StorageLocation } from './storage-location';

export type PostgresLocation = Extract<StorageLocation, { kind: 'postgres' }>;

import { SSL_MODES, type SslMode } from '../../../shared/settings/team-database-contract';

export const DATABASE_URL_ENV = 'FLEET_DATABASE_URL';

/** libpq's sslmode values (https://www.postgresql.org/docs/current/libpq-ssl.html). */
// libpq's TLS modes: one list, shared with Settings › Team database's form.
export { SSL_MODES, type SslMode } from '../../../shared/settings/team-database-contract';

/** Query parameters a URL may carry; anything else is refused rather than silently ignored. */
const KNOWN_PARAMETERS = new Set(['sslmode', 'application_name', 'connect_timeout']);

export class DatabaseUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseUrlError';
  }
}

/** The settings `pg`'s Pool and Client take, derived from a location. */
export interface PostgresConnectionConfig {
  readonly host: string;
  readonly port: number;
  readonly user: string | undefined;
  readonly password: string | undefined;
  readonly database: string;
  readonly ssl: false | ConnectionOptions;
  readonly application_name: string;
  readonly connectionTimeoutMillis: number;
}

const DEFAULT_PORT = 5432;
const DEFAULT_CONNECT_TIMEOUT_S = 10;

/**
 * What `sslmode` asks of `pg`'s `ssl` option, for one connection attempt.
 *
 * pg has no `prefer` (TLS when offered, else plain): a caller that can try twice (Settings' "Test
 * connection") asks for `attempt: 'tls'` first and `'plain'` when the server has no TLS. The
 * store's pool connects once per connection, so `prefer` stays plain there (libpq's outcome
 * against a server without TLS, the common team-LAN case); `require` or stricter forces TLS.
 */
export function sslOptionFor(mode: SslMode, attempt: 'tls' | 'plain' = 'plain'): false | ConnectionOptions {
  switch (mode) {
    case 'disable':
      return false;
    case 'prefer':
      return attempt === 'tls' ? { rejectUnauthorized: false } : false;
    case 'require':
      // Encrypted, certificate not checked: libpq's meaning of `require`.
      return { rejectUnauthorized: false };
    case 'verify-ca':
      // The chain must verify; the host name need not match the certificate.
      return { rejectUnauthorized: true, checkServerIdentity: () => undefined };
    case 'verify-full':
      return { rejectUnauthorized: true };
  }
}

function isSslMode(value: string): value is SslMode {
  return (SSL_MODES as readonly string[]).includes(value);
}

/**
 * Check a database URL and make it a storage location. `source` names where it came from
 * (`FLEET_DATABASE_URL`, `--database-url`) so the error says which setting to fix.
 */
export function parseDatabaseUrl(text: string, source: string = DATABASE_URL_ENV): PostgresLocation {
  const trimmed = text.trim();
  if (trimmed === '') throw new DatabaseUrlError(`${source} is empty; give a URL such as postgres://user@host:5432/fleet.`);
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    // The text is not echoed: it may hold a password.
    throw new DatabaseUrlError(`${source} is not a URL; give one such as postgres://user@host:5432/fleet.`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new DatabaseUrlError(`${source} must start with postgres:// or postgresql:// (it starts with ${url.protocol}//).`);
  }
  const location: PostgresLocation = { kind: 'postgres', url: trimmed };
  const shown = describeLocation(location);
  if (url.hostname === '') throw new DatabaseUrlError(`${source} names no server host (${shown}).`);
  if (url.port !== '') {
    const port = Number(url.port);
    if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new DatabaseUrlError(`${source} has an invalid port (${shown}).`);
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (database === '' || database.includes('/')) {
    throw new DatabaseUrlError(`${source} must name one database after the host, as in postgres://user@host:5432/fleet (${shown}).`);
  }
  for (const key of url.searchParams.keys()) {
    if (!KNOWN_PARAMETERS.has(key)) {
      throw new DatabaseUrlError(`${source} has an unknown parameter "${key}"; known: ${[...KNOWN_PARAMETERS].join(', ')}.`);
    }
  }
  const sslmode = url.searchParams.get('sslmode');
  if (sslmode !== null && !isSslMode(sslmode)) {
    throw new DatabaseUrlError(`${source} has sslmode=${sslmode}; use one of ${SSL_MODES.join(', ')}.`);
  }
  const timeout = url.searchParams.get('connect_timeout');
  if (timeout !== null && !/^\d+$/.test(timeout)) {
    throw new DatabaseUrlError(`${source} has connect_timeout=${timeout}; give whole seconds.`);
  }
  return location;
}

/**
 * The server location the user asked for, if any: the CLI's `--database-url` wins over the
 * environment. Null means the embedded SQLite default.
 */
export function databaseLocationFrom(options: { readonly cliValue?: string; readonly env: Readonly<Record<string, string | undefined>> }): PostgresLocation | null {
  if (options.cliValue !== undefined) return parseDatabaseUrl(options.cliValue, '--database-url');
  const fromEnv = options.env[DATABASE_URL_ENV];
  if (fromEnv === undefined || fromEnv.trim() === '') return null;
  return parseDatabaseUrl(fromEnv, DATABASE_URL_ENV);
}

/** `pg` settings for a location (parsed again: a location crosses threads as plain data). */
export function connectionConfig(location: PostgresLocation): PostgresConnectionConfig {
  const url = new URL(parseDatabaseUrl(location.url, 'The database URL').url);
  const sslmode = url.searchParams.get('sslmode');
  const timeout = url.searchParams.get('connect_timeout');
  return {
    // URL keeps IPv6 hosts bracketed; pg wants them bare.
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? DEFAULT_PORT : Number(url.port),
    user: url.username === '' ? undefined : decodeURIComponent(url.username),
    password: url.password === '' ? undefined : decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.replace(/^\//, '')),
    ssl: sslOptionFor(sslmode !== null && isSslMode(sslmode) ? sslmode : 'prefer'),
    application_name: url.searchParams.get('application_name') ?? 'fleet-vin-lookup',
    connectionTimeoutMillis: (timeout === null ? DEFAULT_CONNECT_TIMEOUT_S : Number(timeout)) * 1000,
  };
}

/** `host:port` of a location, for messages. */
export function serverOf(location: PostgresLocation): string {
  const config = connectionConfig(location);
  return `${config.host}:${config.port}`;
}

/** The location with its password removed (what a store keeps and shows). */
export function withoutPassword(location: PostgresLocation): PostgresLocation {
  try {
    const url = new URL(location.url);
    if (url.password === '') return location;
    url.password = '';
    return { kind: 'postgres', url: url.toString() };
  } catch {
    return { kind: 'postgres', url: describeLocation(location) };
  }
}
