/**
 * File grants: only regular files the user chose, named by unguessable ids; and every open of an
 * import file refuses FIFOs, devices, folders and sockets at once instead of hanging.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeDecodedVehicle } from '../../../testing/vehicle-fixtures';
import { createFileGrants } from './file-grants';
import { getJob } from '../storage/sqlite/sqlite-import-job-store';
import { createImportHandlers } from './import-handlers';
import { previewImport } from './import-preview';
import type { ImportService } from './import-service';
import { newJob, openTestDatabase, tempDir } from '../../../testing/import-test-support';
import type { KeyStore } from './key-store';
import { runImportJob } from './run-import-job';
import { sqliteImportStores } from '../storage/sqlite/sqlite-import-stores';

const unix = process.platform !== 'win32';
let dir: string;

beforeEach(() => {
  dir = tempDir('file-grants-');
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function writeFile(name: string, text = 'VIN\n2NPPHDF76SJ721751\n'): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

function fifo(name: string): string {
  const file = path.join(dir, name);
  execFileSync('mkfifo', [file]);
  return file;
}

describe('file grants', () => {
  it('grants a regular file under an unguessable id and resolves it to its real path', async () => {
    const grants = createFileGrants();
    const file = writeFile('fleet.csv');
    const link = path.join(dir, 'link.csv');
    fs.symlinkSync(file, link);
    const granted = await grants.grant(link);
    expect(granted).toEqual({ grantId: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), fileName: 'fleet.csv', sizeBytes: fs.statSync(file).size });
    expect(await grants.resolve(granted.grantId)).toBe(fs.realpathSync(file));
    // 32 random bytes each: no two alike, nothing derived from the path.
    const ids = new Set<string>();
    for (let i = 0; i < 200; i += 1) ids.add((await grants.grant(file)).grantId);
    expect(ids.size).toBe(200);
    expect([...ids].some((id) => id.includes('fleet'))).toBe(false);
  });

  it('refuses ids it never handed out (NOT_FOUND), forgets the oldest past its cap', async () => {
    const grants = createFileGrants({ maxGrants: 2 });
    const file = writeFile('fleet.csv');
    const first = await grants.grant(file);
    await expect(grants.resolve(randomBytes(32).toString('base64url'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const flipped = (first.grantId[0] === 'A' ? 'B' : 'A') + first.grantId.slice(1);
    await expect(grants.resolve(flipped)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await grants.grant(file);
    await grants.grant(file);
    await expect(grants.resolve(first.grantId)).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('choose it again') });
  });

  it('a file replaced at the same path since it was chosen must be chosen again', async () => {
    const grants = createFileGrants();
    const file = writeFile('fleet.csv');
    const { grantId } = await grants.grant(file);
    const other = writeFile('other.csv', 'secret\n');
    fs.renameSync(other, file);
    await expect(grants.resolve(grantId)).rejects.toMatchObject({ code: 'FILE_ERROR', message: expect.stringContaining('replaced') });
    fs.rmSync(file);
    await expect(grants.resolve(grantId)).rejects.toMatchObject({ code: 'FILE_ERROR', message: expect.stringContaining('no longer there') });
  });

  it('refuses a folder and a missing file with the reason', async () => {
    const grants = createFileGrants();
    await expect(grants.grant(dir)).rejects.toMatchObject({ code: 'FILE_ERROR', message: expect.stringContaining('it is a folder') });
    await expect(grants.grant(path.join(dir, 'nope.csv'))).rejects.toMatchObject({ code: 'FILE_ERROR', message: expect.stringContaining('does not exist') });
  });

  it.runIf(unix)('refuses a FIFO, a device and a socket at once, without opening them', async () => {
    const grants = createFileGrants();
    const pipe = fifo('pipe.csv');
    const socketPath = path.join(dir, 'sock.csv');
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    try {
      await expect(grants.grant(pipe)).rejects.toMatchObject({ code: 'FILE_ERROR', message: expect.stringContaining('named pipe (FIFO)') });
      await expect(grants.grant('/dev/zero')).rejects.toMatchObject({ code: 'FILE_ERROR', message: expect.stringContaining('device') });
      await expect(grants.grant(socketPath)).rejects.toMatchObject({ code: 'FILE_ERROR', message: expect.stringContaining('socket') });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('grantAll grants what it can and says why it refused the rest (the open dialog answer)', async () => {
    const grants = createFileGrants();
    const file = writeFile('fleet.csv');
    const handlers = createImportHandlers({
      imports: {} as ImportService,
      keyStore: {} as KeyStore,
      grants,
      chooseOpenPaths: async () => [file, dir],
    });
    const answer = await handlers['import:chooseFiles']({});
    expect(answer.files.map((f) => f.fileName)).toEqual(['fleet.csv']);
    expect(answer.refused).toEqual([{ fileName: path.basename(dir), message: expect.stringContaining('folder') }]);
    expect(await grants.resolve(answer.files[0]!.grantId)).toBe(fs.realpathSync(file));
  });
});

describe.runIf(unix)('opening import files', () => {
  let db: Database;
  beforeEach(() => {
    db = openTestDatabase(dir);
  });
  afterEach(() => {
    db.close();
  });

  it('a FIFO (no writer) is refused at once by preview and import, five at a time without starving the thread pool', async () => {
    const pipes = Array.from({ length: 5 }, (_, i) => fifo(`pipe-${i}.csv`));
    const started = Date.now();
    const previews = await Promise.allSettled(pipes.map((p) => previewImport(p)));
    for (const result of previews) {
      expect(result.status).toBe('rejected');
      expect((result as PromiseRejectedResult).reason).toMatchObject({ code: 'FILE_ERROR', message: expect.stringContaining('FIFO') });
    }
    // The pool still answers ordinary file operations.
    expect(fs.existsSync(pipes[0]!)).toBe(true);
    await fs.promises.readFile(writeFile('after.csv'));
    expect(Date.now() - started).toBeLessThan(2000);

    // A job whose stored path became a FIFO fails with the reason instead of hanging.
    const file = writeFile('fleet.csv');
    const jobId = newJob(db, file);
    fs.rmSync(file);
    execFileSync('mkfifo', [file]);
    const decode = async (vins: readonly string[]) => ({ decoded: vins.map((vin) => makeDecodedVehicle({ vin })), failed: [] });
    await expect(runImportJob({ stores: sqliteImportStores(db), decode, now: () => new Date() }, jobId)).rejects.toMatchObject({ code: 'FILE_ERROR' });
    expect(getJob(db, jobId)!.error).toMatchObject({ code: 'FILE_ERROR', message: expect.stringContaining('FIFO') });
  });

  it('a device is refused by preview', async () => {
    await expect(previewImport('/dev/zero')).rejects.toMatchObject({ code: 'FILE_ERROR', message: expect.stringContaining('device') });
  });
});
