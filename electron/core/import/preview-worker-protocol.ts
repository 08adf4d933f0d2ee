/** What the preview worker is given and what it answers (see preview-worker.ts). */
import type { AppError } from '../../../shared/ipc/result';
import type { FilePreview } from './import-preview';
import type { Decryption } from './openpgp-file';

export interface PreviewWorkerData {
  readonly file: string;
  /** Key and passphrase, held in memory only. */
  readonly decryption: Decryption;
}

export type PreviewWorkerMessage =
  | { readonly ok: true; readonly preview: FilePreview }
  | { readonly ok: false; readonly error: Pick<AppError, 'code' | 'message'> };
