/**
 * The settings domain of the IPC contract: Settings › Team database.
 *
 * A team points every desk at one PostgreSQL server. The page reads the saved choice
 * (`settings:teamDatabase`), tries a server before saving it (`settings:testTeamDatabase`), saves
 * it (`settings:saveTeamDatabase`) or goes back to the database on this computer
 * (`settings:useLocalDatabase`). The storage is chosen when the app starts, so a saved change
 * takes effect at the next start (the answers say so).
 *
 * The password travels one way only: page → main, in a test or a save. Main keeps it encrypted
 * with the OS's secret store; no answer ever carries it, only whether one is saved. When a
 * request leaves `password` out, main uses the saved one, but only for the server and user it
 * was saved for, so a changed host never receives another server's password.
 */
import { z } from 'zod';

/** libpq's TLS modes (`sslmode`), from "never" to "encrypted, and the certificate names this host". */
export const SSL_MODES = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];

/** How each TLS mode is named to the user. */
export const SSL_MODE_LABELS: Readonly<Record<SslMode, string>> = {
  disable: 'Off (disable)',
  prefer: 'When the server offers it (prefer)',
  require: 'Required, certificate not checked (require)',
  'verify-ca': 'Required, certificate signed by a trusted CA (verify-ca)',
  'verify-full': 'Required, certificate names this host (verify-full)',
};

/** PostgreSQL's default port. */
export const DEFAULT_POSTGRES_PORT = 5432;
/** PostgreSQL truncates identifiers (database and role names) to 63 bytes. */
const MAX_IDENTIFIER_LENGTH = 63;
/** Longest password accepted; PostgreSQL itself has no practical limit, a form field needs one. */
const MAX_PASSWORD_LENGTH = 1024;
/** A DNS name is at most 253 characters. */
const MAX_HOST_LENGTH = 253;

// A DNS name or IPv4 address (letters, digits, dots, hyphens, underscores), or an IPv6 address
// (hex digits and colons, optionally with a zone): never a URL, a path, spaces or `user@`.
const HOST_NAME = /^[A-Za-z0-9_](?:[A-Za-z0-9._-]*[A-Za-z0-9_])?$/;
const IPV6_ADDRESS = /^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(?:%[A-Za-z0-9_.-]+)?$/;
// Control characters (NUL above all) cannot travel in PostgreSQL's startup message; matching
// them is the point of this pattern.
// eslint-disable-next-line no-control-regex
const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001f\u007f]*$/;

const host = z
  .string()
  .trim()
  .min(1, 'Enter the server’s host name or address.')
  .max(MAX_HOST_LENGTH)
  .refine((value) => HOST_NAME.test(value) || IPV6_ADDRESS.test(value), 'Enter a host name or IP address only (no “postgres://”, port or path).');
const port = z.number().int().min(1).max(65_535);
const identifier = (what: string): z.ZodString =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${what}.`)
    .max(MAX_IDENTIFIER_LENGTH, `A ${what} is at most ${MAX_IDENTIFIER_LENGTH} characters.`)
    .regex(NO_CONTROL_CHARACTERS, `The ${what} contains a control character.`);
const password = z
  .string()
  .min(1)
  .max(MAX_PASSWORD_LENGTH)
  .regex(NO_CONTROL_CHARACTERS, 'The password contains a control character.');

/** Where a team database is: every field of the form except the password. */
export const teamDatabaseServerSchema = z
  .object({
    host,
    port,
    database: identifier('database name'),
    user: identifier('user name'),
    sslmode: z.enum(SSL_MODES),
  })
  .strict();

/** The form: the server, and the password when the user typed one (absent: the saved one, if it is for this server and user). */
export const teamDatabaseFormSchema = teamDatabaseServerSchema.extend({ password: password.optional() }).strict();

export type TeamDatabaseServer = z.infer<typeof teamDatabaseServerSchema>;
export type TeamDatabaseForm = z.infer<typeof teamDatabaseFormSchema>;

export const settingsRequestSchemas = {
  /** The saved choice: this computer or a team server, the server's fields, whether a password is saved. Never the password. */
  'settings:teamDatabase': z.object({}).strict(),
  /**
   * Connect to the server in the form (5 s at most), ask its version and disconnect. Stores
   * nothing. A server that cannot be reached is an answer (`connected: false` and one sentence
   * naming host:port and database), not an error.
   */
  'settings:testTeamDatabase': teamDatabaseFormSchema,
  /**
   * Save the form and choose the team database for the next start. The password is encrypted
   * with the OS's secret store; `STORAGE_ERROR` when the system has none (it is never written in
   * clear). Does not connect: test first.
   */
  'settings:saveTeamDatabase': teamDatabaseFormSchema,
  /** Choose the database on this computer for the next start. The server's fields are kept for later; its password is forgotten. */
  'settings:useLocalDatabase': z.object({}).strict(),
} as const;

/** Where the fleet is stored: the SQLite file on this computer, or the team's PostgreSQL server. */
export type DatabaseMode = 'local' | 'team';

/** What `settings:teamDatabase` answers (and the other settings channels carry). */
export interface TeamDatabaseSettings {
  /** The saved choice, used from the next start on. */
  readonly mode: DatabaseMode;
  /** The last saved server (kept after switching back to this computer), or null. */
  readonly server: TeamDatabaseServer | null;
  /** True when a password is saved for `server` (the password itself never leaves main). */
  readonly passwordSaved: boolean;
  /** False when the OS offers no secret store: a password cannot be saved here. */
  readonly secretStorageAvailable: boolean;
  /**
   * Set when an administrator's setting decides the storage instead of Settings: `cli` for the
   * `--database-url` option, `env` for `FLEET_DATABASE_URL`. What is saved here then waits until
   * that setting is removed.
   */
  readonly overriddenBy: StorageOverride | null;
}

/** Where an administrator chose the storage over Settings. */
export type StorageOverride = 'cli' | 'env';

/** How each override is named to the user. */
export const STORAGE_OVERRIDE_LABELS: Readonly<Record<StorageOverride, string>> = {
  cli: 'the --database-url option',
  env: 'the FLEET_DATABASE_URL environment variable',
};

/** Why a test connection failed, for the UI's choice of hint; `message` says it in one sentence. */
export type TeamDatabaseFailure =
  | 'refused'
  | 'host-not-found'
  | 'timeout'
  | 'unreachable'
  | 'authentication'
  | 'password-required'
  | 'no-such-database'
  | 'tls'
  | 'server-error';

/** What `settings:testTeamDatabase` answers. */
export type TeamDatabaseTest =
  | { readonly connected: true; readonly serverVersion: string; readonly message: string }
  | { readonly connected: false; readonly failure: TeamDatabaseFailure; readonly message: string };

/** What `settings:saveTeamDatabase` and `settings:useLocalDatabase` answer. */
export interface TeamDatabaseSaved {
  readonly settings: TeamDatabaseSettings;
  /** True when the choice differs from what was saved before: it takes effect when the app starts again. */
  readonly restartRequired: boolean;
  /** One sentence for the user ("Saved. Restart Fleet VIN Lookup to use the team database."). */
  readonly message: string;
}

export interface SettingsInvokeContract {
  'settings:teamDatabase': TeamDatabaseSettings;
  'settings:testTeamDatabase': TeamDatabaseTest;
  'settings:saveTeamDatabase': TeamDatabaseSaved;
  'settings:useLocalDatabase': TeamDatabaseSaved;
}
