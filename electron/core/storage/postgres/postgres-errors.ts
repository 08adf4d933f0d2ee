/**
 * PostgreSQL failures as the app's `StorageError`: one sentence naming the server (never the
 * password), so a desk whose server is down, renamed or restarted says so in words.
 */
import { StorageError } from '../storage-error';
import { connectionConfig, serverOf, type PostgresLocation } from '../database-url';
import { describeLocation } from '../storage-location';

/** The network (`ECONNREFUSED`) or SQLSTATE (`28P01`) code of `error` or of what it wraps. */
export function postgresCodeOf(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    // Node reports a refused localhost (IPv4 and IPv6 tried) as an AggregateError of the attempts.
    const inner = (e as { errors?: unknown }).errors;
    e = Array.isArray(inner) && inner.length > 0 ? inner[0] : (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** `text` with the location's password blanked, wherever a driver might have echoed it. */
function withoutPassword(text: string, location: PostgresLocation): string {
  let password: string | undefined;
  try {
    password = connectionConfig(location).password;
  } catch {
    password = undefined;
  }
  return password === undefined || password === '' ? text : text.split(password).join('***');
}

export function describePostgresError(error: unknown, location: PostgresLocation): StorageError {
  if (error instanceof StorageError) return error;
  const code = postgresCodeOf(error) ?? '';
  let server: string;
  let config: ReturnType<typeof connectionConfig> | undefined;
  try {
    config = connectionConfig(location);
    server = serverOf(location);
  } catch {
    server = describeLocation(location);
  }
  const text = withoutPassword(error instanceof Error ? error.message : String(error), location);
  const fail = (message: string): StorageError => new StorageError('unavailable', message, { cause: error });
  switch (code) {
    case 'ECONNREFUSED':
      return fail(`The PostgreSQL server at ${server} refused the connection: check that it is running and accepts connections on that port.`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return fail(`The PostgreSQL server host "${config?.host ?? server}" could not be found: check the host name in the database URL.`);
    case 'ETIMEDOUT':
    case 'ECONNRESET':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return fail(`The PostgreSQL server at ${server} could not be reached (${code}): check the network and that the server is up.`);
    case '57P01':
    case '57P02':
    case '57P03':
      return fail(`The PostgreSQL server at ${server} shut the connection down (it is restarting or being stopped): try again when it is back.`);
    case '28P01':
    case '28000':
      return fail(`The PostgreSQL server at ${server} refused user "${config?.user ?? '(default)'}": check the user name and password in the database URL.`);
    case '3D000':
      return fail(`The PostgreSQL server at ${server} has no database "${config?.database ?? ''}": create it or fix the database name in the URL.`);
    case '42501':
      return fail(`The PostgreSQL user "${config?.user ?? '(default)'}" lacks a permission on ${server}: ${text}`);
    default:
      // pg's own words when the socket closes under a query (a server restart, a dropped link).
      if (/connection terminated/i.test(text)) {
        return fail(`The connection to the PostgreSQL server at ${server} was closed (the server restarted or the network dropped it): try again.`);
      }
      if (/timeout/i.test(text)) return fail(`The PostgreSQL server at ${server} did not answer in time: check the network and that the server is up.`);
      return fail(`The PostgreSQL database at ${server} could not be used: ${text}`);
  }
}
