/**
 * The start-up prompt for a database the app cannot use (say what is wrong and how to
 * recover, never overwrite user data).
 *
 * The choices come from `recoveryChoices` in the core (unit-tested there); this file only shows
 * them with Electron's message box and carries out the one the user picks.
 */
import { dialog, shell } from 'electron';
import path from 'node:path';
import { assertNever } from '../../shared/ipc/result';
import type { StorageError } from '../core/storage/sqlite/db/open-database';
import { moveDatabaseAside, recoveryChoices, runningRecoveryChoices } from '../core/storage/sqlite/db/recovery';
import type { Logger } from '../core/logging/logger';

/**
 * Ask the user; null when `error` is not a storage problem (the caller shows its plain error).
 * 'retry' means the database was moved aside and start-up should try once more.
 */
export function askDatabaseRecovery(error: unknown, databasePath: string, logger: Logger): 'retry' | 'quit' | null {
  const prompt = recoveryChoices(error);
  if (!prompt) return null;
  for (;;) {
    const index = dialog.showMessageBoxSync({
      type: 'error',
      title: prompt.title,
      message: prompt.message,
      detail: prompt.detail,
      buttons: prompt.buttons.map((b) => b.label),
      defaultId: prompt.cancelId,
      cancelId: prompt.cancelId,
      noLink: true,
    });
    const action = prompt.buttons[index]?.action ?? 'quit';
    switch (action) {
      case 'open-folder':
        // Show the folder, then ask again: opening it decides nothing.
        void shell.openPath(path.dirname(databasePath));
        continue;
      case 'move-aside':
        try {
          const moved = moveDatabaseAside(databasePath, new Date());
          logger.warn({ moved, problem: prompt.problem }, 'unusable database moved aside');
          return 'retry';
        } catch (moveError) {
          logger.error({ err: moveError }, 'could not move the database aside');
          dialog.showErrorBox(
            'Fleet VIN Lookup could not move the database aside',
            `${moveError instanceof Error ? moveError.message : String(moveError)}\n\nNothing was deleted. Move ${databasePath} yourself, then start the app again.`,
          );
          return 'quit';
        }
      case 'quit':
      case 'keep-working':
        return 'quit';
      default:
        return assertNever(action);
    }
  }
}

export interface RunningRecoveryActions {
  /** Close the core (workers, then the database) so the file can be moved safely. */
  closeCore(): Promise<void>;
  /** Start the app again (Electron: app.relaunch() then exit). */
  relaunch(): void;
}

/**
 * Offer the recovery path for a database found damaged while the app runs. Non-modal to the
 * event loop (`showMessageBox`, not the sync one). Resolves with what was done.
 */
export async function offerRecoveryWhileRunning(
  error: StorageError,
  databasePath: string,
  logger: Logger,
  actions: RunningRecoveryActions,
): Promise<'moved' | 'kept' | 'failed'> {
  const prompt = runningRecoveryChoices(error);
  for (;;) {
    const { response } = await dialog.showMessageBox({
      type: 'error',
      title: prompt.title,
      message: prompt.message,
      detail: prompt.detail,
      buttons: prompt.buttons.map((b) => b.label),
      defaultId: prompt.cancelId,
      cancelId: prompt.cancelId,
      noLink: true,
    });
    const action = prompt.buttons[response]?.action ?? 'keep-working';
    switch (action) {
      case 'open-folder':
        void shell.openPath(path.dirname(databasePath));
        continue;
      case 'move-aside':
        try {
          // Closed first: SQLite removes "<file>-wal" by name when the last connection closes.
          await actions.closeCore();
          const moved = moveDatabaseAside(databasePath, new Date());
          logger.warn({ moved, problem: prompt.problem }, 'damaged database moved aside while running');
          actions.relaunch();
          return 'moved';
        } catch (moveError) {
          logger.error({ err: moveError }, 'could not move the database aside');
          dialog.showErrorBox(
            'Fleet VIN Lookup could not move the database aside',
            `${moveError instanceof Error ? moveError.message : String(moveError)}\n\nNothing was deleted. Quit, move ${databasePath} yourself, then start the app again.`,
          );
          return 'failed';
        }
      case 'keep-working':
      case 'quit':
        return 'kept';
      default:
        return assertNever(action);
    }
  }
}
