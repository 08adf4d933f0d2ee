/**
 * Imports through the contract, as the desktop app runs them: queued in main, run in a worker
 * thread, vPIC through main's client, events, notification, taskbar progress, history, report.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EventChannel, EventContract } from '../../../shared/ipc/contract';
import type { ImportJobSummary, ImportPreview, ImportReportPage, ImportStartAnswer, KeyStatus } from '../../../shared/import/import-contract';
import { generateFleetCsv } from '../../../testing/fleet-generator';
import { startVpicSimulator, type VpicSimulator } from '../../../testing/vpic-simulator/vpic-simulator';
import { createAppContext, type AppContext } from '../app/app-context';
import { silentLogger } from '../logging/logger';
import { tempDir, dispatchOrThrow, grantIdFor } from '../../../testing/import-test-support';
import * as openpgp from 'openpgp';
import { sqliteDatabaseOf } from '../storage/sqlite/sqlite-fleet-store';

let sim: VpicSimulator;
let dir: string;
let ctx: AppContext;
let events: { channel: EventChannel; payload: unknown }[];
let notifications: { title: string; body: string }[];
let progressBar: number[];
let finishedWaiters: ((summary: ImportJobSummary) => void)[];

beforeAll(async () => {
  sim = await startVpicSimulator({ referenceYear: 2025, latencyMs: 5 });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  dir = tempDir('import-service-');
  events = [];
  notifications = [];
  progressBar = [];
  finishedWaiters = [];
  ctx = await createAppContext({
    dataDir: dir,
    runtime: 'cli',
    version: 'test',
    logger: silentLogger(),
    vpicUrl: sim.url,
    vpicOptions: { concurrency: 4, ratePerSecond: 1000, retries: 0 },
    importChunkSize: 100,
    emit: <E extends EventChannel>(channel: E, payload: EventContract[E]) => {
      events.push({ channel, payload });
      if (channel === 'import:finished') for (const w of finishedWaiters.splice(0)) w(payload as ImportJobSummary);
    },
    notify: (n) => notifications.push(n),
    setProgressBar: (f) => progressBar.push(f),
    secretStore: {
      isAvailable: () => true,
      encrypt: (text) => Buffer.from(text, 'utf8').reverse(),
      decrypt: (data) => Buffer.from(data).reverse().toString('utf8'),
    },
  });
});
afterEach(async () => {
  await ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function call<T>(channel: string, payload: unknown): Promise<T> {
  return dispatchOrThrow<T>(ctx, channel, payload);
}

function nextFinished(): Promise<ImportJobSummary> {
  return new Promise((resolve) => finishedWaiters.push(resolve));
}

describe('import service (worker thread)', () => {
  it('imports in the background with progress, notification, history and a saved report', async () => {
    const { text, expected } = generateFleetCsv({ seed: 4, rows: 1500, invalidRatio: 0.04, duplicateRatio: 0.05, extraColumns: true, delimiter: ';' });
    const file = path.join(dir, 'fleet.csv');
    fs.writeFileSync(file, text);

    const preview = await call<ImportPreview>('import:preview', { grantId: await grantIdFor(ctx, file) });
    expect(preview).toMatchObject({ delimiter: ';', detectedVinColumn: 'VIN', confident: true, encrypted: false });
    expect(preview.columns).toEqual(['unit_number', 'VIN', 'plate', 'department']);
    expect(preview.sampleRows).toHaveLength(10);

    const finished = nextFinished();
    const started = await call<ImportStartAnswer>('import:start', { grantId: await grantIdFor(ctx, file) });
    expect(started.position).toBe(0);
    // Main answers lookups while the worker imports.
    const lookup = await call<{ cached: boolean }>('vehicles:lookup', { vin: expected.validUnique[0] });
    expect(lookup).toHaveProperty('cached');

    const summary = await finished;
    expect(summary.state).toBe('done');
    expect(summary.counts).toMatchObject({
      total: 1500,
      duplicates: expected.duplicates,
      invalid: expected.invalid.length,
      failed: 0,
    });
    expect(summary.counts.added + summary.counts.updated).toBe(expected.validUnique.length);
    expect(events.some((e) => e.channel === 'import:progress')).toBe(true);
    expect(events.some((e) => e.channel === 'vehicles:changed')).toBe(true);
    expect(notifications).toHaveLength(1);
    expect(notifications[0]!.body).toContain(`${summary.counts.added} added`);
    expect(progressBar.at(-1)).toBe(-1);

    const jobs = await call<{ jobs: ImportJobSummary[] }>('import:jobs', {});
    expect(jobs.jobs[0]!.jobId).toBe(started.jobId);

    const page = await call<ImportReportPage>('import:report', { jobId: started.jobId, offset: 0, limit: 500 });
    expect(page.total).toBe(expected.invalid.length);
    expect(page.rejects.map((r) => r.row)).toEqual(expected.invalid.map((r) => r.row));

    const saved = await call<{ path: string; rows: number }>('import:saveReport', { jobId: started.jobId });
    expect(saved.rows).toBe(expected.invalid.length);
    const csv = fs.readFileSync(saved.path, 'utf8');
    expect(csv.split(/\r?\n/)[0]).toContain('row,value,reason,code');
  });

  it('cancels a running import after its current chunk and resumes it to the full counts', async () => {
    sim.setLatency(40);
    const { text, expected } = generateFleetCsv({ seed: 6, rows: 2000, invalidRatio: 0.02 });
    const file = path.join(dir, 'big.csv');
    fs.writeFileSync(file, text);
    const finished = nextFinished();
    const { jobId } = await call<ImportStartAnswer>('import:start', { grantId: await grantIdFor(ctx, file) });
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (events.some((e) => e.channel === 'vehicles:changed')) {
          clearInterval(check);
          resolve();
        }
      }, 5);
    });
    expect(await call('import:cancel', { jobId })).toEqual({ cancelled: true });
    const cancelled = await finished;
    sim.setLatency(5);
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.resumable).toBe(true);
    expect(cancelled.counts.total).toBeLessThan(2000);

    const again = nextFinished();
    await call('import:resume', { jobId });
    const done = await again;
    expect(done.counts).toEqual({
      total: 2000,
      added: expected.validUnique.length,
      updated: 0,
      duplicates: 0,
      invalid: expected.invalid.length,
      failed: 0,
    });
  });

  it('refuses an ambiguous file without a VIN column, and unknown jobs', async () => {
    const vins = generateFleetCsv({ seed: 2, rows: 5 }).expected.validUnique;
    const file = path.join(dir, 'two.csv');
    fs.writeFileSync(file, ['a,b', ...vins.map((v) => `${v},${v}`)].join('\n'));
    await expect(call('import:start', { grantId: await grantIdFor(ctx, file) })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(ctx.grants.grant(path.join(dir, 'missing.csv'))).rejects.toMatchObject({ code: 'FILE_ERROR' });
    await expect(call('import:resume', { jobId: '6f1c2a8e-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps the import key encrypted at rest and imports an encrypted file with the passphrase', async () => {
    const { privateKey, publicKey } = await openpgp.generateKey({
      type: 'ecc',
      curve: 'curve25519Legacy',
      userIDs: [{ name: 'Fleet Ops', email: 'ops@example.com' }],
      passphrase: 'correct horse',
    });
    const status = await call<KeyStatus>('settings:importKey', { armoredKey: privateKey });
    expect(status).toMatchObject({ hasKey: true, userIds: ['Fleet Ops <ops@example.com>'] });
    const stored = fs.readFileSync(path.join(dir, 'import-key.bin'));
    expect(stored.toString('utf8')).not.toContain('BEGIN PGP PRIVATE KEY');
    await expect(call('settings:importKey', { armoredKey: publicKey })).rejects.toMatchObject({ code: 'INVALID_INPUT' });

    const { text, expected } = generateFleetCsv({ seed: 9, rows: 200, invalidRatio: 0.05 });
    const encrypted = await openpgp.encrypt({
      message: await openpgp.createMessage({ text }),
      encryptionKeys: await openpgp.readKey({ armoredKey: publicKey }),
    });
    const file = path.join(dir, 'fleet.csv.asc');
    fs.writeFileSync(file, encrypted);
    expect((await call<ImportPreview>('import:preview', { grantId: await grantIdFor(ctx, file) })).needsPassphrase).toBe(true);
    await expect(call('import:start', { grantId: await grantIdFor(ctx, file), passphrase: 'wrong' })).rejects.toMatchObject({ code: 'DECRYPT_FAILED' });
    // Decrypted in the preview worker, off main's event loop.
    const preview = await call<ImportPreview>('import:preview', { grantId: await grantIdFor(ctx, file), passphrase: 'correct horse' });
    expect(preview).toMatchObject({ encrypted: true, needsPassphrase: false, detectedVinColumn: 'VIN', confident: true });
    expect(preview.sampleRows.length).toBeGreaterThan(0);

    // An encrypted file whose VIN column is unclear is refused before a job exists, like a plain one.
    const unclear = path.join(dir, 'unclear.csv.asc');
    fs.writeFileSync(
      unclear,
      await openpgp.encrypt({
        message: await openpgp.createMessage({ text: 'a,b\nx,y\nz,w\n' }),
        encryptionKeys: await openpgp.readKey({ armoredKey: publicKey }),
      }),
    );
    const jobsBefore = (await call<{ jobs: unknown[] }>('import:jobs', {})).jobs.length;
    await expect(call('import:start', { grantId: await grantIdFor(ctx, unclear), passphrase: 'correct horse' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect((await call<{ jobs: unknown[] }>('import:jobs', {})).jobs.length).toBe(jobsBefore);

    const finished = nextFinished();
    await call('import:start', { grantId: await grantIdFor(ctx, file), passphrase: 'correct horse' });
    const done = await finished;
    expect(done.counts.added).toBe(expected.validUnique.length);
    expect(done.counts.invalid).toBe(expected.invalid.length);

    expect(await call('settings:removeKey', {})).toEqual({ removed: true });
    expect(await call<KeyStatus>('settings:keyStatus', {})).toMatchObject({ hasKey: false });
  });

  it('names files only by grant: a raw path is INVALID_INPUT, a grant never handed out is NOT_FOUND', async () => {
    const file = path.join(dir, 'fleet.csv');
    fs.writeFileSync(file, 'VIN\n2NPPHDF76SJ721751\n');
    for (const channel of ['import:preview', 'import:start']) {
      await expect(call(channel, { path: file })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      await expect(call(channel, { path: '/etc/passwd' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      await expect(call(channel, { grantId: randomBytes(32).toString('base64url') })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    const grantId = await grantIdFor(ctx, file);
    const preview = await call<ImportPreview>('import:preview', { grantId });
    expect(preview).toMatchObject({ grantId, fileName: 'fleet.csv', encoding: 'utf-8', detectedVinColumn: 'VIN' });
    expect(preview).not.toHaveProperty('path');
  });

  it('refuses to resume a job whose file changed (FILE_CHANGED) and imports it whole with import:restart', async () => {
    sim.setLatency(40);
    const original = generateFleetCsv({ seed: 61, rows: 2000, invalidRatio: 0, duplicateRatio: 0 });
    const file = path.join(dir, 'fleet.csv');
    fs.writeFileSync(file, original.text);
    const finished = nextFinished();
    const { jobId } = await call<ImportStartAnswer>('import:start', { grantId: await grantIdFor(ctx, file) });
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (events.some((e) => e.channel === 'vehicles:changed')) {
          clearInterval(check);
          resolve();
        }
      }, 5);
    });
    await call('import:cancel', { jobId });
    const cancelled = await finished;
    sim.setLatency(5);
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.counts.total).toBeLessThan(2000);

    const top = generateFleetCsv({ seed: 62, rows: 300, invalidRatio: 0, duplicateRatio: 0 });
    const cut = (text: string): number => text.indexOf('\n') + 1;
    fs.writeFileSync(file, original.text.slice(0, cut(original.text)) + top.text.slice(cut(top.text)) + original.text.slice(cut(original.text)));

    await expect(call('import:resume', { jobId })).rejects.toMatchObject({ code: 'FILE_CHANGED', message: expect.stringContaining('Import it as a new job') });
    expect((await call<{ jobs: ImportJobSummary[] }>('import:jobs', {})).jobs.find((j) => j.jobId === jobId)?.state).toBe('cancelled');

    const again = nextFinished();
    const restarted = await call<ImportStartAnswer>('import:restart', { jobId });
    expect(restarted.jobId).not.toBe(jobId);
    const done = await again;
    expect(done.state).toBe('done');
    expect(done.counts.total).toBe(2300);
    expect(done.counts.added + done.counts.updated).toBe(2300);
    const stored = sqliteDatabaseOf(ctx.store).prepare('SELECT COUNT(*) AS n FROM vehicles').get() as { n: number };
    expect(stored.n).toBe(2300);
  });
});
