/**
 * Handlers of the settings domain: Settings › Team database.
 *
 * A test's outcome is logged with the server's description and the failure's kind; the password
 * reaches neither the log nor any answer.
 */
import type { SETTINGS_INVOKE_CHANNELS } from '../../../shared/settings/settings-channels';
import type { TeamDatabaseForm, TeamDatabaseServer, TeamDatabaseTest } from '../../../shared/settings/team-database-contract';
import type { Handler } from '../ipc/dispatch';
import type { Logger } from '../logging/logger';
import { describeServer } from './postgres-connection';
import type { TeamDatabaseSettingsStore } from './team-database-settings';
import { testTeamDatabase } from './test-team-database';

type SettingsChannel = (typeof SETTINGS_INVOKE_CHANNELS)[number];

export interface SettingsHandlerDeps {
  readonly teamDatabase: TeamDatabaseSettingsStore;
  readonly logger: Logger;
  /** The connection test (tests pass a fake to stay off the network). */
  readonly testConnection?: (server: TeamDatabaseServer, password: string | null) => Promise<TeamDatabaseTest>;
}

function serverOf(form: TeamDatabaseForm): TeamDatabaseServer {
  const { password: _password, ...server } = form;
  return server;
}

export function createSettingsHandlers(deps: SettingsHandlerDeps): { [C in SettingsChannel]: Handler<C> } {
  const test = deps.testConnection ?? testTeamDatabase;
  return {
    'settings:teamDatabase': () => deps.teamDatabase.read(),
    'settings:testTeamDatabase': async (form) => {
      const server = serverOf(form);
      // Left empty in the form: the saved password, only if it was saved for this server and user.
      const password = form.password ?? deps.teamDatabase.savedPasswordFor(server);
      const answer = await test(server, password);
      deps.logger.info(
        { teamDatabase: { server: describeServer(server), user: server.user, sslmode: server.sslmode, connected: answer.connected, ...(answer.connected ? {} : { failure: answer.failure }) } },
        'team database connection test',
      );
      return answer;
    },
    'settings:saveTeamDatabase': async (form) => {
      const saved = await deps.teamDatabase.save(form);
      deps.logger.info({ teamDatabase: { server: describeServer(serverOf(form)), mode: 'team', restartRequired: saved.restartRequired } }, 'team database saved');
      return saved;
    },
    'settings:useLocalDatabase': async () => {
      const saved = await deps.teamDatabase.useLocal();
      deps.logger.info({ teamDatabase: { mode: 'local', restartRequired: saved.restartRequired } }, 'team database settings: this computer');
      return saved;
    },
  };
}
