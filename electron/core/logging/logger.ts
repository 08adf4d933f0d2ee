/**
 * Structured logs (pino) to a rotating file in the app's log folder.
 *
 * One logger serves the Electron shell, the CLI and the e2e host. Secrets never go in: the
 * redact list removes key material, passphrases and database passwords wherever they would appear.
 */
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { createStream } from 'rotating-file-stream';

export type Logger = pino.Logger;

/** Secret field names, redacted at the top level and up to two objects deep. */
const SECRET_FIELDS = ['passphrase', 'privateKey', 'armoredKey', 'key', 'password'] as const;

export const REDACTED_PATHS = SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);

/** Rotation: a new file daily and at 10 MB, 7 files kept. */
export const LOG_ROTATION = { size: '10M', interval: '1d', maxFiles: 7 } as const;

export interface LoggerOptions {
  /** Folder for `fleet-vin-lookup.log` (rotated daily and at 10 MB, 7 files kept). Omit for no file. */
  readonly logDir?: string;
  readonly level?: pino.LevelWithSilent;
  /** Also write to stderr (the CLI with --verbose, the e2e host). */
  readonly stderr?: boolean;
  /** Rotation settings (tests rotate at a few bytes to see it happen). */
  readonly rotation?: { readonly size: string; readonly interval?: string; readonly maxFiles: number };
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  if (level === 'silent') return pino({ level: 'silent' });
  const streams: pino.StreamEntry[] = [];
  if (options.logDir) {
    fs.mkdirSync(options.logDir, { recursive: true });
    const rotation = options.rotation ?? LOG_ROTATION;
    const file = createStream('fleet-vin-lookup.log', {
      path: options.logDir,
      size: rotation.size,
      ...(rotation.interval ? { interval: rotation.interval } : {}),
      maxFiles: rotation.maxFiles,
    });
    streams.push({ level, stream: file });
  }
  if (options.stderr) streams.push({ level, stream: process.stderr });
  if (streams.length === 0) return pino({ level: 'silent' });
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, pino.multistream(streams));
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

export function logFilePath(logDir: string): string {
  return path.join(logDir, 'fleet-vin-lookup.log');
}
