/**
 * The bytes of a fleet file: straight from disk, or decrypted in memory.
 *
 * Gives the first ~64 KB as text for layout sniffing and a fresh stream of the whole plaintext
 * for parsing. Encrypted files are decrypted once into memory and streamed from there; the
 * plaintext never touches the disk (issue 6 §6).
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { AppFailure } from '../ipc/app-failure';
import { decryptBytes, isEncryptedPath, type Decryption } from './openpgp-file';
import { SNIFF_BYTES } from './csv-layout';
import { isXlsxPath, xlsxCsvHead, xlsxCsvStream, type SheetChoice } from './xlsx-rows';

export interface ImportSource {
  readonly encrypted: boolean;
  /** The start of the plaintext as UTF-8 text (for sniffing the layout). */
  readonly head: string;
  /** True when `head` is the whole plaintext. */
  readonly headIsAll: boolean;
  /** Plaintext size in bytes (for the progress fraction). */
  readonly sizeBytes: number;
  /** A new stream of the whole plaintext. */
  stream(): Readable;
}

function fileError(file: string, error: unknown): AppFailure {
  const code = (error as { code?: string }).code;
  const why =
    code === 'ENOENT'
      ? 'it does not exist'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'it is a folder'
          : error instanceof Error
            ? error.message
            : String(error);
  return new AppFailure('FILE_ERROR', `The file ${file} cannot be read: ${why}.`, undefined, { cause: error });
}

/** Largest encrypted file decrypted in memory (the plaintext is held whole). */
export const MAX_ENCRYPTED_BYTES = 512 * 1024 * 1024;

const STREAM_PIECE = 64 * 1024;

function* pieces(bytes: Uint8Array): Generator<Buffer> {
  for (let i = 0; i < bytes.length; i += STREAM_PIECE) {
    yield Buffer.from(bytes.buffer, bytes.byteOffset + i, Math.min(STREAM_PIECE, bytes.length - i));
  }
}

/**
 * Open a fleet file. Encrypted ones need `decryption` (key + passphrase); without it the answer
 * is `DECRYPT_FAILED` asking for the passphrase.
 */
export async function openImportSource(file: string, decryption?: Decryption, sheet?: SheetChoice): Promise<ImportSource> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(file);
  } catch (error) {
    throw fileError(file, error);
  }
  if (stat.isDirectory()) throw fileError(file, Object.assign(new Error('folder'), { code: 'EISDIR' }));
  if (isXlsxPath(file)) {
    // An Excel sheet is read as the CSV text of its rows (see xlsx-rows.ts).
    const { head, all } = await xlsxCsvHead(file, SNIFF_BYTES, sheet);
    return { encrypted: false, head, headIsAll: all, sizeBytes: stat.size, stream: () => xlsxCsvStream(file, sheet) };
  }
  const decoder = (bytes: Uint8Array): string => new TextDecoder('utf-8').decode(bytes);

  if (isEncryptedPath(file)) {
    if (!decryption) throw new AppFailure('DECRYPT_FAILED', 'This file is encrypted: a passphrase and an imported key are needed.');
    if (stat.size > MAX_ENCRYPTED_BYTES) {
      throw new AppFailure('FILE_ERROR', `The encrypted file is larger than ${MAX_ENCRYPTED_BYTES / 1024 / 1024} MB and cannot be decrypted in memory.`);
    }
    let encrypted: Buffer;
    try {
      encrypted = await fs.promises.readFile(file);
    } catch (error) {
      throw fileError(file, error);
    }
    const plain = await decryptBytes(encrypted, decryption);
    return {
      encrypted: true,
      head: decoder(plain.subarray(0, SNIFF_BYTES)),
      headIsAll: plain.length <= SNIFF_BYTES,
      sizeBytes: plain.length,
      stream: () => Readable.from(pieces(plain), { objectMode: false }),
    };
  }

  let head: Buffer;
  try {
    const handle = await fs.promises.open(file, 'r');
    try {
      const buffer = Buffer.alloc(Math.min(SNIFF_BYTES, stat.size));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw fileError(file, error);
  }
  return {
    encrypted: false,
    head: decoder(head),
    headIsAll: stat.size <= SNIFF_BYTES,
    sizeBytes: stat.size,
    stream: () => fs.createReadStream(file, { highWaterMark: STREAM_PIECE }),
  };
}
