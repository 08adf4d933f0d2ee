/**
 * Worker-thread entry: previews an encrypted fleet file off the main process's event loop.
 *
 * Reading the start of an OpenPGP file means decrypting all of it in memory (up to 512 MB), which
 * would stall the window; a short-lived worker does it and posts back the preview or the error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isErrorCode } from '../../../shared/ipc/result';
import { previewImport } from './import-preview';
import type { PreviewWorkerData, PreviewWorkerMessage } from './preview-worker-protocol';

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('preview-worker must run in a worker thread');
  const data = workerData as PreviewWorkerData;
  let message: PreviewWorkerMessage;
  try {
    message = { ok: true, preview: await previewImport(data.file, data.decryption) };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    message = {
      ok: false,
      error: {
        code: isErrorCode(code) ? code : 'INTERNAL',
        message: error instanceof Error ? error.message : String(error),
      },
    };
  }
  port.postMessage(message);
  port.close();
}

void main();
