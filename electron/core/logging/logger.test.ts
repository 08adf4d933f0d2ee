import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, LOG_ROTATION, logFilePath, type Logger } from './logger';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-logger-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** pino writes asynchronously through the rotating stream; flush and wait for the bytes. */
async function linesOf(logger: Logger, file: string, count: number): Promise<Record<string, unknown>[]> {
  logger.flush();
  for (let i = 0; i < 200; i++) {
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    const lines = text.split('\n').filter(Boolean);
    if (lines.length >= count) return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`expected ${count} log lines in ${file}`);
}

describe('createLogger', () => {
  it('writes JSON lines with levels to fleet-vin-lookup.log in the log folder, honouring the level', async () => {
    const logDir = path.join(dir, 'logs');
    const logger = createLogger({ logDir, level: 'info' });
    logger.debug('hidden');
    logger.info({ vpic: { status: 200, durationMs: 12 } }, 'vpic request');
    logger.error({ err: new Error('boom') }, 'handler failed');
    const lines = await linesOf(logger, logFilePath(logDir), 2);
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [30, 'vpic request'],
      [50, 'handler failed'],
    ]);
    expect(lines[0]!.vpic).toEqual({ status: 200, durationMs: 12 });
    expect((lines[1]!.err as { stack: string }).stack).toMatch(/boom/);
    expect(typeof lines[0]!.time).toBe('number');
  });

  it('never writes a passphrase, key material or a database password: each is replaced by [redacted]', async () => {
    const logDir = path.join(dir, 'logs');
    const logger = createLogger({ logDir });
    const secrets = {
      passphrase: 'correct horse battery staple',
      privateKey: 'PRIVATE-KEY-BYTES-123',
      armoredKey: '-----BEGIN PGP PRIVATE KEY BLOCK-----\nsecret\n-----END PGP PRIVATE KEY BLOCK-----',
      password: 'team-database-password',
    };
    logger.info(secrets, 'top level');
    logger.info({ request: secrets, key: 'k-1' }, 'nested');
    const text = (await linesOf(logger, logFilePath(logDir), 2)).map((l) => JSON.stringify(l)).join('\n');
    for (const secret of [...Object.values(secrets), 'k-1']) expect(text).not.toContain(JSON.stringify(secret).slice(1, -1));
    expect(text.match(/\[redacted\]/g)?.length).toBe(9);
  });

  it('rotates the file when it reaches its size', async () => {
    // Its own folder, left to the OS's temp cleaning: the rotating stream keeps writing its
    // history file after the test, and removing the folder under it would fail the run.
    const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-rotation-'));
    const logger = createLogger({ logDir, rotation: { size: '1K', maxFiles: 3 } });
    for (let i = 0; i < 60; i++) logger.info({ i, filler: 'x'.repeat(100) }, 'line');
    const rotated = (): string[] => fs.readdirSync(logDir).filter((f) => f !== 'fleet-vin-lookup.log' && f.endsWith('fleet-vin-lookup.log'));
    for (let attempt = 0; attempt < 200 && rotated().length === 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(rotated().length).toBeGreaterThanOrEqual(1);
    expect(LOG_ROTATION).toEqual({ size: '10M', interval: '1d', maxFiles: 7 });
  });

  it('redacts secrets two objects deep too', async () => {
    const logDir = path.join(dir, 'logs');
    const logger = createLogger({ logDir });
    logger.info({ job: { decryption: { passphrase: 'deep-secret-1', armoredKey: 'deep-secret-2' } } }, 'deep');
    const text = JSON.stringify(await linesOf(logger, logFilePath(logDir), 1));
    expect(text).not.toContain('deep-secret');
    expect(text.match(/\[redacted\]/g)?.length).toBe(2);
  });

  it('is silent without a destination', () => {
    expect(createLogger({}).isLevelEnabled('error')).toBe(false);
  });
});
