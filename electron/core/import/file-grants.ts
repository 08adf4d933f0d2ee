/**
 * File grants: the only way the page names a file main will read.
 *
 * Main hands out a grant (an opaque id of 32 random bytes) for each file the user chose: the
 * native open dialog, a drop registered by the preload, the CLI's arguments. File channels take
 * the grant, and main reads the path it resolved itself when granting, so a compromised page can
 * read nothing the user did not choose (Electron security checklist: validate IPC senders and do
 * not let the renderer pick files). Only regular files are granted: folders, FIFOs, devices and
 * sockets are refused with the reason. A grant keeps the file's identity (device and inode): a
 * file replaced at the same path since it was chosen must be chosen again.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FileGrant, RefusedFile, RegisteredFiles } from '../../../shared/ipc/file-path';
import { AppFailure, messageOf } from '../ipc/app-failure';
import { inspectRegularFile } from './regular-file';

/** Grants kept at most; the oldest are forgotten first (a page registering drops in a loop cannot grow memory). */
export const MAX_GRANTS = 1000;

interface GrantRecord {
  readonly path: string;
  readonly fileName: string;
  readonly dev: number;
  readonly ino: number;
}

export interface FileGrants {
  /** Grant a file the user chose (FILE_ERROR when it is not a readable regular file). */
  grant(file: string): Promise<FileGrant>;
  /** Grant several; the ones that cannot be granted are listed with the reason. */
  grantAll(files: readonly string[]): Promise<RegisteredFiles>;
  /**
   * The real path behind a grant. NOT_FOUND for an id main never handed out (or forgot);
   * FILE_ERROR when the file is gone, is no longer a regular file or was replaced.
   */
  resolve(grantId: string): Promise<string>;
}

export function createFileGrants(options: { readonly maxGrants?: number } = {}): FileGrants {
  const maxGrants = options.maxGrants ?? MAX_GRANTS;
  // A Map keeps insertion order: the first key is the oldest grant.
  const grants = new Map<string, GrantRecord>();

  async function grant(file: string): Promise<FileGrant> {
    const { realPath, stat } = await inspectRegularFile(file);
    const grantId = randomBytes(32).toString('base64url');
    grants.set(grantId, { path: realPath, fileName: path.basename(realPath), dev: stat.dev, ino: stat.ino });
    while (grants.size > maxGrants) grants.delete(grants.keys().next().value!);
    return { grantId, fileName: path.basename(realPath), sizeBytes: stat.size };
  }

  return {
    grant,

    async grantAll(files) {
      const granted: FileGrant[] = [];
      const refused: RefusedFile[] = [];
      for (const file of files) {
        try {
          granted.push(await grant(file));
        } catch (error) {
          refused.push({ fileName: path.basename(file), message: messageOf(error) });
        }
      }
      return { files: granted, refused };
    },

    async resolve(grantId) {
      const record = grants.get(grantId);
      if (!record) {
        throw new AppFailure('NOT_FOUND', 'This file was not chosen in this session (or the app restarted since): choose it again.');
      }
      let stat: fs.Stats;
      try {
        stat = await fs.promises.stat(record.path);
      } catch {
        throw new AppFailure('FILE_ERROR', `The file ${record.fileName} is no longer there: choose it again.`);
      }
      if (!stat.isFile() || stat.dev !== record.dev || stat.ino !== record.ino) {
        throw new AppFailure('FILE_ERROR', `The file ${record.fileName} was replaced since you chose it: choose it again.`);
      }
      return record.path;
    },
  };
}
