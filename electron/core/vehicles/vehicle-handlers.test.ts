/**
 * Remove and undo through the contract: a failed restore keeps the undo usable.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtureVin, makeDecodedVehicle } from '../../../testing/vehicle-fixtures';
import { createAppContext, type AppContext } from '../app/app-context';
import { silentLogger } from '../logging/logger';
import { sqliteDatabaseOf } from '../storage/sqlite/sqlite-fleet-store';

let dir: string;
let context: AppContext;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-undo-'));
  context = await createAppContext({ dataDir: dir, runtime: 'cli', version: 'test', logger: silentLogger(), emit: () => undefined, offline: true });
});
afterEach(async () => {
  await context.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('vehicles:restore', () => {
  it('keeps the undo token when the restore fails, so a second Undo brings back the same vehicles', async () => {
    const vins = [fixtureVin(1), fixtureVin(2), fixtureVin(3)];
    await context.store.vehicles.upsertManyDecoded(
      vins.map((vin) => ({ vehicle: makeDecodedVehicle({ vin }), attributes: { unit: vin.slice(-3) } })),
      new Date('2026-01-02T03:04:05Z'),
    );
    const stored = () => Promise.all(vins.map((vin) => context.store.vehicles.getByVin(vin)));
    const before = await stored();
    const removed = await context.dispatch('vehicles:remove', { ids: before.map((v) => v!.id) });
    expect(removed).toMatchObject({ ok: true, value: { removed: 3 } });
    const token = removed.ok ? (removed.value as { undoToken: string }).undoToken : '';

    // The database refuses writes for a moment (as when the disk is full or read-only).
    sqliteDatabaseOf(context.store).pragma('query_only = ON');
    const failed = await context.dispatch('vehicles:restore', { undoToken: token });
    expect(failed).toMatchObject({ ok: false, error: { code: 'STORAGE_ERROR' } });
    expect(await stored()).toEqual([null, null, null]);

    sqliteDatabaseOf(context.store).pragma('query_only = OFF');
    expect(await context.dispatch('vehicles:restore', { undoToken: token })).toEqual({ ok: true, value: { restored: 3 } });
    expect(await stored()).toEqual(before);
    expect(await context.dispatch('vehicles:restore', { undoToken: token })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
