/**
 * The only module that touches `ipcMain` and `webContents.send` (lint bans them elsewhere).
 *
 * Every channel in the contract gets exactly one handler; every message's sender frame is
 * checked against the app's own origin before the payload is even parsed (GitHub Desktop's
 * `trusted-ipc-sender.ts`, Electron security checklist item 17).
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { REGISTER_DROPPED_FILES_CHANNEL } from '../../shared/import/import-channels';
import { INVOKE_CHANNELS, type EventChannel } from '../../shared/ipc/channels';
import type { EventContract } from '../../shared/ipc/contract';
import { registerDroppedFilesSchema, type RegisteredFiles } from '../../shared/ipc/file-path';
import { fail, ok, type Result } from '../../shared/ipc/result';
import type { FileGrants } from '../core/import/file-grants';
import type { Dispatch } from '../core/ipc/dispatch';
import type { Logger } from '../core/logging/logger';
import { isTrustedSender } from './security';

export function registerInvokeHandlers(
  ipcMain: IpcMain,
  dispatch: Dispatch,
  trusted: ReadonlySet<string>,
  logger: Logger,
): () => void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, payload: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event.senderFrame, trusted)) {
        logger.warn({ channel, sender: event.senderFrame?.url ?? null }, 'IPC from untrusted sender dropped');
        return fail('FORBIDDEN', 'This request did not come from the app.');
      }
      return dispatch(channel, payload);
    });
  }
  return () => {
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel);
  };
}

/**
 * The preload's drop registration: grants for the paths it resolved from dropped `File`s.
 *
 * Not a contract channel, so `window.fleet` has no function for it: page script cannot send it
 * (contextIsolation keeps `ipcRenderer` in the preload). Main still checks the sender is the
 * app's own top frame, where the preload runs, and validates the payload.
 */
export function registerDroppedFilesHandler(
  ipcMain: IpcMain,
  grants: Pick<FileGrants, 'grantAll'>,
  trusted: ReadonlySet<string>,
  logger: Logger,
): () => void {
  ipcMain.handle(REGISTER_DROPPED_FILES_CHANNEL, async (event: IpcMainInvokeEvent, payload: unknown): Promise<Result<RegisteredFiles>> => {
    const frame = event.senderFrame;
    if (!isTrustedSender(frame, trusted) || frame?.parent) {
      logger.warn({ channel: REGISTER_DROPPED_FILES_CHANNEL, sender: frame?.url ?? null }, 'IPC from untrusted sender dropped');
      return fail('FORBIDDEN', 'This request did not come from the app.');
    }
    const parsed = registerDroppedFilesSchema.safeParse(payload);
    if (!parsed.success) return fail('INVALID_INPUT', 'The dropped files could not be registered: the request is malformed.');
    const registered = await grants.grantAll(parsed.data.paths);
    logger.info({ granted: registered.files.length, refused: registered.refused.length }, 'dropped files registered');
    return ok(registered);
  });
  return () => ipcMain.removeHandler(REGISTER_DROPPED_FILES_CHANNEL);
}

/** Send a typed event to one window's renderer, unless it is gone. */
export function sendEvent<E extends EventChannel>(contents: WebContents, channel: E, payload: EventContract[E]): void {
  if (!contents.isDestroyed()) contents.send(channel, payload);
}
