/**
 * The preview of a file without blocking main: a plain file is read here (its first 64 KB); an
 * encrypted one has to be decrypted whole, so that happens in a short-lived worker.
 */
import { AppFailure } from '../ipc/app-failure';
import { resolveWorkerEntry, startWorker } from '../workers/start-worker';
import { previewImport, type FilePreview } from './import-preview';
import type { Decryption } from './openpgp-file';
import type { PreviewWorkerData, PreviewWorkerMessage } from './preview-worker-protocol';

export function previewOffMain(file: string, decryption?: Decryption, sheet?: number | string): Promise<FilePreview> {
  if (!decryption) return previewImport(file, undefined, sheet);
  const worker = startWorker(resolveWorkerEntry('preview-worker', [__dirname]), { workerData: { file, decryption } satisfies PreviewWorkerData });
  return new Promise<FilePreview>((resolve, reject) => {
    let answered = false;
    worker.once('message', (message: PreviewWorkerMessage) => {
      answered = true;
      if (message.ok) resolve(message.preview);
      else reject(new AppFailure(message.error.code, message.error.message));
    });
    worker.once('error', (error) => {
      answered = true;
      reject(error);
    });
    worker.once('exit', () => {
      if (!answered) reject(new AppFailure('INTERNAL', 'The preview worker stopped without an answer.'));
    });
  });
}
