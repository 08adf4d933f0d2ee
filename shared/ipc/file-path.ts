/**
 * Files in the contract.
 *
 * A path may travel from main to the page (where an export was saved), never the other way for a
 * file main then reads: the page names a file it may read by a grant, an opaque random id main
 * handed out when the user chose that file (the native open dialog, a drop, the CLI's arguments).
 * A compromised page can then read nothing the user did not choose.
 */
import { z } from 'zod';
import { MAX_DROPPED_FILES } from '../import/import-channels';

export const MAX_PATH_LENGTH = 32_767;

/** A file path as a payload may carry it: non-empty, at most Windows' extended-path length. */
export const filePathSchema = z.string().min(1).max(MAX_PATH_LENGTH);

/** A grant id: 32 random bytes in base64url (43 characters). */
export const fileGrantIdSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not a file grant id');

/** A file the user chose, as the page knows it: the grant, its name and size, never its path. */
export interface FileGrant {
  readonly grantId: string;
  readonly fileName: string;
  readonly sizeBytes: number;
}

/** A chosen item main did not grant (not a regular file, unreadable), with the reason. */
export interface RefusedFile {
  readonly fileName: string;
  readonly message: string;
}

/** The payload of the preload's drop registration (REGISTER_DROPPED_FILES_CHANNEL). */
export const registerDroppedFilesSchema = z
  .object({ paths: z.array(filePathSchema).min(1).max(MAX_DROPPED_FILES) })
  .strict();

/** What main answers a drop registration (and `import:chooseFiles`). */
export interface RegisteredFiles {
  readonly files: readonly FileGrant[];
  readonly refused: readonly RefusedFile[];
}
