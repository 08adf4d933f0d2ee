/**
 * The e2e web target's stand-in for the preload.
 *
 * Served by the test host only (never part of the app bundle). It builds `window.fleet` with the
 * same `createContractApi` the preload uses, over loopback HTTP instead of IPC, so the page sees
 * an identical API. Events arrive over Server-Sent Events.
 */
import { createContractApi } from '../../shared/ipc/api';
import type { FileGrant, RefusedFile, RegisteredFiles } from '../../shared/ipc/file-path';
import type { Result } from '../../shared/ipc/result';

const listeners = new Map<string, Set<(payload: unknown) => void>>();
const events = new EventSource('/__harness/events');
events.onmessage = (message: MessageEvent<string>) => {
  const { channel, payload } = JSON.parse(message.data) as { channel: string; payload: unknown };
  for (const listener of listeners.get(channel) ?? []) listener(payload);
};

const api = createContractApi({
  async invoke(channel, request) {
    const response = await fetch(`/__harness/ipc/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request ?? {}),
    });
    return (await response.json()) as unknown;
  },
  subscribe(channel, listener) {
    const set = listeners.get(channel) ?? new Set();
    set.add(listener);
    listeners.set(channel, set);
    return () => {
      set.delete(listener);
    };
  },
});

const files = Object.freeze({
  /**
   * The preload's drop registration, for a page without file paths: each file's bytes are
   * uploaded to the host, which writes and grants them. Same answer shape as the preload's.
   */
  async registerDroppedFiles(list: readonly File[]): Promise<Result<RegisteredFiles>> {
    const granted: FileGrant[] = [];
    const refused: RefusedFile[] = [];
    for (const file of list) {
      const response = await fetch(`/__harness/upload?name=${encodeURIComponent(file.name)}`, { method: 'POST', body: file });
      const answer = (await response.json()) as RegisteredFiles;
      granted.push(...answer.files);
      refused.push(...answer.refused);
    }
    return { ok: true, value: { files: granted, refused } };
  },
});

// Read-only like contextBridge's exposure.
Object.defineProperty(window, 'fleet', { value: api, writable: false, configurable: false });
Object.defineProperty(window, 'fleetFiles', { value: files, writable: false, configurable: false });
