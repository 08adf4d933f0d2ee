/**
 * Worker-thread entry: removes vehicles and restores them (undo) off the main process's thread.
 *
 * Even in short chunks, moving 100,000 rows of ~4 KB writes hundreds of megabytes through the
 * WAL, and the commits that cross the auto-checkpoint threshold copy it into the database file:
 * stalls of 50-400 ms measured on the main thread. Here they stall nobody the user sees. The
 * worker lives as long as the app (started at the first removal): the undo stash is temporary
 * tables of this worker's own connection (undo-stash.ts), which exist only as long as it does.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RemovalProgress } from '../../../../../shared/vehicles/vehicles-contract';
import { openDatabase, StorageError } from '../db/open-database';
import { AppFailure } from '../../../ipc/app-failure';
import { removeInChunks, restoreInChunks } from './chunked-removal';
import type { RemovalReply, RemovalRequest, RemovalWorkerData } from './removal-worker-protocol';
import { createUndoStash } from './undo-stash';

function errorReply(id: number, error: unknown): RemovalReply {
  const sqliteCode = (error as { code?: unknown } | null)?.code;
  const withCode = typeof sqliteCode === 'string' && sqliteCode.startsWith('SQLITE_') ? { sqliteCode } : {};
  if (error instanceof AppFailure) return { id, type: 'error', code: error.code, message: error.message };
  if (error instanceof StorageError) return { id, type: 'error', code: 'STORAGE_ERROR', message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { id, type: 'error', message, ...withCode, ...(error instanceof Error && error.stack ? { stack: error.stack } : {}) };
}

function main(): void {
  const port = parentPort;
  if (!port) throw new Error('removal-worker must run in a worker thread');
  const data = workerData as RemovalWorkerData;
  const db = openDatabase(data.databasePath, {
    ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}),
    ...(data.busyTimeoutMs !== undefined ? { busyTimeoutMs: data.busyTimeoutMs } : {}),
  });
  const stash = createUndoStash(db);
  const send = (reply: RemovalReply): void => port.postMessage(reply);

  const handle = async (request: RemovalRequest): Promise<RemovalReply> => {
    const onProgress = (progress: RemovalProgress): void =>
      send({ id: request.id, type: 'progress', progress });
    switch (request.type) {
      case 'remove': {
        const { removed, token, expiresAt } = await removeInChunks(stash, request.ids, { onProgress });
        return { id: request.id, type: 'removed', removed, token, expiresAt: expiresAt.toISOString() };
      }
      case 'restore': {
        const stashed = stash.peek(request.token);
        if (!stashed) throw new AppFailure('NOT_FOUND', 'This undo has expired or was already used.');
        // The token is spent only once every row is back: if the restore fails (disk full, the
        // database busy with an import), the user can press Undo again and lose nothing.
        const restored = await restoreInChunks(stashed, { onProgress });
        stash.discard(request.token);
        return { id: request.id, type: 'restored', restored };
      }
    }
  };

  port.on('message', (request: RemovalRequest) => {
    handle(request).then(send, (error: unknown) => send(errorReply(request.id, error)));
  });
}

main();
