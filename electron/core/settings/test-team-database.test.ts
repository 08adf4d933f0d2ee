import net from 'node:net';
import { testPostgresUrl } from '../../../testing/postgres-test-database';
import { afterEach, describe, expect, it } from 'vitest';
import type { TeamDatabaseServer } from '../../../shared/settings/team-database-contract';
import { describeConnectionFailure, TEST_CONNECTION_TIMEOUT_MS, testTeamDatabase } from './test-team-database';

const PASSWORD = 'correct horse battery staple';
const server = (port: number, overrides: Partial<TeamDatabaseServer> = {}): TeamDatabaseServer => ({
  host: '127.0.0.1',
  port,
  database: 'fleet',
  user: 'ops',
  sslmode: 'disable',
  ...overrides,
});

const opened: net.Server[] = [];
const sockets: net.Socket[] = [];
afterEach(async () => {
  // A fake server that never answers keeps its sockets open: close() waits for them.
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(opened.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

/** A TCP server on a free loopback port; `onConnection` plays the PostgreSQL side. */
async function listen(onConnection: (socket: net.Socket) => void): Promise<number> {
  const tcp = net.createServer((socket) => {
    sockets.push(socket);
    onConnection(socket);
  });
  opened.push(tcp);
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
  return (tcp.address() as net.AddressInfo).port;
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const tcp = net.createServer();
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
  const port = (tcp.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => tcp.close(() => resolve()));
  return port;
}

/** PostgreSQL's ErrorResponse message (severity, SQLSTATE, text). */
function errorResponse(code: string, message: string): Buffer {
  const fields = Buffer.from(`SFATAL\0C${code}\0M${message}\0\0`, 'utf8');
  const header = Buffer.alloc(5);
  header.write('E', 0);
  header.writeInt32BE(fields.length + 4, 1);
  return Buffer.concat([header, fields]);
}

/** PostgreSQL's SSLRequest: length 8, code 80877103. */
function isSslRequest(data: Buffer): boolean {
  return data.length === 8 && data.readInt32BE(4) === 80877103;
}

describe('testTeamDatabase', () => {
  it('says at once, in one sentence naming host:port and database, that nothing listens on a closed port', async () => {
    const port = await closedPort();
    const started = performance.now();
    const answer = await testTeamDatabase(server(port), PASSWORD);
    expect(performance.now() - started).toBeLessThan(TEST_CONNECTION_TIMEOUT_MS);
    expect(answer).toEqual({
      connected: false,
      failure: 'refused',
      message: `Cannot reach "fleet" at 127.0.0.1:${port}: nothing accepts connections on that port (is PostgreSQL running there, and is the port right?).`,
    });
  });

  it('gives up after the timeout when the server accepts the connection but never answers', async () => {
    const port = await listen(() => undefined);
    const answer = await testTeamDatabase(server(port), PASSWORD, { timeoutMs: 300 });
    expect(answer).toMatchObject({ connected: false, failure: 'timeout' });
    expect(answer.message).toBe(`Cannot reach "fleet" at 127.0.0.1:${port}: no answer within 0.3 seconds (check the address, the network or VPN, and the firewall).`);
  });

  it('"require" fails clearly on a server without TLS; "prefer" falls back to plain and reports the server\'s refusal', async () => {
    const startups: string[] = [];
    const port = await listen((socket) => {
      let answered = false;
      socket.on('data', (data) => {
        if (isSslRequest(data)) {
          startups.push('ssl');
          socket.write('N');
          return;
        }
        // The startup message; what follows (the client's Terminate) needs no answer.
        if (answered) return;
        answered = true;
        startups.push('plain');
        socket.end(errorResponse('28P01', `password authentication failed for user "ops" (${PASSWORD})`));
      });
    });
    const required = await testTeamDatabase(server(port, { sslmode: 'require' }), PASSWORD);
    expect(required).toEqual({
      connected: false,
      failure: 'tls',
      message: `"fleet" at 127.0.0.1:${port} does not offer TLS, which TLS mode "require" requires (choose "prefer" only on a trusted network).`,
    });
    expect(startups).toEqual(['ssl']);

    const preferred = await testTeamDatabase(server(port, { sslmode: 'prefer' }), PASSWORD);
    expect(startups).toEqual(['ssl', 'ssl', 'plain']);
    expect(preferred).toEqual({
      connected: false,
      failure: 'authentication',
      message: `The server refused user "ops" for "fleet" at 127.0.0.1:${port}: the password is wrong.`,
    });
  });

  it('asks for the password when the server wants one and the form has none (never ~/.pgpass)', async () => {
    const port = await listen((socket) => {
      socket.once('data', () => {
        // AuthenticationCleartextPassword.
        const request = Buffer.alloc(9);
        request.write('R', 0);
        request.writeInt32BE(8, 1);
        request.writeInt32BE(3, 5);
        socket.write(request);
      });
    });
    const answer = await testTeamDatabase(server(port), null);
    expect(answer).toEqual({
      connected: false,
      failure: 'password-required',
      message: `The server asks for a password for user "ops" on "fleet" at 127.0.0.1:${port}: enter it.`,
    });
  });
});

describe('describeConnectionFailure', () => {
  const at = server(5432, { host: 'db.example.com', sslmode: 'verify-full' });
  const coded = (code: string, message = 'x'): Error => Object.assign(new Error(message), { code });

  it.each([
    [coded('ENOTFOUND'), 'host-not-found', 'Cannot reach "fleet" at db.example.com:5432: the host name "db.example.com" is not known (check its spelling and the network or VPN).'],
    [coded('3D000', 'database "fleet" does not exist'), 'no-such-database', 'The server at db.example.com:5432 has no database named "fleet".'],
    [coded('28000', 'no pg_hba.conf entry for host "10.0.0.7", user "ops", database "fleet", SSL off'), 'tls', 'The server refuses "fleet" at db.example.com:5432 without TLS: choose TLS mode "require" or stricter.'],
    [coded('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'), 'tls', '"fleet" at db.example.com:5432 presented a TLS certificate that TLS mode "verify-full" does not accept: it is self-signed.'],
    [coded('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames"), 'tls', '"fleet" at db.example.com:5432 presented a TLS certificate that TLS mode "verify-full" does not accept: it is made out to another host name.'],
    [coded('EPROTO', 'wrong version number'), 'tls', 'The TLS handshake with "fleet" at db.example.com:5432 failed (wrong version number).'],
    [coded('ETIMEDOUT'), 'timeout', 'Cannot reach "fleet" at db.example.com:5432: no answer within 5 seconds (check the address, the network or VPN, and the firewall).'],
    [coded('EHOSTUNREACH'), 'unreachable', 'Cannot reach "fleet" at db.example.com:5432: the network gives no way to it (EHOSTUNREACH; check the network or VPN).'],
    [coded('ECONNRESET'), 'unreachable', 'The connection to "fleet" at db.example.com:5432 was cut before the server answered (is it PostgreSQL on that port, or is a firewall or proxy in between?).'],
    [coded('53300', 'sorry, too many clients already'), 'server-error', 'The server at db.example.com:5432 refused the connection to "fleet": sorry, too many clients already (53300).'],
  ] as const)('%s → %s', (error, failure, message) => {
    expect(describeConnectionFailure(error, at, PASSWORD)).toEqual({ failure, message });
  });

  it('scrubs the password from any text it passes on, and names IPv6 hosts in brackets', () => {
    const described = describeConnectionFailure(new Error(`unexpected reply mentioning ${PASSWORD}`), server(5432, { host: 'fd00::7' }), PASSWORD);
    expect(described.message).toBe('Cannot connect to "fleet" at [fd00::7]:5432: unexpected reply mentioning [password].');
    expect(described.message).not.toContain(PASSWORD);
  });
});

// The run's throwaway server (testing/postgres-global-setup.ts); without PostgreSQL the reason is printed.
const serverUrl = testPostgresUrl();
const realUrl = serverUrl === null ? null : `${serverUrl}/postgres`;

describe.skipIf(realUrl === null)('testTeamDatabase against the test server', () => {
  const parsed = new URL(realUrl ?? 'postgres://localhost');
  const real: TeamDatabaseServer = {
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: parsed.port ? Number(parsed.port) : 5432,
    database: decodeURIComponent(parsed.pathname.slice(1)) || 'postgres',
    user: decodeURIComponent(parsed.username) || 'postgres',
    sslmode: (parsed.searchParams.get('sslmode') as TeamDatabaseServer['sslmode'] | null) ?? 'prefer',
  };
  const password = parsed.password ? decodeURIComponent(parsed.password) : null;

  it('connects, reports the server version, and names a missing database', async () => {
    const answer = await testTeamDatabase(real, password);
    expect(answer).toMatchObject({ connected: true, serverVersion: expect.stringMatching(/^PostgreSQL \d+/) as unknown });
    expect(answer.message).toMatch(/^Connected to ".+" at .+: PostgreSQL \d+/);

    const missing = await testTeamDatabase({ ...real, database: 'fleet_no_such_database' }, password);
    expect(missing).toMatchObject({ connected: false, failure: 'no-such-database' });
  });
});
