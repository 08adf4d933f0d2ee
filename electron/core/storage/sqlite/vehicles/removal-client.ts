/**
 * Main's side of the removal worker: remove and restore as promises, progress as callbacks.
 *
 * The worker starts at the first removal and lives until `close()`, because the undo stash is
 * held by its connection. Failures come back as the error the dispatcher knows how to answer:
 * an `AppFailure` for expected ones, an error carrying SQLite's code for storage problems (so a
 * damaged database is recognised wherever it is met), a plain error for bugs.
 */
import type { Worker } from 'node:worker_threads';
import type { RemovalProgress } from '../../../../../shared/vehicles/vehicles-contract';
import { AppFailure } from '../../../ipc/app-failure';
import { resolveWorkerEntry, startWorker, type WorkerEntry } from '../../../workers/start-worker';
import type { RemovalReply, RemovalRequest, RemovalWorkerData } from './removal-worker-protocol';

export interface RemovalClient {
  remove(ids: readonly number[], onProgress: (p: RemovalProgress) => void): Promise<{ removed: number; token: string; expiresAt: Date }>;
  restore(token: string, onProgress: (p: RemovalProgress) => void): Promise<number>;
  close(): Promise<void>;
}

export interface RemovalClientOptions extends RemovalWorkerData {
  readonly worker?: WorkerEntry;
}

/** A request before it is given its id. */
type Unnumbered<R> = R extends unknown ? Omit<R, 'id'> : never;

interface Pending {
  readonly onProgress: (p: RemovalProgress) => void;
  readonly settle: (reply: RemovalReply | Error) => void;
}

function errorOf(reply: RemovalReply & { type: 'error' }): Error {
  if (reply.code) return new AppFailure(reply.code, reply.message);
  const error = Object.assign(new Error(reply.message), reply.sqliteCode ? { code: reply.sqliteCode } : {});
  if (reply.stack) error.stack = reply.stack;
  return error;
}

export function createRemovalClient(options: RemovalClientOptions): RemovalClient {
  let worker: Worker | null = null;
  const pending = new Map<number, Pending>();
  let nextId = 1;

  const failAll = (error: Error): void => {
    for (const p of pending.values()) p.settle(error);
    pending.clear();
    worker = null; // the next request starts a fresh worker (its undo stash is gone with the old one)
  };

  const ensureWorker = (): Worker => {
    if (worker) return worker;
    const data: RemovalWorkerData = {
      databasePath: options.databasePath,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      ...(options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {}),
    };
    const started = startWorker(options.worker ?? resolveWorkerEntry('removal-worker', [__dirname]), { workerData: data });
    started.on('message', (reply: RemovalReply) => {
      const request = pending.get(reply.id);
      if (!request) return;
      if (reply.type === 'progress') {
        request.onProgress(reply.progress);
        return;
      }
      pending.delete(reply.id);
      request.settle(reply);
    });
    started.on('error', (error) => failAll(error));
    started.on('exit', (code) => failAll(new Error(`The removal worker stopped unexpectedly (exit code ${code}).`)));
    worker = started;
    return started;
  };

  const ask = (request: Unnumbered<RemovalRequest>, onProgress: (p: RemovalProgress) => void): Promise<RemovalReply> => {
    const target = ensureWorker();
    const id = nextId++;
    return new Promise<RemovalReply>((resolve, reject) => {
      pending.set(id, {
        onProgress,
        settle: (reply) => {
          if (reply instanceof Error) reject(reply);
          else if (reply.type === 'error') reject(errorOf(reply));
          else resolve(reply);
        },
      });
      target.postMessage({ ...request, id } as RemovalRequest);
    });
  };

  return {
    async remove(ids, onProgress) {
      const reply = await ask({ type: 'remove', ids }, onProgress);
      if (reply.type !== 'removed') throw new Error(`Unexpected reply ${reply.type} to remove`);
      return { removed: reply.removed, token: reply.token, expiresAt: new Date(reply.expiresAt) };
    },
    async restore(token, onProgress) {
      const reply = await ask({ type: 'restore', token }, onProgress);
      if (reply.type !== 'restored') throw new Error(`Unexpected reply ${reply.type} to restore`);
      return reply.restored;
    },
    async close() {
      const closing = worker;
      worker = null;
      if (closing) {
        closing.removeAllListeners('exit');
        await closing.terminate();
      }
    },
  };
}
