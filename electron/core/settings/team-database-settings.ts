/**
 * Settings › Team database, kept in the data folder.
 *
 * `team-database.json` holds the choice (this computer or the team server) and the server's
 * fields, never the password: the file may be copied, backed up or attached to a support ticket.
 * The password goes through the OS's secret store (Electron's safeStorage, passed in as
 * `SecretStore` so the core never imports Electron) into `team-database-password.bin`, sealed
 * together with the host, port and user it belongs to, so it is only ever sent to that server.
 * Without a secret store a password is refused, never written in clear.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  STORAGE_OVERRIDE_LABELS,
  teamDatabaseServerSchema,
  type StorageOverride,
  type TeamDatabaseForm,
  type TeamDatabaseSaved,
  type TeamDatabaseServer,
  type TeamDatabaseSettings,
} from '../../../shared/settings/team-database-contract';
import { writeFileAtomically } from '../files/atomic-file';
import type { SecretStore } from '../import/key-store';
import { AppFailure } from '../ipc/app-failure';
import type { StorageLocation } from '../storage/storage-location';
import { describeServer, postgresUrl } from './postgres-connection';

export const TEAM_DATABASE_FILE = 'team-database.json';
export const TEAM_DATABASE_PASSWORD_FILE = 'team-database-password.bin';

const savedFileSchema = z.object({ mode: z.enum(['local', 'team']), server: teamDatabaseServerSchema.nullable() }).strict();
type SavedFile = z.infer<typeof savedFileSchema>;

/** What is sealed: the password and the server and user it was typed for. */
const sealedPasswordSchema = z.object({ host: z.string(), port: z.number(), user: z.string(), password: z.string() }).strict();

const NOTHING_SAVED: SavedFile = { mode: 'local', server: null };

export interface TeamDatabaseSettingsStore {
  read(): TeamDatabaseSettings;
  /** The saved team server as a storage location, or null when this computer's database is the saved choice. */
  location(): StorageLocation | null;
  /** The saved password when it was saved for this server's host, port and user; else null. */
  savedPasswordFor(server: TeamDatabaseServer): string | null;
  /** Save the form and choose the team server for the next start. */
  save(form: TeamDatabaseForm): Promise<TeamDatabaseSaved>;
  /** Choose this computer's database for the next start; the server's fields stay, its password goes. */
  useLocal(): Promise<TeamDatabaseSaved>;
}

function sameServerAndUser(a: Pick<TeamDatabaseServer, 'host' | 'port' | 'user'>, b: Pick<TeamDatabaseServer, 'host' | 'port' | 'user'>): boolean {
  return a.host.toLowerCase() === b.host.toLowerCase() && a.port === b.port && a.user === b.user;
}

export interface TeamDatabaseSettingsOptions {
  readonly dataDir: string;
  readonly secretStore?: SecretStore;
  /** The administrator's setting that chose the storage at this start instead of Settings, if any. */
  readonly overriddenBy?: StorageOverride;
}

