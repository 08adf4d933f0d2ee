/**
 * The SQLite store through its interface: the contract every store shares, then what only the
 * embedded file does (backup, a snapshot reader, the removal worker, no remote changes).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtureVin, makeDecodedVehicle } from '../../../../testing/vehicle-fixtures';
import { describeFleetStoreContract } from '../fleet-store-contract';
import type { FleetStore } from '../fleet-store';
import { openFleetStore } from '../open-fleet-store';
import { refuseStoreFiles } from '../store-files';
import { SMALL_REMOVAL } from './sqlite-removal-store';
import { openSqliteFleetStore, sqliteDatabaseOf } from './sqlite-fleet-store';

const NOW = new Date('2026-03-04T05:06:07.000Z');
const dirs: string[] = [];

function freshDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-sqlite-store-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describeFleetStoreContract('SQLite', () => openFleetStore({ kind: 'sqlite', path: path.join(freshDir(), 'fleet.sqlite') }));

describe('SQLite store', () => {
  let file: string;
  let store: FleetStore;

  beforeEach(async () => {
    file = path.join(freshDir(), 'fleet.sqlite');
    store = await openSqliteFleetStore({ kind: 'sqlite', path: file });
  });
  afterEach(async () => {
    await store.close();
  });

  const seed = (n: number) =>
    store.vehicles.upsertManyDecoded(
      Array.from({ length: n }, (_, i) => ({ vehicle: makeDecodedVehicle({ vin: fixtureVin(i + 1) }) })),
      NOW,
    );

  it('backs the file up into one copy that opens as a store with the same vehicles', async () => {
    await seed(3);
    const target = path.join(path.dirname(file), 'copy.sqlite');
    expect(store.backup).toBeDefined();
    const backup = await store.backup!(target);
    expect(backup).toMatchObject({ path: target, bytes: fs.statSync(target).size });
    const copy = await openFleetStore({ kind: 'sqlite', path: target });
    try {
      expect(await copy.vehicles.count()).toBe(3);
    } finally {
      await copy.close();
    }
    await expect(store.backup!(file)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(refuseStoreFiles(store.location)(file)).toMatch(/own database/);
    expect(refuseStoreFiles({ kind: 'postgres', url: 'postgres://u@h/db' })(file)).toBeNull();
  });

  it('reads one moment in a snapshot store while the app keeps writing', async () => {
    await seed(2);
    const reader = await openFleetStore(store.location, { snapshot: true });
    try {
      await store.vehicles.upsertDecoded({ vehicle: makeDecodedVehicle({ vin: fixtureVin(50) }) }, NOW);
      expect(await store.vehicles.count()).toBe(3);
      expect(await reader.exports.count()).toBe(2);
      const rows: number[] = [];
      for await (const batch of reader.exports.rows({ batchSize: 10, withRaw: false })) rows.push(...batch.map((r) => r.id));
      expect(rows).toHaveLength(2);
    } finally {
      await reader.close();
    }
  });

  it('removes and restores a large removal in the worker, with progress and the same ids', async () => {
    const stored = await seed(SMALL_REMOVAL + 20);
    const ids = stored.map((s) => s.id);
    const progress: number[] = [];
    const removal = await store.removals.remove(ids, (p) => progress.push(p.done));
    expect(removal.removed).toBe(ids.length);
    expect(progress.at(-1)).toBe(ids.length);
    expect(await store.vehicles.count()).toBe(0);
    expect(await store.removals.restore(removal.token, () => undefined)).toBe(ids.length);
    expect(await store.vehicles.idsMatching({})).toEqual(ids);
  });

  it('has nobody else to tell: announce does nothing and no remote change ever arrives', async () => {
    const heard: unknown[] = [];
    const unsubscribe = store.onRemoteChange((change) => heard.push(change));
    await store.announce({ reason: 'lookup', count: 1 });
    await seed(1);
    unsubscribe();
    expect(heard).toEqual([]);
  });

  it('hands its connection to tests and benches, and only for SQLite', () => {
    expect(sqliteDatabaseOf(store).name).toBe(file);
    const other = { ...store, location: { kind: 'postgres', url: 'postgres://u@h/db' } } as FleetStore;
    expect(() => sqliteDatabaseOf(other)).toThrow(/not SQLite \(it is postgres\)/);
  });
});

describe('openFleetStore', () => {
  it('opens a PostgreSQL location with the server store, which names an unreachable server in words', async () => {
    await expect(openFleetStore({ kind: 'postgres', url: 'postgres://fleet@127.0.0.1:1/fleet' })).rejects.toMatchObject({
      problem: 'unavailable',
      message: expect.stringContaining('127.0.0.1:1'),
    });
  });
});
