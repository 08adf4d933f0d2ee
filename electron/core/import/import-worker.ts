/**
 * Worker-thread entry: runs one import job off the main process's event loop.
 *
 * Opens its own store at the location main gives (for SQLite its own connection to the same
 * file: WAL lets main keep reading and answering lookups; busy_timeout covers the short chunk
 * transactions). vPIC batches are asked of main (one client, one rate cap); offline decoding
 * happens here, through the same fallback rule as lookups.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { decodeWithFallback, type OnlineDecodeResult } from '../lookup/decode-with-fallback';
import { createOfflineDecoder, snapshotOpenerFor, type OfflineDecoder } from '../lookup/offline-decoder';
import { openFleetStore } from '../storage/open-fleet-store';
import { jobErrorOf } from './import-job-error';
import type { ImportWorkerData, MainToWorker, WorkerToMain } from './import-worker-protocol';
import { retryFailedRows } from './retry-failed';
import { runImportJob, type ImportRunProgress } from './run-import-job';

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('import-worker must run in a worker thread');
  const data = workerData as ImportWorkerData;
  const send = (message: WorkerToMain): void => port.postMessage(message);
  const controller = new AbortController();
  const waiting = new Map<number, { resolve: (r: OnlineDecodeResult) => void; reject: (e: Error) => void }>();
  let nextId = 1;

  port.on('message', (message: MainToWorker) => {
    if (message.type === 'cancel') {
      controller.abort();
      return;
    }
    const pending = waiting.get(message.id);
    if (!pending) return;
    waiting.delete(message.id);
    if (message.type === 'decoded') pending.resolve(message.result);
    else pending.reject(new Error(message.message));
  });

  const online = (vins: readonly string[]): Promise<OnlineDecodeResult> =>
    new Promise((resolve, reject) => {
      const id = nextId;
      nextId += 1;
      waiting.set(id, { resolve, reject });
      send({ type: 'decode', id, vins });
    });

  let offline: Promise<OfflineDecoder> | null = null;
  const getOffline = (): Promise<OfflineDecoder> => {
    offline ??= createOfflineDecoder({
      dataDir: data.dataDir,
      openDatabase: snapshotOpenerFor(data.nativeBinding),
    });
    return offline;
  };

  const store = await openFleetStore(data.location);
  const common = {
    stores: store,
    decode: (vins: readonly string[]) => decodeWithFallback(vins, online, getOffline),
    now: () => new Date(),
    ...(data.chunkSize ? { chunkSize: data.chunkSize } : {}),
    owner: data.owner,
    onProgress: (progress: ImportRunProgress) => send({ type: 'progress', progress }),
    onCommitted: (written: number) => send({ type: 'committed', written }),
  };
  try {
    if (data.mode === 'retryFailed') {
      await retryFailedRows(common, data.jobId, controller.signal);
    } else {
      await runImportJob({ ...common, ...(data.decryption ? { decryption: data.decryption } : {}) }, data.jobId, controller.signal);
    }
    send({ type: 'finished', ok: true });
  } catch (error) {
    send({ type: 'finished', ok: false, error: jobErrorOf(error) });
  } finally {
    if (offline) (await (offline as Promise<OfflineDecoder>).catch(() => null))?.close();
    await store.close();
    port.close();
  }
}

void main();
