import { describe, expect, it } from 'vitest';
import { connectionConfig, databaseLocationFrom, DatabaseUrlError, parseDatabaseUrl, sslOptionFor, withoutPassword } from './database-url';
import { describeLocation } from './storage-location';

const SECRET = 's3cr3t-pass';

function messageOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(DatabaseUrlError);
    return (error as Error).message;
  }
  throw new Error('expected a DatabaseUrlError');
}

describe('parseDatabaseUrl', () => {
  it('accepts postgres:// and postgresql:// URLs as a postgres location', () => {
    expect(parseDatabaseUrl('postgres://fleet@db.example:5433/fleet')).toEqual({ kind: 'postgres', url: 'postgres://fleet@db.example:5433/fleet' });
    expect(parseDatabaseUrl('  postgresql://fleet@db.example/fleet?sslmode=require ').kind).toBe('postgres');
  });

  it('refuses other schemes, naming the setting', () => {
    expect(messageOf(() => parseDatabaseUrl(`mysql://u:${SECRET}@h/db`, '--database-url'))).toMatch(/^--database-url must start with postgres:\/\/ or postgresql:\/\//);
  });

  it.each([
    ['not a URL', 'not a url at all', /is not a URL/],
    ['an empty value', '   ', /is empty/],
    ['no database', `postgres://u:${SECRET}@host:5432`, /must name one database/],
    ['a bad port', `postgres://u:${SECRET}@host:99999/db`, /is not a URL|invalid port/],
    ['an unknown parameter', `postgres://u:${SECRET}@host/db?password=${SECRET}`, /unknown parameter "password"/],
    ['a bad sslmode', `postgres://u:${SECRET}@host/db?sslmode=always`, /sslmode=always; use one of disable, prefer, require, verify-ca, verify-full/],
    ['a bad connect_timeout', `postgres://u:${SECRET}@host/db?connect_timeout=soon`, /connect_timeout=soon/],
  ])('refuses %s with a clear message that never holds the password', (_what, url, expected) => {
    const message = messageOf(() => parseDatabaseUrl(url, 'FLEET_DATABASE_URL'));
    expect(message).toMatch(expected);
    expect(message).toMatch(/^FLEET_DATABASE_URL /);
    expect(message).not.toContain(SECRET);
  });
});

describe('databaseLocationFrom', () => {
  it('is null (SQLite, the default) when neither the CLI nor the environment names a server', () => {
    expect(databaseLocationFrom({ env: {} })).toBeNull();
    expect(databaseLocationFrom({ env: { FLEET_DATABASE_URL: '  ' } })).toBeNull();
  });

  it('takes the environment, and the CLI value over it', () => {
    const env = { FLEET_DATABASE_URL: 'postgres://a@env-host/fleet' };
    expect(databaseLocationFrom({ env })?.url).toBe('postgres://a@env-host/fleet');
    expect(databaseLocationFrom({ env, cliValue: 'postgres://a@cli-host/fleet' })?.url).toBe('postgres://a@cli-host/fleet');
    expect(() => databaseLocationFrom({ env, cliValue: 'https://x.example/y' })).toThrow(/^--database-url must start/);
  });
});

describe('connectionConfig', () => {
  it('splits the URL into pg settings, decoding escaped user and password', () => {
    const config = connectionConfig(parseDatabaseUrl('postgres://fleet%40ops:p%2Fw@db.example:6543/fleet%20db?application_name=desk7&connect_timeout=3'));
    expect(config).toMatchObject({
      host: 'db.example',
      port: 6543,
      user: 'fleet@ops',
      password: 'p/w',
      database: 'fleet db',
      ssl: false,
      application_name: 'desk7',
      connectionTimeoutMillis: 3000,
    });
  });

  it('defaults the port to 5432 and unbrackets IPv6 hosts', () => {
    expect(connectionConfig(parseDatabaseUrl('postgres://u@[::1]/db'))).toMatchObject({ host: '::1', port: 5432, user: 'u', password: undefined });
  });

  it('maps every sslmode to pg’s ssl option', () => {
    expect(sslOptionFor('disable')).toBe(false);
    expect(sslOptionFor('prefer')).toBe(false);
    expect(sslOptionFor('require')).toEqual({ rejectUnauthorized: false });
    const verifyCa = sslOptionFor('verify-ca');
    expect(verifyCa).toMatchObject({ rejectUnauthorized: true });
    expect(verifyCa && verifyCa.checkServerIdentity?.('other.host', {} as never)).toBeUndefined();
    expect(sslOptionFor('verify-full')).toEqual({ rejectUnauthorized: true });
    expect(connectionConfig(parseDatabaseUrl('postgres://u@h/db?sslmode=verify-full')).ssl).toEqual({ rejectUnauthorized: true });
  });
});

describe('password never shown', () => {
  it('describeLocation and withoutPassword drop the password', () => {
    const location = parseDatabaseUrl(`postgres://fleet:${SECRET}@db.example:5432/fleet?sslmode=require`);
    expect(describeLocation(location)).toBe('postgres://fleet@db.example:5432/fleet');
    expect(withoutPassword(location).url).not.toContain(SECRET);
    expect(withoutPassword(location).url).toContain('sslmode=require');
  });
});
