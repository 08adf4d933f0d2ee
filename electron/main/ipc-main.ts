/**
 * The only module that touches `ipcMain` and `webContents.send` (lint bans them elsewhere).
 *
 * Every channel in the contract gets exactly one handler; every message's sender frame is
 * checked against the app's own origin before the payload is even parsed (GitHub Desktop's
 * `trusted-ipc-sender.ts`, Electron security checklist item 17).
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { INVOKE_CHANNELS, type EventChannel } from '../../shared/ipc/channels';
import type { EventContract } from '../../shared/ipc/contract';
import { fail, type Result } from '../../shared/ipc/result';
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

/** Send a typed event to one window's renderer, unless it is gone. */
export function sendEvent<E extends EventChannel>(contents: WebContents, channel: E, payload: EventContract[E]): void {
  if (!contents.isDestroyed()) contents.send(channel, payload);
}
