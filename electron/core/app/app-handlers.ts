/** Handlers of the `app:*` channels. */
import type { Database } from 'better-sqlite3';
import type { AppInfo } from '../../../shared/ipc/app-info';
import { backupDatabase, defaultBackupName } from '../storage/sqlite/db/backup';
import type { ChooseSavePath } from '../export/export-handlers';
import { AppFailure } from '../ipc/app-failure';
import type { Handler } from '../ipc/dispatch';
import type { TempJournal } from '../files/pending-temp-files';
import type { Logger } from '../logging/logger';

export interface AppHandlerDeps {
  readonly info: () => AppInfo;
  /** The live database and its file (the backup must never replace it). */
  readonly db: Database;
  readonly databasePath: string;
  /** Ask where to save the backup (the native save dialog in the desktop app). */
  readonly chooseSavePath: ChooseSavePath;
  readonly now: () => Date;
  readonly logger: Logger;
  /** Journal of temporary files, so a killed backup's is removed at the next start. */
  readonly journal?: TempJournal;
}

export interface AppHandlers {
  'app:info': Handler<'app:info'>;
  'app:backup': Handler<'app:backup'>;
}

export function createAppHandlers(deps: AppHandlerDeps): AppHandlers {
  return {
    'app:info': () => deps.info(),
    'app:backup': async () => {
      const target = await deps.chooseSavePath({
        defaultName: defaultBackupName(deps.now()),
        filters: [{ name: 'SQLite database', extensions: ['sqlite'] }],
      });
      if (target === null) throw new AppFailure('CANCELLED', 'The backup was cancelled.');
      const backup = await backupDatabase(deps.db, target, {
        databasePath: deps.databasePath,
        ...(deps.journal ? { journal: deps.journal } : {}),
      });
      deps.logger.info({ backup }, 'database backup saved');
      return backup;
    },
  };
}