export function createTeamDatabaseSettings(options: TeamDatabaseSettingsOptions): TeamDatabaseSettingsStore {
  const overriddenBy = options.overriddenBy ?? null;
  // Saved choices still count, but the user must know they wait behind the administrator's.
  const overrideNote = overriddenBy === null ? '' : ` For now ${STORAGE_OVERRIDE_LABELS[overriddenBy]} decides the database; Settings apply once it is removed.`;
  const settingsFile = path.join(options.dataDir, TEAM_DATABASE_FILE);
  const passwordFile = path.join(options.dataDir, TEAM_DATABASE_PASSWORD_FILE);
  const secretStorageAvailable = (): boolean => options.secretStore?.isAvailable() ?? false;

  // An unreadable or hand-edited file counts as nothing saved: the app then starts on this
  // computer's database and Settings shows the empty form, rather than refusing to start.
  function readFile(): SavedFile {
    let text: string;
    try {
      text = fs.readFileSync(settingsFile, 'utf8');
    } catch {
      return NOTHING_SAVED;
    }
    try {
      const parsed = savedFileSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : NOTHING_SAVED;
    } catch {
      return NOTHING_SAVED;
    }
  }

  function unsealPassword(): z.infer<typeof sealedPasswordSchema> | null {
    // The file first: without a saved password the OS keychain is not even asked (on macOS
    // asking may prompt the user).
    let sealed: Buffer;
    try {
      sealed = fs.readFileSync(passwordFile);
    } catch {
      return null;
    }
    if (!options.secretStore || !secretStorageAvailable()) return null;
    try {
      const parsed = sealedPasswordSchema.safeParse(JSON.parse(options.secretStore.decrypt(sealed)));
      return parsed.success ? parsed.data : null;
    } catch {
      // Sealed by another OS account or keychain: as good as no password (the user types it again).
      return null;
    }
  }

  function savedPasswordFor(server: TeamDatabaseServer): string | null {
    const unsealed = unsealPassword();
    return unsealed && sameServerAndUser(unsealed, server) ? unsealed.password : null;
  }

  function settingsOf(saved: SavedFile): TeamDatabaseSettings {
    return {
      mode: saved.mode,
      server: saved.server,
      passwordSaved: saved.server !== null && savedPasswordFor(saved.server) !== null,
      secretStorageAvailable: secretStorageAvailable(),
      overriddenBy,
    };
  }

  /**
   * What the next start would connect to: compared before and after a save to tell whether a
   * restart changes anything. The secret store is asked only when a team server is saved.
   */
  function locationOf(saved: SavedFile): string | null {
    return saved.mode === 'team' && saved.server ? postgresUrl(saved.server, savedPasswordFor(saved.server)) : null;
  }

  async function writeSettings(saved: SavedFile): Promise<void> {
    await fs.promises.mkdir(options.dataDir, { recursive: true });
    await writeFileAtomically(settingsFile, (sink) => sink.write(`${JSON.stringify(saved, null, 2)}\n`));
  }

  async function writePassword(sealed: Buffer): Promise<void> {
    await fs.promises.mkdir(options.dataDir, { recursive: true });
    const temp = `${passwordFile}.tmp`;
    // Owner-only from the first byte: the temporary file holds the sealed password too.
    await fs.promises.writeFile(temp, sealed, { mode: 0o600 });
    await fs.promises.rename(temp, passwordFile);
  }

  async function forgetPassword(): Promise<void> {
    await fs.promises.rm(passwordFile, { force: true });
  }

  return {
    read: () => settingsOf(readFile()),
    location() {
      const url = locationOf(readFile());
      return url === null ? null : { kind: 'postgres', url };
    },
    savedPasswordFor,
    async save(form) {
      const { password, ...server } = form;
      const before = readFile();
      const previousLocation = locationOf(before);
      if (password !== undefined) {
        if (!options.secretStore || !secretStorageAvailable()) {
          throw new AppFailure(
            'STORAGE_ERROR',
            'This system offers no secure storage for passwords, so the team database was not saved; set FLEET_DATABASE_URL instead, or use a server that needs no password.',
          );
        }
        const sealed = options.secretStore.encrypt(JSON.stringify({ host: server.host, port: server.port, user: server.user, password }));
        await writePassword(sealed);
      } else if (savedPasswordFor(server) === null) {
        // A password saved for another server or user must never follow the form elsewhere.
        await forgetPassword();
      }
      const after: SavedFile = { mode: 'team', server };
      await writeSettings(after);
      const restartRequired = locationOf(after) !== previousLocation;
      return {
        settings: settingsOf(after),
        restartRequired,
        message:
          (restartRequired
            ? `Saved. Restart Fleet VIN Lookup to use the team database ${describeServer(server)}.`
            : `Saved. The team database ${describeServer(server)} was already the saved choice.`) + overrideNote,
      };
    },
    async useLocal() {
      const before = readFile();
      const after: SavedFile = { mode: 'local', server: before.server };
      await writeSettings(after);
      // A password that is not in use is not kept.
      await forgetPassword();
      const restartRequired = before.mode === 'team';
      return {
        settings: settingsOf(after),
        restartRequired,
        message:
          (restartRequired
            ? 'Saved. Restart Fleet VIN Lookup to use the database on this computer.'
            : 'The database on this computer is already the saved choice.') + overrideNote,
      };
    },
  };
}

/**
 * The team server saved in Settings, as the storage location the app starts with, or null when
 * this computer's database is the saved choice (or nothing is saved).
 */
export function savedStorageLocation(dataDir: string, secretStore?: SecretStore): StorageLocation | null {
  return createTeamDatabaseSettings({ dataDir, ...(secretStore ? { secretStore } : {}) }).location();
}
