import { describe, expect, it } from 'vitest';
import { StorageError } from '../storage-error';
import { parseDatabaseUrl } from '../database-url';
import { describePostgresError, postgresCodeOf } from './postgres-errors';

describe('describePostgresError', () => {
  it.each([
    ['57P01', /shut the connection down/],
    ['28P01', /refused user "fleet": check the user name and password/],
    ['ENOTFOUND', /host "db\.example" could not be found/],
  ])('maps %s to one sentence without the password', (code, expected) => {
    const where = parseDatabaseUrl('postgres://fleet:hunter2@db.example:5432/fleet');
    const described = describePostgresError(Object.assign(new Error('password hunter2 rejected'), { code }), where);
    expect(described).toMatchObject({ problem: 'unavailable' });
    expect(described.message).toMatch(expected);
    expect(described.message).not.toContain('hunter2');
  });

  it('finds the code inside Node’s AggregateError (localhost tried over IPv4 and IPv6)', () => {
    const refused = new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' })], 'connect failed');
    expect(describePostgresError(refused, parseDatabaseUrl('postgres://u@localhost/fleet')).message).toBe(
      'The PostgreSQL server at localhost:5432 refused the connection: check that it is running and accepts connections on that port.',
    );
  });

  it('passes a StorageError through and words an unknown failure without the password', () => {
    const where = parseDatabaseUrl('postgres://fleet:hunter2@db.example/fleet');
    const storage = new StorageError('busy', 'busy');
    expect(describePostgresError(storage, where)).toBe(storage);
    expect(describePostgresError(new Error('weird: hunter2'), where).message).toBe('The PostgreSQL database at db.example:5432 could not be used: weird: ***');
    expect(describePostgresError(new Error('Connection terminated unexpectedly'), where).message).toMatch(/^The connection to the PostgreSQL server at db\.example:5432 was closed/);
    expect(postgresCodeOf(new Error('wrapped', { cause: Object.assign(new Error('x'), { code: '3D000' }) }))).toBe('3D000');
  });
});
