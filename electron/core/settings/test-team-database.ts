/**
 * "Test connection" for Settings › Team database: connect, `SELECT version()`, disconnect.
 *
 * Every failure becomes one sentence naming the server (`"fleet" at db.example.com:5432`) and
 * what to check, never the password: the answer reaches the page and the log.
 */
import type Pg from 'pg';
import type { TeamDatabaseFailure, TeamDatabaseServer, TeamDatabaseTest } from '../../../shared/settings/team-database-contract';
import { describeServer, hostWithPort, testClientConfig } from './postgres-connection';

/** How long a test may take: long enough for a distant server, short enough to wait for. */
export const TEST_CONNECTION_TIMEOUT_MS = 5_000;

/** Raised (inside `pg`) when the server asks for a password and none was given. */
const NO_PASSWORD = 'FLEET_NO_PASSWORD';

// TLS certificate problems Node reports by code (chain, name, dates), in words.
const CERTIFICATE_PROBLEMS: Readonly<Record<string, string>> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'it is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its chain ends in a self-signed certificate this computer does not trust',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its issuer is not trusted on this computer',
  UNABLE_TO_GET_ISSUER_CERT: 'its issuer is not trusted on this computer',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its issuer is not trusted on this computer',
  CERT_UNTRUSTED: 'its issuer is not trusted on this computer',
  CERT_HAS_EXPIRED: 'it has expired',
  CERT_NOT_YET_VALID: 'it is not valid yet',
  ERR_TLS_CERT_ALTNAME_INVALID: 'it is made out to another host name',
};

/**
 * `pg` is loaded on first use: a connection test is rare, and every other run of the app and the
 * CLI on this computer's database never needs it. It is CommonJS: Node's `import()` gives its
 * `module.exports` as `default`.
 */
async function loadPg(): Promise<typeof Pg> {
  const loaded = (await import('pg')) as typeof Pg & { readonly default?: typeof Pg };
  return loaded.default ?? loaded;
}

export interface TestTeamDatabaseOptions {
  readonly timeoutMs?: number;
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The text with every occurrence of the password replaced (server messages may quote input). */
function withoutSecret(text: string, password: string | null): string {
  return password ? text.split(password).join('[password]') : text;
}

/** One sentence for a failed connection, with the failure's kind. Never contains the password. */
export function describeConnectionFailure(
  error: unknown,
  server: TeamDatabaseServer,
  password: string | null,
  timeoutMs: number = TEST_CONNECTION_TIMEOUT_MS,
): { readonly failure: TeamDatabaseFailure; readonly message: string } {
  const where = describeServer(server);
  const code = codeOf(error);
  const text = withoutSecret(messageOf(error).replace(/\.$/, ''), password);
  const failed = (failure: TeamDatabaseFailure, message: string): { failure: TeamDatabaseFailure; message: string } => ({ failure, message });
  const noAnswer = `Cannot reach ${where}: no answer within ${timeoutMs / 1000} seconds (check the address, the network or VPN, and the firewall).`;
  switch (code) {
    case 'ECONNREFUSED':
      return failed('refused', `Cannot reach ${where}: nothing accepts connections on that port (is PostgreSQL running there, and is the port right?).`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return failed('host-not-found', `Cannot reach ${where}: the host name "${server.host}" is not known (check its spelling and the network or VPN).`);
    case 'ETIMEDOUT':
      return failed('timeout', noAnswer);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return failed('unreachable', `Cannot reach ${where}: the network gives no way to it (${code}; check the network or VPN).`);
    case 'ECONNRESET':
      return failed('unreachable', `The connection to ${where} was cut before the server answered (is it PostgreSQL on that port, or is a firewall or proxy in between?).`);
    case '28P01':
      return failed('authentication', `The server refused user "${server.user}" for ${where}: the password is wrong.`);
    case NO_PASSWORD:
      return failed('password-required', `The server asks for a password for user "${server.user}" on ${where}: enter it.`);
    case '3D000':
      return failed('no-such-database', `The server at ${hostWithPort(server)} has no database named "${server.database}".`);
    case '28000':
      // pg_hba.conf refuses this client; with "SSL off" in the message the server wants TLS.
      if (/SSL off|no encryption/i.test(text)) {
        return failed('tls', `The server refuses ${where} without TLS: choose TLS mode "require" or stricter.`);
      }
      return failed('authentication', `The server does not let user "${server.user}" connect to ${where} from this computer (${text}).`);
  }
  if (/connection timeout|timeout expired|Query read timeout/i.test(text)) return failed('timeout', noAnswer);
  if (/does not support SSL/i.test(text)) {
    return failed('tls', `${capitalize(where)} does not offer TLS, which TLS mode "${server.sslmode}" requires (choose "prefer" only on a trusted network).`);
  }
  if (Object.hasOwn(CERTIFICATE_PROBLEMS, code)) {
    return failed('tls', `${capitalize(where)} presented a TLS certificate that TLS mode "${server.sslmode}" does not accept: ${CERTIFICATE_PROBLEMS[code]}.`);
  }
  if (code.startsWith('ERR_SSL') || code === 'EPROTO' || /certificate|SSL routines|TLS/i.test(text)) {
    return failed('tls', `The TLS handshake with ${where} failed (${text}).`);
  }
  if (/^[0-9A-Z]{5}$/.test(code)) {
    return failed('server-error', `The server at ${hostWithPort(server)} refused the connection to "${server.database}": ${text} (${code}).`);
  }
  return failed('unreachable', `Cannot connect to ${where}: ${text}.`);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

async function connectOnce(
  server: TeamDatabaseServer,
  password: string | null,
  timeoutMs: number,
  attempt: 'tls' | 'plain',
): Promise<string> {
  const pg = await loadPg();
  const config = testClientConfig(server, password, { timeoutMs, attempt });
  // Without a password, `pg` would look in ~/.pgpass; the form is the only source here.
  const client = new pg.Client(
    password === null
      ? {
          ...config,
          password: () => {
            throw Object.assign(new Error('The server asks for a password.'), { code: NO_PASSWORD });
          },
        }
      : config,
  );
  // An error after connect (the server going away mid-test) must not crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    const answer = await client.query<{ version: string }>('SELECT version() AS version');
    return answer.rows[0]?.version ?? 'unknown version';
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Connect to the server (at most `timeoutMs`, 5 s by default), ask its version, disconnect. */
export async function testTeamDatabase(
  server: TeamDatabaseServer,
  password: string | null,
  options: TestTeamDatabaseOptions = {},
): Promise<TeamDatabaseTest> {
  const timeoutMs = options.timeoutMs ?? TEST_CONNECTION_TIMEOUT_MS;
  const started = Date.now();
  try {
    let version: string;
    try {
      version = await connectOnce(server, password, timeoutMs, 'tls');
    } catch (error) {
      // "prefer": TLS when the server offers it, else plain, within the same time budget.
      const remaining = timeoutMs - (Date.now() - started);
      if (server.sslmode !== 'prefer' || !/does not support SSL/i.test(messageOf(error)) || remaining <= 0) throw error;
      version = await connectOnce(server, password, remaining, 'plain');
    }
    return { connected: true, serverVersion: version, message: `Connected to ${describeServer(server)}: ${version.split(',')[0]}.` };
  } catch (error) {
    return { connected: false, ...describeConnectionFailure(error, server, password, timeoutMs) };
  }
}
