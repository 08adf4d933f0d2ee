/**
 * A database damaged while the app runs (not only at start-up) is answered with STORAGE_ERROR
 * and offered for recovery: one `app:notice` and one call to the shell's recovery prompt.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppNotice } from '../../../shared/ipc/app-info';
import { fixtureVin, makeDecodedVehicle } from '../../../testing/vehicle-fixtures';
import type { StorageError } from '../storage/sqlite/db/open-database';
import { silentLogger } from '../logging/logger';
import { createAppContext, type AppContext } from './app-context';
import { sqliteDatabaseOf } from '../storage/sqlite/sqlite-fleet-store';

let dir: string;
let context: AppContext;
let notices: AppNotice[];
let damaged: StorageError[];

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-damage-'));
  notices = [];
  damaged = [];
  context = await createAppContext({
    dataDir: dir,
    runtime: 'cli',
    version: 'test',
    logger: silentLogger(),
    emit: (channel, payload) => {
      if (channel === 'app:notice') notices.push(payload as AppNotice);
    },
    offline: true,
    onDatabaseDamaged: (error) => damaged.push(error),
  });
});
afterEach(async () => {
  await context.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Overwrite the vehicles table's root page on disk, as a failing disk or a stray program would. */
function damageVehiclesTable(): void {
  const db = sqliteDatabaseOf(context.store);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const { rootpage } = db.prepare<[], { rootpage: number }>("SELECT rootpage FROM sqlite_master WHERE name = 'vehicles'").get()!;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const fd = fs.openSync(context.paths.databasePath, 'r+');
  try {
    fs.writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (rootpage - 1) * pageSize);
  } finally {
    fs.closeSync(fd);
  }
  db.pragma('cache_size = 0'); // let the next query read the page from disk
}

describe('a database damaged while the app runs', () => {
  it('answers STORAGE_ERROR, sends one notice and asks the shell to offer recovery once', async () => {
    await context.store.vehicles.upsertManyDecoded(Array.from({ length: 300 }, (_, i) => ({ vehicle: makeDecodedVehicle({ vin: fixtureVin(i) }) })), new Date());
    expect(await context.dispatch('vehicles:list', { limit: 5 })).toMatchObject({ ok: true });
    damageVehiclesTable();

    for (let i = 0; i < 2; i++) {
      const answer = await context.dispatch('vehicles:list', { limit: 5 });
      expect(answer).toMatchObject({ ok: false, error: { code: 'STORAGE_ERROR' } });
      if (!answer.ok) expect(answer.error.message).toContain('is damaged');
    }
    expect(damaged.map((e) => e.problem)).toEqual(['corrupt']);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ level: 'error' });
    expect(notices[0]!.message).toContain(`The database file ${context.paths.databasePath} is damaged`);
  });
});
