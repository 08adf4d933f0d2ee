/**
 * A file's identity for resuming: size, modification time and a SHA-256 of its content.
 *
 * A resume skips the rows a job already committed by counting them. If the file changed in
 * between (a re-exported fleet list with new rows at the top), counting skips the wrong rows:
 * new VINs would be neither stored nor reported. So the identity is recorded before the first
 * row is read and a resume refuses a file whose size or content differs (FILE_CHANGED). The
 * modification time alone decides nothing (copying or touching a file changes it, not its rows);
 * it is kept to say when the file changed.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { AppFailure } from '../ipc/app-failure';
import { openRegularFile } from './regular-file';

export interface FileIdentity {
  readonly sizeBytes: number;
  readonly mtimeMs: number;
  /** SHA-256 of the file's bytes (of the encrypted file for encrypted ones), hex. */
  readonly sha256: string;
}

/** Read a file's identity, hashing it as a stream (constant memory at any size). */
export async function readFileIdentity(file: string): Promise<FileIdentity> {
  const { handle, stat } = await openRegularFile(file);
  const hash = createHash('sha256');
  // The stream closes the handle when it ends or fails.
  for await (const chunk of handle.createReadStream({ highWaterMark: 256 * 1024 })) hash.update(chunk as Buffer);
  return { sizeBytes: stat.size, mtimeMs: stat.mtimeMs, sha256: hash.digest('hex') };
}

export function isFileIdentity(value: unknown): value is FileIdentity {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.sizeBytes === 'number' && typeof v.mtimeMs === 'number' && typeof v.sha256 === 'string' && /^[0-9a-f]{64}$/.test(v.sha256);
}

function changed(file: string, why: string): AppFailure {
  return new AppFailure(
    'FILE_CHANGED',
    `The file ${path.basename(file)} has changed since this import started (${why}), so continuing from the row where it stopped would skip or repeat rows. Import it as a new job instead.`,
  );
}

/**
 * Refuse (FILE_CHANGED) a file that is not the one a job started on. `recorded` is undefined for
 * a job that never recorded it: fine when no row was committed yet, refused otherwise (nothing
 * tells which rows were read).
 */
export async function assertSameFile(file: string, recorded: FileIdentity | undefined, rowsCommitted: number): Promise<FileIdentity> {
  const now = await readFileIdentity(file);
  if (recorded === undefined) {
    if (rowsCommitted > 0) throw changed(file, 'the job did not record which file it read');
    return now;
  }
  if (now.sizeBytes !== recorded.sizeBytes) throw changed(file, `it was ${recorded.sizeBytes} bytes and is now ${now.sizeBytes}`);
  if (now.sha256 !== recorded.sha256) {
    const when = now.mtimeMs !== recorded.mtimeMs ? `; modified ${new Date(now.mtimeMs).toISOString()}` : '';
    throw changed(file, `its content is different${when}`);
  }
  return recorded;
}
