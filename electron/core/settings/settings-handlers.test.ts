import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TeamDatabaseServer, TeamDatabaseTest } from '../../../shared/settings/team-database-contract';
import type { SecretStore } from '../import/key-store';
import { createDispatch, type Dispatch, type Handlers } from '../ipc/dispatch';
import { REDACTED_PATHS } from '../logging/logger';
import { createSettingsHandlers } from './settings-handlers';
import { createTeamDatabaseSettings } from './team-database-settings';

const PASSWORD = 'Tr0ub4dor&3';
const form = { host: 'db.example.com', port: 5432, database: 'fleet', user: 'ops', sslmode: 'require', password: PASSWORD } as const;
const secretStore: SecretStore = {
  isAvailable: () => true,
  encrypt: (text) => Buffer.from(Buffer.from(text, 'utf8').map((b) => b ^ 0x33)),
  decrypt: (data) => Buffer.from(data.map((b) => b ^ 0x33)).toString('utf8'),
};

let dir: string;
let logLines: string[];
let tested: { server: TeamDatabaseServer; password: string | null }[];

function settingsDispatch(options: { readonly secretStore?: SecretStore } = { secretStore }): Dispatch {
  const logger = pino({ level: 'info', redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, { write: (line: string) => void logLines.push(line) });
  const handlers = createSettingsHandlers({
    teamDatabase: createTeamDatabaseSettings({ dataDir: dir, ...options }),
    logger,
    testConnection: async (server, password): Promise<TeamDatabaseTest> => {
      tested.push({ server, password });
      return password === PASSWORD
        ? { connected: true, serverVersion: 'PostgreSQL 15.4', message: 'Connected to "fleet" at db.example.com:5432: PostgreSQL 15.4.' }
        : { connected: false, failure: 'authentication', message: 'The server refused user "ops" for "fleet" at db.example.com:5432: the password is wrong.' };
    },
  });
  // Only the settings channels are exercised; the dispatcher looks handlers up by channel.
  return createDispatch(handlers as unknown as Handlers, logger);
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-settings-handlers-'));
  logLines = [];
  tested = [];
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('settings handlers', () => {
  it('test, save, read and switch back: the password is used but never answered, logged or written in clear', async () => {
    const dispatch = settingsDispatch();
    const answers = [
      await dispatch('settings:testTeamDatabase', form),
      await dispatch('settings:saveTeamDatabase', form),
      await dispatch('settings:teamDatabase', {}),
      await dispatch('settings:testTeamDatabase', { ...form, password: undefined }),
      await dispatch('settings:useLocalDatabase', {}),
    ];
    expect(answers.map((a) => a.ok)).toEqual([true, true, true, true, true]);
    expect(answers[0]).toMatchObject({ value: { connected: true, serverVersion: 'PostgreSQL 15.4' } });
    expect(answers[1]).toMatchObject({ value: { restartRequired: true, settings: { mode: 'team', passwordSaved: true } } });
    expect(answers[2]).toMatchObject({ value: { mode: 'team', passwordSaved: true, server: { host: 'db.example.com' } } });
    // Left out of the form, the saved password was used for the same server and user.
    expect(tested.map((t) => t.password)).toEqual([PASSWORD, PASSWORD]);
    expect(answers[4]).toMatchObject({ value: { restartRequired: true, settings: { mode: 'local', passwordSaved: false } } });

    expect(logLines.length).toBeGreaterThanOrEqual(4);
    expect(logLines.join('\n')).toContain('"fleet\\" at db.example.com:5432');
    for (const text of [JSON.stringify(answers), logLines.join('\n'), ...fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'latin1'))]) {
      expect(text).not.toContain(PASSWORD);
    }
  });

  it('never sends the saved password to a server it was not saved for', async () => {
    const dispatch = settingsDispatch();
    await dispatch('settings:saveTeamDatabase', form);
    const { password: _omitted, ...withoutPassword } = form;
    const answer = await dispatch('settings:testTeamDatabase', { ...withoutPassword, host: 'attacker.example.com' });
    expect(answer).toMatchObject({ ok: true, value: { connected: false, failure: 'authentication' } });
    expect(tested).toEqual([{ server: { ...withoutPassword, host: 'attacker.example.com' }, password: null }]);
  });

  it.each([
    ['a TLS mode libpq does not have', { ...form, sslmode: 'allow' }, 'sslmode'],
    ['a URL in the host field', { ...form, host: 'postgres://db.example.com' }, 'host'],
    ['a host with a port', { ...form, host: 'db.example.com:5432' }, 'host'],
    ['a host with spaces', { ...form, host: 'db example' }, 'host'],
    ['a port out of range', { ...form, port: 70_000 }, 'port'],
    ['a port as text', { ...form, port: '5432' }, 'port'],
    ['an empty database', { ...form, database: '  ' }, 'database'],
    ['a user name longer than PostgreSQL keeps', { ...form, user: 'u'.repeat(64) }, 'user'],
    ['a NUL in the password', { ...form, password: `${PASSWORD}\u0000` }, 'password'],
    ['an empty password', { ...form, password: '' }, 'password'],
    ['an unknown field', { ...form, url: 'postgres://x' }, '(payload)'],
  ])('refuses %s with INVALID_INPUT, echoing no password', async (_name, payload, field) => {
    const dispatch = settingsDispatch();
    for (const channel of ['settings:testTeamDatabase', 'settings:saveTeamDatabase']) {
      const answer = await dispatch(channel, payload);
      expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(!answer.ok && answer.error.details?.map((d) => d.path)).toContain(field);
      expect(JSON.stringify(answer)).not.toContain(PASSWORD);
    }
    expect(tested).toEqual([]);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('accepts IPv4, IPv6 and host names with every TLS mode', async () => {
    const dispatch = settingsDispatch();
    for (const host of ['10.0.0.7', 'fd00::7', 'pg-1.corp.example', 'localhost'])
      for (const sslmode of ['disable', 'prefer', 'require', 'verify-ca', 'verify-full']) {
        expect(await dispatch('settings:testTeamDatabase', { ...form, host, sslmode })).toMatchObject({ ok: true });
      }
  });

  it('says clearly that a password cannot be saved without the OS secret store', async () => {
    const dispatch = settingsDispatch({});
    const answer = await dispatch('settings:saveTeamDatabase', form);
    expect(answer).toMatchObject({ ok: false, error: { code: 'STORAGE_ERROR' } });
    expect(!answer.ok && answer.error.message).toMatch(/^This system offers no secure storage for passwords/);
    expect(JSON.stringify(answer) + logLines.join('\n')).not.toContain(PASSWORD);
    expect(await dispatch('settings:teamDatabase', {})).toMatchObject({ ok: true, value: { mode: 'local', secretStorageAvailable: false } });
  });
});
