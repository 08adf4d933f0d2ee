/**
 * Two desks on one team database: what one desk changes reaches the other desk's window as
 * `vehicles:changed` within 2 seconds (PostgreSQL LISTEN/NOTIFY through the whole core), and a
 * desk does not hear its own change back from the server.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { VehiclesChanged } from '../../../shared/vehicles/vehicles-contract';
import { createTestDatabase, testPostgresUrl, type TestDatabase } from '../../../testing/postgres-test-database';
import { startVpicSimulator, type VpicSimulator } from '../../../testing/vpic-simulator/vpic-simulator';
import { grantIdFor } from '../../../testing/import-test-support';
import { BRIEF_VINS } from '../../../testing/wmi-catalog';
import type { Result } from '../../../shared/ipc/result';
import { silentLogger } from '../logging/logger';
import { parseDatabaseUrl } from '../storage/database-url';
import { createAppContext, type AppContext } from './app-context';

const baseUrl = testPostgresUrl();
const PROMISED_MS = 2000;

/** The answer of a contract call that must succeed. */
function ok<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** A desk: its core and every `vehicles:changed` its window was sent, with a way to wait for the next. */
interface Desk {
  readonly context: AppContext;
  readonly changes: VehiclesChanged[];
  /** Resolves with the first change (from now) that matches, or fails once `withinMs` has passed. */
  nextChange(matches: (change: VehiclesChanged) => boolean, withinMs: number): Promise<VehiclesChanged>;
}

describe.skipIf(baseUrl === null)('desks sharing a team database', () => {
  let simulator: VpicSimulator;
  let database: TestDatabase;
  const dataDirs: string[] = [];
  let a: Desk;
  let b: Desk;

  async function openDesk(): Promise<Desk> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-desk-'));
    dataDirs.push(dataDir);
    const changes: VehiclesChanged[] = [];
    const waiters = new Set<(change: VehiclesChanged) => void>();
    const context = await createAppContext({
      dataDir,
      storage: parseDatabaseUrl(database.url),
      runtime: 'cli',
      version: 'test',
      logger: silentLogger(),
      emit: (channel, payload) => {
        if (channel !== 'vehicles:changed') return;
        const change = payload as VehiclesChanged;
        changes.push(change);
        for (const waiter of waiters) waiter(change);
      },
      vpicUrl: simulator.url,
      nhtsaApiUrl: simulator.nhtsaApiUrl,
      importsInProcess: true,
    });
    return {
      context,
      changes,
      nextChange: (matches, withinMs) =>
        new Promise((resolve, reject) => {
          const deadline = setTimeout(() => {
            waiters.delete(waiter);
            reject(new Error(`no matching vehicles:changed within ${withinMs} ms (saw ${JSON.stringify(changes)})`));
          }, withinMs);
          const waiter = (change: VehiclesChanged): void => {
            if (!matches(change)) return;
            clearTimeout(deadline);
            waiters.delete(waiter);
            resolve(change);
          };
          waiters.add(waiter);
        }),
    };
  }

  beforeAll(async () => {
    simulator = await startVpicSimulator({ latencyMs: 5 });
    database = await createTestDatabase(baseUrl!);
  });

  afterAll(async () => {
    await simulator?.close();
    await database?.drop();
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    a = await openDesk();
    b = await openDesk();
  });

  afterEach(async () => {
    await a?.context.close();
    await b?.context.close();
  });

  it('a lookup at desk A refreshes desk B within 2 s, and A is told once, by itself', async () => {
    const vin = BRIEF_VINS[0]!.vin;
    const atB = b.nextChange((change) => change.reason === 'lookup', PROMISED_MS);
    ok(await a.context.dispatch('vehicles:lookup', { vin }));
    expect(await atB).toEqual({ reason: 'lookup', count: 1 });

    // B's table now finds the vehicle A looked up.
    const page = ok(await b.context.dispatch('vehicles:list', { offset: 0, limit: 10 }));
    expect(page.rows.map((row) => row.vin)).toEqual([vin]);

    // A hears B's next change, which proves the server delivered everything in between: A's own
    // lookup never came back to it (it was told once, locally, when it happened).
    const atA = a.nextChange((change) => change.reason === 'remove', PROMISED_MS);
    expect(ok(await b.context.dispatch('vehicles:remove', { ids: [page.rows[0]!.id] })).removed).toBe(1);
    expect(await atA).toEqual({ reason: 'remove', count: 1 });
    expect(a.changes).toEqual([
      { reason: 'lookup', count: 1 },
      { reason: 'remove', count: 1 },
    ]);
  });

  it('an undo at one desk puts the vehicle back in the other desk’s table', async () => {
    const vin = BRIEF_VINS[1]!.vin;
    const looked = b.nextChange((change) => change.reason === 'lookup', PROMISED_MS);
    ok(await a.context.dispatch('vehicles:lookup', { vin }));
    await looked;
    const page = ok(await a.context.dispatch('vehicles:list', { offset: 0, limit: 10, search: vin }));
    const removal = ok(await a.context.dispatch('vehicles:remove', { ids: [page.rows[0]!.id] }));

    const restored = b.nextChange((change) => change.reason === 'restore', PROMISED_MS);
    ok(await a.context.dispatch('vehicles:restore', { undoToken: removal.undoToken }));
    expect(await restored).toEqual({ reason: 'restore', count: 1 });
    const atB = ok(await b.context.dispatch('vehicles:list', { offset: 0, limit: 10, search: vin }));
    expect(atB.rows.map((row) => row.vin)).toEqual([vin]);
  });

  it('an import’s committed vehicles reach the other desk within 2 s of the import finishing', async () => {
    const file = path.join(dataDirs[0]!, 'fleet.csv');
    fs.writeFileSync(file, `VIN,Unit\n${BRIEF_VINS.slice(2).map((brief, i) => `${brief.vin},T-${i + 1}`).join('\n')}\n`);
    let heardVehicles = 0;
    const heard = b.nextChange((change) => change.reason === 'import' && (heardVehicles += change.count) >= 3, 15_000).then(() => Date.now());

    ok(await a.context.dispatch('import:start', { grantId: await grantIdFor(a.context, file) }));
    await a.context.services.imports.whenIdle();
    const finishedAt = Date.now();
    expect((await heard) - finishedAt).toBeLessThan(PROMISED_MS);
    expect(heardVehicles).toBe(3);
    expect(ok(await b.context.dispatch('vehicles:list', { offset: 0, limit: 10, search: 'T-' })).total).toBe(3);
  });
});
