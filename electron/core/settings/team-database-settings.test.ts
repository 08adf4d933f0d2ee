import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TeamDatabaseForm } from '../../../shared/settings/team-database-contract';
import type { SecretStore } from '../import/key-store';
import { AppFailure } from '../ipc/app-failure';
import {
  createTeamDatabaseSettings,
  savedStorageLocation,
  TEAM_DATABASE_FILE,
  TEAM_DATABASE_PASSWORD_FILE,
} from './team-database-settings';

const PASSWORD = 's3cret/pa:ss@word';
const form: TeamDatabaseForm = { host: 'db.example.com', port: 5433, database: 'fleet', user: 'ops', sslmode: 'verify-full', password: PASSWORD };

/** Seals by XOR so the sealed bytes never contain the clear text, and counts its calls. */
function fakeSecretStore(available = true): SecretStore & { sealed: number } {
  const flip = (data: Buffer): Buffer => Buffer.from(data.map((b) => b ^ 0x5a));
  return {
    sealed: 0,
    isAvailable: () => available,
    encrypt(text) {
      this.sealed++;
      return flip(Buffer.from(text, 'utf8'));
    },
    decrypt: (data) => flip(data).toString('utf8'),
  };
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-team-settings-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function filesText(): string {
  return fs
    .readdirSync(dir)
    .map((name) => fs.readFileSync(path.join(dir, name)).toString('latin1'))
    .join('\n');
}

describe('team database settings', () => {
  it('start as "this computer" with nothing saved', () => {
    const store = createTeamDatabaseSettings({ dataDir: dir, secretStore: fakeSecretStore() });
    expect(store.read()).toEqual({ mode: 'local', server: null, passwordSaved: false, secretStorageAvailable: true, overriddenBy: null });
    expect(savedStorageLocation(dir, fakeSecretStore())).toBeNull();
  });

  it('round-trip: the JSON file holds the server without the password, the password is sealed, the location carries it', async () => {
    const secrets = fakeSecretStore();
    const store = createTeamDatabaseSettings({ dataDir: dir, secretStore: secrets });
    const saved = await store.save(form);

    expect(saved.restartRequired).toBe(true);
    expect(saved.message).toBe('Saved. Restart Fleet VIN Lookup to use the team database "fleet" at db.example.com:5433.');
    expect(saved.settings).toEqual({
      mode: 'team',
      server: { host: 'db.example.com', port: 5433, database: 'fleet', user: 'ops', sslmode: 'verify-full' },
      passwordSaved: true,
      secretStorageAvailable: true,
      overriddenBy: null,
    });
    expect(secrets.sealed).toBe(1);
    const json = JSON.parse(fs.readFileSync(path.join(dir, TEAM_DATABASE_FILE), 'utf8')) as unknown;
    expect(json).toEqual({ mode: 'team', server: saved.settings.server });
    // Neither file, nor any answer, holds the password in clear.
    expect(filesText()).not.toContain(PASSWORD);
    expect(JSON.stringify(saved)).not.toContain(PASSWORD);
    expect(JSON.stringify(store.read())).not.toContain(PASSWORD);
    expect(fs.statSync(path.join(dir, TEAM_DATABASE_PASSWORD_FILE)).mode & 0o077).toBe(0);

    // A fresh store (the next start) reads the same back.
    expect(createTeamDatabaseSettings({ dataDir: dir, secretStore: fakeSecretStore() }).read()).toEqual(saved.settings);
    const location = savedStorageLocation(dir, fakeSecretStore());
    expect(location).toEqual({
      kind: 'postgres',
      url: `postgres://ops:${encodeURIComponent(PASSWORD)}@db.example.com:5433/fleet?sslmode=verify-full`,
    });
    const url = new URL((location as { url: string }).url);
    expect(decodeURIComponent(url.password)).toBe(PASSWORD);
  });

  it('saving the same choice again needs no restart; leaving the password out keeps the saved one for the same server and user', async () => {
    const store = createTeamDatabaseSettings({ dataDir: dir, secretStore: fakeSecretStore() });
    await store.save(form);
    const { password: _omitted, ...withoutPassword } = form;
    const again = await store.save(withoutPassword);
    expect(again.restartRequired).toBe(false);
    expect(again.settings.passwordSaved).toBe(true);
    expect(store.savedPasswordFor(again.settings.server!)).toBe(PASSWORD);
  });

  it('never sends a saved password to another host or user: it is forgotten when the form moves', async () => {
    const store = createTeamDatabaseSettings({ dataDir: dir, secretStore: fakeSecretStore() });
    await store.save(form);
    const { password: _omitted, ...server } = form;
    expect(store.savedPasswordFor({ ...server, host: 'evil.example.com' })).toBeNull();
    expect(store.savedPasswordFor({ ...server, user: 'someone' })).toBeNull();
    expect(store.savedPasswordFor({ ...server, port: 5432 })).toBeNull();
    // Host names are case-insensitive; the TLS mode and database do not change whose password it is.
    expect(store.savedPasswordFor({ ...server, host: 'DB.example.com', database: 'other', sslmode: 'require' })).toBe(PASSWORD);

    const moved = await store.save({ ...server, host: 'other.example.com' });
    expect(moved.restartRequired).toBe(true);
    expect(moved.settings.passwordSaved).toBe(false);
    expect(fs.existsSync(path.join(dir, TEAM_DATABASE_PASSWORD_FILE))).toBe(false);
    expect(savedStorageLocation(dir, fakeSecretStore())).toEqual({ kind: 'postgres', url: 'postgres://ops@other.example.com:5433/fleet?sslmode=verify-full' });
  });

  it('"Use this computer only" keeps the server fields for later and forgets the password', async () => {
    const store = createTeamDatabaseSettings({ dataDir: dir, secretStore: fakeSecretStore() });
    await store.save(form);
    const local = await store.useLocal();
    expect(local.restartRequired).toBe(true);
    expect(local.message).toBe('Saved. Restart Fleet VIN Lookup to use the database on this computer.');
    expect(local.settings.mode).toBe('local');
    expect(local.settings.server?.host).toBe('db.example.com');
    expect(local.settings.passwordSaved).toBe(false);
    expect(fs.existsSync(path.join(dir, TEAM_DATABASE_PASSWORD_FILE))).toBe(false);
    expect(savedStorageLocation(dir, fakeSecretStore())).toBeNull();
    expect((await store.useLocal()).restartRequired).toBe(false);
  });

  it('refuses to save a password without a secret store, and writes nothing', async () => {
    for (const store of [createTeamDatabaseSettings({ dataDir: dir }), createTeamDatabaseSettings({ dataDir: dir, secretStore: fakeSecretStore(false) })]) {
      expect(store.read().secretStorageAvailable).toBe(false);
      const refused = await store.save(form).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(AppFailure);
      expect(refused).toMatchObject({ code: 'STORAGE_ERROR' });
      expect((refused as Error).message).toMatch(/no secure storage for passwords/);
      expect((refused as Error).message).not.toContain(PASSWORD);
      expect(fs.readdirSync(dir)).toEqual([]);
    }
    // A server that needs no password can still be saved there.
    const { password: _omitted, ...server } = form;
    const saved = await createTeamDatabaseSettings({ dataDir: dir }).save(server);
    expect(saved.settings).toMatchObject({ mode: 'team', passwordSaved: false, secretStorageAvailable: false });
  });

  it('a password sealed by another keychain, or a damaged settings file, counts as not saved', async () => {
    await createTeamDatabaseSettings({ dataDir: dir, secretStore: fakeSecretStore() }).save(form);
    const otherKeychain: SecretStore = {
      isAvailable: () => true,
      encrypt: () => Buffer.alloc(0),
      decrypt: () => {
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      },
    };
    const store = createTeamDatabaseSettings({ dataDir: dir, secretStore: otherKeychain });
    expect(store.read()).toMatchObject({ mode: 'team', passwordSaved: false });
    expect(savedStorageLocation(dir, otherKeychain)).toEqual({ kind: 'postgres', url: 'postgres://ops@db.example.com:5433/fleet?sslmode=verify-full' });

    fs.writeFileSync(path.join(dir, TEAM_DATABASE_FILE), '{"mode": "team", "server": {"host": "x"');
    expect(store.read()).toMatchObject({ mode: 'local', server: null });
    expect(savedStorageLocation(dir, fakeSecretStore())).toBeNull();
  });

  it('says when FLEET_DATABASE_URL or --database-url decides instead of Settings', async () => {
    const store = createTeamDatabaseSettings({ dataDir: dir, secretStore: fakeSecretStore(), overriddenBy: 'env' });
    expect(store.read().overriddenBy).toBe('env');
    const saved = await store.save(form);
    expect(saved.settings.overriddenBy).toBe('env');
    expect(saved.message).toBe(
      'Saved. Restart Fleet VIN Lookup to use the team database "fleet" at db.example.com:5433. For now the FLEET_DATABASE_URL environment variable decides the database; Settings apply once it is removed.',
    );
    const local = await createTeamDatabaseSettings({ dataDir: dir, overriddenBy: 'cli' }).useLocal();
    expect(local.message).toMatch(/For now the --database-url option decides the database; Settings apply once it is removed\.$/);
  });

  it('asks the keychain nothing at start-up when no password is saved', async () => {
    const { password: _omitted, ...server } = form;
    await createTeamDatabaseSettings({ dataDir: dir }).save(server);
    const untouchable: SecretStore = {
      isAvailable: () => {
        throw new Error('the keychain was asked');
      },
      encrypt: () => Buffer.alloc(0),
      decrypt: () => '',
    };
    expect(savedStorageLocation(dir, untouchable)).toEqual({ kind: 'postgres', url: 'postgres://ops@db.example.com:5433/fleet?sslmode=verify-full' });
  });

  it('writes IPv6 hosts in brackets and percent-encodes user and database', async () => {
    const store = createTeamDatabaseSettings({ dataDir: dir });
    await store.save({ host: '::1', port: 5432, database: 'fleet db', user: 'ops@corp', sslmode: 'disable' });
    expect(savedStorageLocation(dir)).toEqual({ kind: 'postgres', url: 'postgres://ops%40corp@[::1]:5432/fleet%20db?sslmode=disable' });
  });
});
