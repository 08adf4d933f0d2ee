/**
 * The text of a fleet file: straight from disk, or decrypted in memory; decoded to UTF-8.
 *
 * Gives the first ~64 KB as text for layout sniffing and a fresh stream of the whole text (as
 * UTF-8 bytes) for parsing. Encrypted files are decrypted once into memory and streamed from
 * there; the plaintext never touches the disk. Every open goes through `openRegularFile`: a
 * FIFO, device or folder is refused, never waited on.
 */
import { PassThrough, Readable, type Transform } from 'node:stream';
import type { FileEncoding } from '../../../shared/import/import-contract';
import { AppFailure } from '../ipc/app-failure';
import { notCsv, SNIFF_BYTES, knownNotCsv } from './csv-layout';
import { decryptBytes, isEncryptedPath, type Decryption } from './openpgp-file';
import { openRegularFile, unreadableFile } from './regular-file';
import { decodeHead, detectEncoding, toUtf8Stream, type DetectedEncoding } from './text-encoding';
import { isXlsxPath, xlsxCsvHead, xlsxCsvStream, type SheetChoice } from './xlsx-rows';

export interface ImportSource {
  readonly encrypted: boolean;
  /** The detected text encoding of the (plaintext) file. */
  readonly encoding: FileEncoding;
  /** The start of the plaintext, decoded (for sniffing the layout). */
  readonly head: string;
  /** True when `head` is the whole plaintext. */
  readonly headIsAll: boolean;
  /** Plaintext size in bytes (for the progress fraction). */
  readonly sizeBytes: number;
  /**
   * A new stream of the whole text as UTF-8 bytes. `onSourceBytes` is told how many bytes of
   * the file itself were read (the progress fraction: decoding changes the byte count).
   */
  stream(onSourceBytes?: (bytes: number) => void): Readable;
}

/** Largest encrypted file decrypted in memory (the plaintext is held whole). */
export const MAX_ENCRYPTED_BYTES = 512 * 1024 * 1024;

const STREAM_PIECE = 64 * 1024;

function* pieces(bytes: Uint8Array): Generator<Buffer> {
  for (let i = 0; i < bytes.length; i += STREAM_PIECE) {
    yield Buffer.from(bytes.buffer, bytes.byteOffset + i, Math.min(STREAM_PIECE, bytes.length - i));
  }
}

/** Decode `raw` (the file's bytes) to UTF-8, counting the raw bytes as they pass. */
function decoded(raw: Readable, detected: DetectedEncoding, onSourceBytes?: (bytes: number) => void): Readable {
  const decoder: Transform = toUtf8Stream(detected);
  if (onSourceBytes) raw.on('data', (chunk: Buffer) => onSourceBytes(chunk.length));
  raw.on('error', (error) => decoder.destroy(error));
  decoder.on('close', () => raw.destroy());
  return raw.pipe(decoder);
}

/** `raw` as it is, telling `onSourceBytes` how many bytes passed (the progress fraction). */
function counted(raw: Readable, onSourceBytes?: (bytes: number) => void): Readable {
  if (!onSourceBytes) return raw;
  const out = new PassThrough();
  raw.on('data', (chunk: Buffer) => onSourceBytes(chunk.length));
  raw.on('error', (error) => out.destroy(error));
  out.on('close', () => raw.destroy());
  return raw.pipe(out);
}

/** Sniff what the text is: refuse known binary formats, detect the encoding, decode the head. */
function sniff(headBytes: Uint8Array, whole: boolean): { detected: DetectedEncoding; head: string } {
  const known = knownNotCsv(headBytes);
  if (known !== null) throw notCsv(known);
  const detected = detectEncoding(headBytes, whole);
  return { detected, head: decodeHead(headBytes, detected, whole) };
}

/**
 * Open a fleet file. Encrypted ones need `decryption` (key + passphrase); without it the answer
 * is `DECRYPT_FAILED` asking for the passphrase.
 */
export async function openImportSource(file: string, decryption?: Decryption, sheet?: SheetChoice): Promise<ImportSource> {
  if (isXlsxPath(file)) {
    // An Excel sheet is read as the CSV text of its rows (see xlsx-rows.ts); opened the careful
    // way first, so a FIFO or folder named .xlsx is refused like any other file.
    const { handle, stat } = await openRegularFile(file);
    await handle.close();
    const { head, all } = await xlsxCsvHead(file, SNIFF_BYTES, sheet);
    return {
      encrypted: false,
      encoding: 'utf-8',
      head,
      headIsAll: all,
      sizeBytes: stat.size,
      stream: (onSourceBytes) => counted(xlsxCsvStream(file, sheet), onSourceBytes),
    };
  }
  if (isEncryptedPath(file)) {
    if (!decryption) throw new AppFailure('DECRYPT_FAILED', 'This file is encrypted: a passphrase and an imported key are needed.');
    const { handle, stat } = await openRegularFile(file);
    let encrypted: Buffer;
    try {
      if (stat.size > MAX_ENCRYPTED_BYTES) {
        throw new AppFailure('FILE_ERROR', `The encrypted file is larger than ${MAX_ENCRYPTED_BYTES / 1024 / 1024} MB and cannot be decrypted in memory.`);
      }
      encrypted = await handle.readFile();
    } catch (error) {
      throw error instanceof AppFailure ? error : unreadableFile(file, (error as Error).message, error);
    } finally {
      await handle.close();
    }
    const plain = await decryptBytes(encrypted, decryption);
    const whole = plain.length <= SNIFF_BYTES;
    const { detected, head } = sniff(plain.subarray(0, SNIFF_BYTES), whole);
    return {
      encrypted: true,
      encoding: detected.encoding,
      head,
      headIsAll: whole,
      sizeBytes: plain.length,
      stream: (onSourceBytes) => decoded(Readable.from(pieces(plain), { objectMode: false }), detected, onSourceBytes),
    };
  }

  const { handle, stat } = await openRegularFile(file);
  let headBytes: Buffer;
  try {
    const buffer = Buffer.alloc(Math.min(SNIFF_BYTES, stat.size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    headBytes = buffer.subarray(0, bytesRead);
  } catch (error) {
    throw unreadableFile(file, (error as Error).message, error);
  } finally {
    await handle.close();
  }
  const whole = stat.size <= SNIFF_BYTES;
  const { detected, head } = sniff(headBytes, whole);
  return {
    encrypted: false,
    encoding: detected.encoding,
    head,
    headIsAll: whole,
    sizeBytes: stat.size,
    stream: (onSourceBytes) => decoded(Readable.from(reopen(file), { objectMode: false }), detected, onSourceBytes),
  };
}

/** The file's bytes, opened again the careful way (a swap for a FIFO since the sniff is refused too). */
async function* reopen(file: string): AsyncGenerator<Buffer> {
  const { handle } = await openRegularFile(file);
  for await (const chunk of handle.createReadStream({ highWaterMark: STREAM_PIECE })) yield chunk as Buffer;
}
