/** Handlers of the `app:*` channels. */
import type { AppInfo } from '../../../shared/ipc/app-info';
import type { FleetStore } from '../storage/fleet-store';
import { defaultBackupName } from '../storage/sqlite/db/backup';
import type { ChooseSavePath } from '../export/export-handlers';
import { AppFailure } from '../ipc/app-failure';
import type { Handler } from '../ipc/dispatch';
import type { TempJournal } from '../files/pending-temp-files';
import type { Logger } from '../logging/logger';

export interface AppHandlerDeps {
  readonly info: () => AppInfo;
  /** The live store: its `backup` (absent on a server, whose own tools back it up) refuses to replace the store's file. */
  readonly store: Pick<FleetStore, 'backup' | 'location'>;
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
      const backupTo = deps.store.backup?.bind(deps.store);
      if (backupTo === undefined) {
        throw new AppFailure(
          'INVALID_INPUT',
          `The fleet is stored on a ${deps.store.location.kind} server, which the app cannot copy into one file: back it up with the server's own tools.`,
        );
      }
      const target = await deps.chooseSavePath({
        defaultName: defaultBackupName(deps.now()),
        filters: [{ name: 'SQLite database', extensions: ['sqlite'] }],
      });
      if (target === null) throw new AppFailure('CANCELLED', 'The backup was cancelled.');
      const backup = await backupTo(target, deps.journal ? { journal: deps.journal } : {});
      deps.logger.info({ backup }, 'database backup saved');
      return backup;
    },
  };
}
