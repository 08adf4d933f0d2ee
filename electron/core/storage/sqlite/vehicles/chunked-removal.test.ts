/**
 * Large removals and their undo run in chunks: the event loop keeps answering, progress is
 * reported, the removed rows wait in SQLite (not in memory), and a failure leaves nothing half-done.
 */
import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RemovalProgress } from '../../../../../shared/vehicles/vehicles-contract';
import { fixtureVin, makeDecodedVehicle } from '../../../../../testing/vehicle-fixtures';
import { createAppContext, type AppContext } from '../../../app/app-context';
import { silentLogger } from '../../../logging/logger';
import { nextChunkSize, removeInChunks } from './chunked-removal';
import { createUndoStash } from './undo-stash';
import { SMALL_REMOVAL } from '../sqlite-removal-store';
import { countVehicles, getById, getByVin, upsertManyDecoded } from './vehicle-repository';
import { sqliteDatabaseOf } from '../sqlite-fleet-store';

let dir: string;
let context: AppContext;
let progress: RemovalProgress[];
let onFirstProgress: () => void = () => undefined;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-removal-'));
  progress = [];
  context = await createAppContext({
    dataDir: dir,
    runtime: 'cli',
    version: 'test',
    logger: silentLogger(),
    emit: (channel, payload) => {
      if (channel === 'vehicles:removalProgress') {
        progress.push(payload as RemovalProgress);
        onFirstProgress();
      }
    },
    offline: true,
  });
});
afterEach(async () => {
  await context.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function seed(n: number): number[] {
  upsertManyDecoded(
    sqliteDatabaseOf(context.store),
    Array.from({ length: n }, (_, i) => ({ vehicle: makeDecodedVehicle({ vin: fixtureVin(i) }), attributes: { unit: String(i) } })),
    new Date('2026-01-02T03:04:05Z'),
  );
  return Array.from({ length: n }, (_, i) => getByVin(sqliteDatabaseOf(context.store), fixtureVin(i))!.id);
}

function stashTables(): string[] {
  return sqliteDatabaseOf(context.store)
    .prepare<[], { name: string }>("SELECT name FROM temp.sqlite_master WHERE type = 'table'")
    .all()
    .map((r) => r.name);
}

describe('vehicles:remove and vehicles:restore in chunks', () => {
  it('keeps answering other requests while a large removal runs in the worker, and reports progress', async () => {
    const ids = seed(2_500);
    const sample = [ids[0]!, ids[1_234]!, ids[2_499]!].map((id) => getById(sqliteDatabaseOf(context.store), id)!);
    let removalDone = false;
    const firstProgress = new Promise<void>((resolve) => (onFirstProgress = resolve));
    const removing = context.dispatch('vehicles:remove', { ids }).finally(() => (removalDone = true));
    await firstProgress;
    // Asked while the removal runs: answered at once, with part of the fleet already gone.
    const page = await context.dispatch('vehicles:list', { limit: 1 });
    expect(removalDone).toBe(false);
    expect(page).toMatchObject({ ok: true });
    expect(page.ok ? (page.value as { total: number }).total : -1).toBeLessThan(2_500);

    const removed = await removing;
    expect(removed).toMatchObject({ ok: true, value: { removed: 2_500 } });
    expect(countVehicles(sqliteDatabaseOf(context.store))).toBe(0);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.every((p) => p.operation === 'remove' && p.total === 2_500)).toBe(true);
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
    expect(progress.at(-1)!.done).toBe(2_500);
    // The removed rows wait in the worker's temporary tables, not in main's memory or tables.
    expect(stashTables()).toEqual([]);

    progress = [];
    const token = removed.ok ? (removed.value as { undoToken: string }).undoToken : '';
    expect(await context.dispatch('vehicles:restore', { undoToken: token })).toEqual({ ok: true, value: { restored: 2_500 } });
    expect(countVehicles(sqliteDatabaseOf(context.store))).toBe(2_500);
    for (const vehicle of sample) expect(getById(sqliteDatabaseOf(context.store), vehicle.id)).toEqual(vehicle);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every((p) => p.operation === 'restore')).toBe(true);
    expect(progress.at(-1)).toEqual({ operation: 'restore', done: 2_500, total: 2_500 });
    expect(await context.dispatch('vehicles:restore', { undoToken: token })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('removes a few vehicles at once on the main connection, and undoes them there', async () => {
    const ids = seed(SMALL_REMOVAL);
    const removed = await context.dispatch('vehicles:remove', { ids });
    expect(removed).toMatchObject({ ok: true, value: { removed: SMALL_REMOVAL } });
    expect(stashTables()).toHaveLength(1);
    const token = removed.ok ? (removed.value as { undoToken: string }).undoToken : '';
    expect(await context.dispatch('vehicles:restore', { undoToken: token })).toEqual({ ok: true, value: { restored: SMALL_REMOVAL } });
    expect(stashTables()).toEqual([]);
  });

  it('refuses a second Undo of the same removal while the first one runs', async () => {
    const ids = seed(1_500);
    const removed = await context.dispatch('vehicles:remove', { ids });
    const token = removed.ok ? (removed.value as { undoToken: string }).undoToken : '';
    const first = context.dispatch('vehicles:restore', { undoToken: token });
    const second = await context.dispatch('vehicles:restore', { undoToken: token });
    expect(second).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await first).toEqual({ ok: true, value: { restored: 1_500 } });
    expect(countVehicles(sqliteDatabaseOf(context.store))).toBe(1_500);
  });
});

describe('an undo that fails in the worker', () => {
  it('answers STORAGE_ERROR and keeps the token, so a second Undo brings every vehicle back', async () => {
    await context.close();
    // A short wait for the write lock, so the lock below makes the worker's restore fail quickly.
    context = await createAppContext({ dataDir: dir, runtime: 'cli', version: 'test', logger: silentLogger(), emit: () => undefined, offline: true, busyTimeoutMs: 100 });
    const ids = seed(SMALL_REMOVAL + 50);
    const removed = await context.dispatch('vehicles:remove', { ids });
    expect(removed).toMatchObject({ ok: true, value: { removed: SMALL_REMOVAL + 50 } });
    const token = removed.ok ? (removed.value as { undoToken: string }).undoToken : '';

    const other = new BetterSqlite3(context.paths.databasePath);
    other.exec('BEGIN IMMEDIATE');
    const failed = await context.dispatch('vehicles:restore', { undoToken: token });
    other.exec('ROLLBACK');
    other.close();
    expect(failed).toMatchObject({ ok: false, error: { code: 'STORAGE_ERROR' } });
    if (!failed.ok) expect(failed.error.message).toContain('is locked by another program');
    expect(countVehicles(sqliteDatabaseOf(context.store))).toBe(0);

    expect(await context.dispatch('vehicles:restore', { undoToken: token })).toEqual({ ok: true, value: { restored: SMALL_REMOVAL + 50 } });
    expect(countVehicles(sqliteDatabaseOf(context.store))).toBe(SMALL_REMOVAL + 50);
  });
});

describe('removeInChunks', () => {
  it('puts every vehicle back when a chunk fails half-way, and rethrows', async () => {
    const ids = seed(600);
    const before = getById(sqliteDatabaseOf(context.store), ids[10]!);
    const stash = createUndoStash(sqliteDatabaseOf(context.store));
    let chunks = 0;
    const failingThird = {
      ...stash,
      begin: () => {
        const writer = stash.begin();
        return {
          ...writer,
          get count() {
            return writer.count;
          },
          moveChunk: (chunk: readonly number[]) => {
            if (++chunks === 3) throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' });
            return writer.moveChunk(chunk);
          },
          seal: () => writer.seal(),
          putBack: () => writer.putBack(),
        };
      },
    };
    await expect(removeInChunks(failingThird, ids, { budgetMs: 0 })).rejects.toMatchObject({ code: 'SQLITE_IOERR_WRITE' });
    expect(chunks).toBe(3);
    expect(countVehicles(sqliteDatabaseOf(context.store))).toBe(600);
    expect(getById(sqliteDatabaseOf(context.store), ids[10]!)).toEqual(before);
    expect(stashTables()).toEqual([]);
  });

  it('drops an expired stash', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const stash = createUndoStash(sqliteDatabaseOf(context.store), () => now, 1_000);
    const { token } = await removeInChunks(stash, seed(10));
    expect(stashTables()).toHaveLength(1);
    now = new Date(now.getTime() + 1_000);
    expect(stash.peek(token)).toBeNull();
    expect(stashTables()).toEqual([]);
  });
});

describe('nextChunkSize', () => {
  it('follows the time budget, at most doubling, within bounds', () => {
    expect(nextChunkSize(200, 16, 8)).toBe(100);
    expect(nextChunkSize(200, 2, 8)).toBe(400);
    expect(nextChunkSize(200, 0, 8)).toBe(400);
    expect(nextChunkSize(4_000, 1, 8)).toBe(5_000);
    expect(nextChunkSize(30, 1_000, 8)).toBe(20);
  });
});
