/**
 * Which text encoding a fleet file is in, and decoding it as a stream.
 *
 * Excel writes "CSV UTF-8" (UTF-8 with a BOM), "CSV" (the Windows code page: Windows-1252 on
 * Western systems) and "Unicode Text" (UTF-16 LE with a BOM, tab-separated). Detection is the
 * mechanism browsers and editors use: a byte order mark decides; else text that is valid UTF-8
 * is UTF-8 (legacy 8-bit text with accented letters almost never is); else Windows-1252, whose
 * printable characters include all of Latin-1. Decoding is iconv-lite's (pure JavaScript, the
 * decoder behind body-parser and jsdom), streaming, so a file of any size is decoded in pieces.
 * A byte sequence the encoding cannot map becomes U+FFFD, which the importer never stores
 * silently: the row is rejected with a reason.
 */
import { Transform } from 'node:stream';
import iconv from 'iconv-lite';
import type { FileEncoding } from '../../../shared/import/import-contract';

export interface DetectedEncoding {
  readonly encoding: FileEncoding;
  /** Length of the byte order mark at the start (0 when none). */
  readonly bomLength: number;
}

/** True when `bytes` is valid UTF-8 (a sequence cut by the end of a partial read is allowed). */
function isValidUtf8(bytes: Uint8Array, whole: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !whole });
    return true;
  } catch {
    return false;
  }
}

/**
 * The encoding of a file from its first bytes (`whole`: they are the whole file).
 *
 * Only the start is looked at; a UTF-8 file with a stray Windows-1252 byte further on is read as
 * UTF-8, and that byte's row is rejected (U+FFFD) rather than guessed.
 */
export function detectEncoding(head: Uint8Array, whole: boolean): DetectedEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  return { encoding: isValidUtf8(head, whole) ? 'utf-8' : 'windows-1252', bomLength: 0 };
}

/** Decode the start of a file (BOM dropped). A character cut by the end of a partial read is dropped. */
export function decodeHead(head: Uint8Array, detected: DetectedEncoding, whole: boolean): string {
  let bytes = Buffer.from(head.buffer, head.byteOffset, head.byteLength).subarray(detected.bomLength);
  if (!whole && detected.encoding !== 'utf-8' && detected.encoding !== 'windows-1252') bytes = bytes.subarray(0, bytes.length - (bytes.length % 2));
  if (detected.encoding === 'utf-8') return new TextDecoder('utf-8').decode(bytes, { stream: !whole });
  return iconv.decode(bytes, detected.encoding, { stripBOM: false });
}

/**
 * A stream turning the file's bytes into UTF-8 bytes (what the CSV parser reads), BOM dropped.
 * UTF-8 passes through untouched (the parser drops its BOM itself).
 */
export function toUtf8Stream(detected: DetectedEncoding): Transform {
  if (detected.encoding === 'utf-8') return new Transform({ transform: (chunk: Buffer, _enc, done) => done(null, chunk) });
  const decoder = iconv.getDecoder(detected.encoding, { stripBOM: true });
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      const text = decoder.write(chunk);
      done(null, text === '' ? undefined : Buffer.from(text, 'utf8'));
    },
    flush(done) {
      const rest = decoder.end();
      done(null, rest ? Buffer.from(rest, 'utf8') : undefined);
    },
  });
}
