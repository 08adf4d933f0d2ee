import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../shared/ipc/result';
import type { TeamDatabaseSaved, TeamDatabaseSettings, TeamDatabaseTest } from '../../../shared/settings/team-database-contract';
import { installFakeFleet } from '../app/fake-fleet.test-support';
import { parseForm, TeamDatabaseDialog } from './team-database-dialog';

const PASSWORD = 'pa55-w0rd';
const server = { host: 'db.example.com', port: 5433, database: 'fleet', user: 'ops', sslmode: 'verify-full' } as const;
const savedTeam: TeamDatabaseSettings = { mode: 'team', server, passwordSaved: true, secretStorageAvailable: true, overriddenBy: null };
const nothingSaved: TeamDatabaseSettings = { mode: 'local', server: null, passwordSaved: false, secretStorageAvailable: true, overriddenBy: null };

function answer<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** A promise the test resolves when it chooses: the dialog's busy state is visible meanwhile. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

afterEach(cleanup);

describe('TeamDatabaseDialog', () => {
  it('fills in the saved server but never the password, even when one is saved', async () => {
    installFakeFleet({ 'settings:teamDatabase': () => answer(savedTeam) });
    render(<TeamDatabaseDialog onClose={() => undefined} />);
    expect(await screen.findByText('Saved choice: the team database "fleet" at db.example.com:5433.')).toBeTruthy();
    expect((screen.getByLabelText('Host') as HTMLInputElement).value).toBe('db.example.com');
    expect((screen.getByLabelText('Port') as HTMLInputElement).value).toBe('5433');
    expect((screen.getByLabelText('Database') as HTMLInputElement).value).toBe('fleet');
    expect((screen.getByLabelText('User') as HTMLInputElement).value).toBe('ops');
    expect((screen.getByLabelText('TLS') as HTMLSelectElement).value).toBe('verify-full');
    const password = screen.getByLabelText('Password') as HTMLInputElement;
    expect(password.type).toBe('password');
    expect(password.value).toBe('');
    expect(password.autocomplete).toBe('new-password');
    expect(password.placeholder).toBe('Saved (leave empty to keep it)');
    // Focus starts in the first field.
    expect(document.activeElement).toBe(screen.getByLabelText('Host'));
  });

  it('tests the connection with the typed password, shows it is busy, then shows the answer inline', async () => {
    const pending = deferred<Result<TeamDatabaseTest>>();
    const fake = installFakeFleet({
      'settings:teamDatabase': () => answer(nothingSaved),
      'settings:testTeamDatabase': () => pending.promise,
    });
    const user = userEvent.setup();
    render(<TeamDatabaseDialog onClose={() => undefined} />);
    await screen.findByText('Saved choice: the database on this computer.');
    await user.type(screen.getByLabelText('Host'), 'db.example.com');
    await user.type(screen.getByLabelText('Database'), 'fleet');
    await user.type(screen.getByLabelText('User'), 'ops');
    await user.type(screen.getByLabelText('Password'), PASSWORD);
    await user.selectOptions(screen.getByLabelText('TLS'), 'verify-ca');
    await user.click(screen.getByRole('button', { name: 'Test connection' }));

    expect(screen.getByRole('button', { name: 'Testing…' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Save' })).toHaveProperty('disabled', true);
    expect(screen.getByText('Testing the connection…')).toBeTruthy();
    expect(fake.calls.find((c) => c.channel === 'settings:testTeamDatabase')?.request).toEqual({
      host: 'db.example.com',
      port: 5432,
      database: 'fleet',
      user: 'ops',
      sslmode: 'verify-ca',
      password: PASSWORD,
    });

    pending.resolve(answer({ connected: true, serverVersion: 'PostgreSQL 15.4', message: 'Connected to "fleet" at db.example.com:5432: PostgreSQL 15.4.' }));
    expect((await screen.findByRole('status')).textContent).toContain('Connected to "fleet" at db.example.com:5432: PostgreSQL 15.4.');
    expect(screen.getByRole('button', { name: 'Test connection' })).toHaveProperty('disabled', false);
  });

  it('shows a failed test as an alert, and leaves the password out when the field is empty (main uses the saved one)', async () => {
    const fake = installFakeFleet({
      'settings:teamDatabase': () => answer(savedTeam),
      'settings:testTeamDatabase': () =>
        answer({ connected: false, failure: 'refused', message: 'Cannot reach "fleet" at db.example.com:5433: nothing accepts connections on that port.' }),
    });
    const user = userEvent.setup();
    render(<TeamDatabaseDialog onClose={() => undefined} />);
    await screen.findByText(/Saved choice: the team database/);
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    expect((await screen.findByRole('alert')).textContent).toContain('nothing accepts connections on that port');
    expect(fake.calls.find((c) => c.channel === 'settings:testTeamDatabase')?.request).toEqual(server);
  });

  it('saves on Enter, says a restart switches over, and empties the password field', async () => {
    const saved: TeamDatabaseSaved = {
      settings: savedTeam,
      restartRequired: true,
      message: 'Saved. Restart Fleet VIN Lookup to use the team database "fleet" at db.example.com:5433.',
    };
    const fake = installFakeFleet({ 'settings:teamDatabase': () => answer(savedTeam), 'settings:saveTeamDatabase': () => answer(saved) });
    const user = userEvent.setup();
    render(<TeamDatabaseDialog onClose={() => undefined} />);
    await screen.findByText(/Saved choice/);
    await user.type(screen.getByLabelText('Password'), `${PASSWORD}{Enter}`);
    expect((await screen.findByRole('status')).textContent).toContain('Restart Fleet VIN Lookup');
    expect(fake.calls.find((c) => c.channel === 'settings:saveTeamDatabase')?.request).toEqual({ ...server, password: PASSWORD });
    expect((screen.getByLabelText('Password') as HTMLInputElement).value).toBe('');
    expect(document.body.textContent).not.toContain(PASSWORD);
  });

  it('shows a refused save (no secret store) with its code', async () => {
    installFakeFleet({
      'settings:teamDatabase': () => answer({ ...nothingSaved, secretStorageAvailable: false }),
      'settings:saveTeamDatabase': () => ({ ok: false, error: { code: 'STORAGE_ERROR', message: 'This system offers no secure storage for passwords, so the team database was not saved.' } }),
    });
    const user = userEvent.setup();
    render(<TeamDatabaseDialog onClose={() => undefined} />);
    expect((await screen.findByRole('alert')).textContent).toContain('only a server that needs no password can be saved here');
    await user.type(screen.getByLabelText('Host'), 'db.example.com');
    await user.type(screen.getByLabelText('Database'), 'fleet');
    await user.type(screen.getByLabelText('User'), 'ops');
    await user.type(screen.getByLabelText('Password'), PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const alerts = await screen.findAllByRole('alert');
    expect(alerts.map((a) => a.textContent).join(' ')).toContain('STORAGE_ERROR');
  });

  it('checks the form with the contract before sending, names each problem and focuses the first', async () => {
    const fake = installFakeFleet({ 'settings:teamDatabase': () => answer(nothingSaved) });
    const user = userEvent.setup();
    render(<TeamDatabaseDialog onClose={() => undefined} />);
    await screen.findByText(/Saved choice/);
    await user.type(screen.getByLabelText('Host'), 'postgres://db.example.com');
    await user.clear(screen.getByLabelText('Port'));
    await user.type(screen.getByLabelText('Port'), '99999');
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(screen.getByText('Enter a host name or IP address only (no “postgres://”, port or path).')).toBeTruthy();
    expect(screen.getByText('Enter a port number from 1 to 65535.')).toBeTruthy();
    expect(screen.getByText('Enter the database name.')).toBeTruthy();
    expect(screen.getByLabelText('Host').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(screen.getByLabelText('Host'));
    expect(fake.calls.map((c) => c.channel)).toEqual(['settings:teamDatabase']);
  });

  it('"Use this computer only" switches back and says a restart is needed', async () => {
    const fake = installFakeFleet({
      'settings:teamDatabase': () => answer(savedTeam),
      'settings:useLocalDatabase': () =>
        answer({ settings: { ...savedTeam, mode: 'local', passwordSaved: false }, restartRequired: true, message: 'Saved. Restart Fleet VIN Lookup to use the database on this computer.' }),
    });
    const user = userEvent.setup();
    render(<TeamDatabaseDialog onClose={() => undefined} />);
    await screen.findByText(/Saved choice: the team database/);
    await user.click(screen.getByRole('button', { name: 'Use this computer only' }));
    expect((await screen.findByRole('status')).textContent).toContain('Restart Fleet VIN Lookup to use the database on this computer.');
    expect(screen.getByText('Saved choice: the database on this computer.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Use this computer only' })).toHaveProperty('disabled', true);
    expect(fake.calls.map((c) => c.channel)).toEqual(['settings:teamDatabase', 'settings:useLocalDatabase']);
  });

  it('warns when an administrator\'s setting decides the database instead of Settings', async () => {
    installFakeFleet({ 'settings:teamDatabase': () => answer({ ...savedTeam, overriddenBy: 'env' }) });
    render(<TeamDatabaseDialog onClose={() => undefined} />);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The FLEET_DATABASE_URL environment variable decides which database this app uses; what is saved here applies once it is removed.',
    );
  });

  it('closes on Escape', async () => {
    installFakeFleet({ 'settings:teamDatabase': () => answer(nothingSaved) });
    const onClose = vi.fn();
    const user = userEvent.setup();
    render(<TeamDatabaseDialog onClose={onClose} />);
    await screen.findByText(/Saved choice/);
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});

describe('parseForm', () => {
  it('turns the fields into the contract\'s form, without an empty password', () => {
    expect(parseForm({ host: ' db.example.com ', port: '5432', database: 'fleet', user: 'ops', password: '', sslmode: 'prefer' })).toEqual({
      form: { host: 'db.example.com', port: 5432, database: 'fleet', user: 'ops', sslmode: 'prefer' },
      errors: null,
    });
    expect(parseForm({ host: 'h', port: '', database: 'd', user: 'u', password: 'p', sslmode: 'prefer' }).errors).toEqual({ port: 'Enter a port number from 1 to 65535.' });
  });
});
