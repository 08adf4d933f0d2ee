import { describe, expect, it } from 'vitest';
import { resolveStorageLocation } from './resolve-storage-location';
import type { StorageLocation } from './storage-location';

const CLI = 'postgres://cli@cli.example.com:5432/fleet';
const ENV = 'postgresql://env:hunter2@env.example.com/fleet?sslmode=require';
const SAVED: StorageLocation = { kind: 'postgres', url: 'postgres://saved@saved.example.com:5432/fleet?sslmode=prefer' };
const SQLITE = '/data/fleet.sqlite';

describe('resolveStorageLocation', () => {
  it('takes the CLI flag over FLEET_DATABASE_URL over Settings over the local SQLite file', () => {
    expect(resolveStorageLocation({ cliUrl: CLI, envUrl: ENV, saved: SAVED, defaultSqlitePath: SQLITE })).toEqual({
      location: { kind: 'postgres', url: CLI },
      source: 'cli',
    });
    expect(resolveStorageLocation({ envUrl: ENV, saved: SAVED, defaultSqlitePath: SQLITE })).toEqual({
      location: { kind: 'postgres', url: ENV },
      source: 'env',
    });
    expect(resolveStorageLocation({ saved: SAVED, defaultSqlitePath: SQLITE })).toEqual({ location: SAVED, source: 'settings' });
    expect(resolveStorageLocation({ saved: null, defaultSqlitePath: SQLITE })).toEqual({
      location: { kind: 'sqlite', path: SQLITE },
      source: 'default',
    });
  });

  it('treats empty or blank values as unset', () => {
    expect(resolveStorageLocation({ cliUrl: '', envUrl: '  ', saved: SAVED, defaultSqlitePath: SQLITE }).source).toBe('settings');
    expect(resolveStorageLocation({ cliUrl: undefined, envUrl: '', saved: null, defaultSqlitePath: SQLITE }).source).toBe('default');
  });

  it('refuses a URL that is not PostgreSQL, naming its source and never echoing it', () => {
    const cases: [Parameters<typeof resolveStorageLocation>[0], RegExp][] = [
      [{ cliUrl: 'mysql://root:topsecret@db/fleet', saved: null, defaultSqlitePath: SQLITE }, /^The --database-url option must start with postgres:\/\/ or postgresql:\/\/ \(it starts with mysql:\/\/\)\.$/],
      [{ envUrl: 'topsecret', saved: null, defaultSqlitePath: SQLITE }, /^FLEET_DATABASE_URL is not a URL/],
      [{ envUrl: 'postgres:///fleet?password=topsecret', saved: SAVED, defaultSqlitePath: SQLITE }, /^FLEET_DATABASE_URL names no server host/],
    ];
    for (const [inputs, message] of cases) {
      let thrown: unknown;
      try {
        resolveStorageLocation(inputs);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(Error);
      expect((thrown as Error).message).toMatch(message);
      expect((thrown as Error).message).not.toContain('topsecret');
    }
  });
});
