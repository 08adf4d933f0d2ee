/**
 * The lookup operation end to end through the real core: simulator for vPIC, the real offline
 * snapshot, a fresh SQLite database per test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { computeCheckDigit } from '../../../shared/vin/vin-rules';
import { generateVins } from '../../../testing/fleet-generator';
import { startVpicSimulator, type VpicSimulator } from '../../../testing/vpic-simulator/vpic-simulator';
import { BRIEF_VINS } from '../../../testing/wmi-catalog';
import { createAppContext, type AppContext } from '../app/app-context';
import { AppFailure } from '../ipc/app-failure';
import { silentLogger } from '../logging/logger';
import { sqliteDatabaseOf } from '../storage/sqlite/sqlite-fleet-store';

let simulator: VpicSimulator;
let snapshotDir: string;
let dataDir: string;
let context: AppContext;

// Fast politeness for tests: the same mechanisms, shorter waits.
const FAST = { retries: 2, retryMinDelayMs: 10, retryMaxDelayMs: 40, timeoutMs: 400, breaker: { failureThreshold: 6, resetTimeoutMs: 300 } };

beforeAll(async () => {
  simulator = await startVpicSimulator({ latencyMs: 5 });
  // Unpack the offline snapshot once and share it: every test copies nothing, it links the folder.
  snapshotDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-snapshot-'));
});

afterAll(async () => {
  await simulator.close();
  fs.rmSync(snapshotDir, { recursive: true, force: true });
});

beforeEach(async () => {
  simulator.setDown(false);
  simulator.resetStats();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-lookup-'));
  // Share the unpacked snapshot between tests through a symlinked offline/ folder.
  fs.mkdirSync(path.join(snapshotDir, 'offline'), { recursive: true });
  fs.symlinkSync(path.join(snapshotDir, 'offline'), path.join(dataDir, 'offline'));
  context = await createAppContext({
    dataDir,
    runtime: 'cli',
    version: 'test',
    logger: silentLogger(),
    emit: () => undefined,
    vpicUrl: simulator.url,
    vpicOptions: FAST,
  });
});

afterEach(async () => {
  await context.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function withWrongCheckDigit(vin: string): string {
  const right = computeCheckDigit(vin);
  const wrong = right === '0' ? '1' : '0';
  return vin.slice(0, 8) + wrong + vin.slice(9);
}

describe('lookup', () => {
  it('decodes the five brief VINs to the known facts, cached false then true', async () => {
    for (const brief of BRIEF_VINS) {
      const first = await context.services.lookup.lookup(brief.vin);
      expect(first.cached).toBe(false);
      expect(first.source).toBe('vpic');
      expect(first.vehicle).toMatchObject({ vin: brief.vin, make: brief.make, model: brief.model, modelYear: brief.modelYear, bodyClass: brief.bodyClass });
      const second = await context.services.lookup.lookup(brief.vin);
      expect(second.cached).toBe(true);
      expect(second.vehicle.id).toBe(first.vehicle.id);
    }
    expect(simulator.stats.getRequests).toBe(5);
  });

  it('normalises pasted input before looking it up', async () => {
    const answer = await context.services.lookup.lookup('  1xpwd40x1-ed215307 ');
    expect(answer.vehicle.vin).toBe('1XPWD40X1ED215307');
  });

  it.each([
    ['', 'EMPTY'],
    ['1XPWD40X1ED21530', 'TOO_SHORT'],
    ['1XPWD40X1ED2153077', 'TOO_LONG'],
    ['1XPWD40X1ED21530$', 'INVALID_CHARACTER'],
    ['1XPWD4OX1ED215307', 'FORBIDDEN_LETTER'],
    ['IXPWD40X1ED215307', 'FORBIDDEN_LETTER'],
    ['1XPWD40X1ED21530Q', 'FORBIDDEN_LETTER'],
  ])('rejects %j (%s) with a reason and never asks vPIC or stores it', async (input) => {
    const error = await context.services.lookup.lookup(input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).code).toBe('INVALID_INPUT');
    expect((error as AppFailure).message.length).toBeGreaterThan(10);
    expect(simulator.stats.requests).toBe(0);
    expect(await context.store.vehicles.count()).toBe(0);
  });

  it('decodes a check-digit mismatch and flags it', async () => {
    const vin = withWrongCheckDigit(generateVins(7, 1)[0]!);
    const answer = await context.services.lookup.lookup(vin);
    expect(answer.warnings.map((w) => w.code)).toEqual(['CHECK_DIGIT_MISMATCH']);
    expect(answer.vehicle.errorCodes).toContain('1');
    expect(answer.vehicle.make).not.toBeNull();
  });

  it('answers offline when vPIC is unreachable, then re-decodes online in place when it is back', async () => {
    simulator.setDown(true);
    const brief = BRIEF_VINS[0]!;
    const offline = await context.services.lookup.lookup(brief.vin);
    expect(offline).toMatchObject({ cached: false, source: 'offline' });
    expect(offline.vehicle.snapshotVersion).toMatch(/corgi/);
    expect(offline.vehicle).toMatchObject({ make: brief.make, model: brief.model, modelYear: brief.modelYear });

    simulator.setDown(false);
    const updated = await context.services.lookup.redecodeOffline();
    expect(updated).toBe(1);
    const after = (await context.store.vehicles.getByVin(brief.vin))!;
    expect(after.id).toBe(offline.vehicle.id);
    expect(after.source).toBe('vpic');
    expect(after.snapshotVersion).toBeNull();
  });

  it('re-decoding never brings back a vehicle removed while the vPIC batch was in flight', async () => {
    simulator.setDown(true);
    const brief = BRIEF_VINS[1]!;
    const offline = await context.services.lookup.lookup(brief.vin);
    expect(offline.source).toBe('offline');

    simulator.setDown(false);
    // The offline VINs are listed synchronously, before the batch request goes out; the remove
    // lands while that request is on the wire.
    const redecoding = context.services.lookup.redecodeOffline();
    const removed = await context.dispatch('vehicles:remove', { ids: [offline.vehicle.id] });
    expect(removed).toMatchObject({ ok: true, value: { removed: 1 } });
    expect(await redecoding).toBe(0);
    expect(simulator.stats.batchRequests).toBe(1);
    expect(await context.store.vehicles.getByVin(brief.vin)).toBeNull();

    const token = removed.ok ? (removed.value as { undoToken: string }).undoToken : '';
    expect(await context.dispatch('vehicles:restore', { undoToken: token })).toEqual({ ok: true, value: { restored: 1 } });
    expect(await context.store.vehicles.getByVin(brief.vin)).toMatchObject({ id: offline.vehicle.id, source: 'offline' });
  });

  it('falls back offline at once while the breaker is open, and goes back online after the cool-down', async () => {
    simulator.setDown(true);
    const vins = generateVins(11, 6);
    for (const vin of vins.slice(0, 4)) await context.services.lookup.lookup(vin);
    expect(context.services.lookup.vpicStatus()).toMatchObject({ state: 'offline', breakerOpen: true });
    const requestsWhileOpen = simulator.stats.refusedConnections;
    const fast = await context.services.lookup.lookup(vins[4]!);
    expect(fast.source).toBe('offline');
    expect(simulator.stats.refusedConnections).toBe(requestsWhileOpen);

    simulator.setDown(false);
    await new Promise((resolve) => setTimeout(resolve, 350));
    const back = await context.services.lookup.lookup(vins[5]!);
    expect(back.source).toBe('vpic');
    expect(context.services.lookup.vpicStatus().state).toBe('online');
  });
});

describe('lookupMany', () => {
  it('sends the misses through the batch endpoint and answers every valid VIN once', async () => {
    // This test counts requests, so none may be repeated: no retries, and a timeout no loaded
    // machine reaches (a timed-out batch would be sent again and counted twice).
    await context.close();
    context = await createAppContext({
      dataDir,
      runtime: 'cli',
      version: 'test',
      logger: silentLogger(),
      emit: () => undefined,
      vpicUrl: simulator.url,
      vpicOptions: { ...FAST, retries: 0, timeoutMs: 60_000 },
    });
    const vins = generateVins(3, 120);
    await context.services.lookup.lookup(vins[0]!);
    simulator.resetStats();
    const answer = await context.services.lookup.lookupMany([...vins, vins[1]!, 'not a vin']);
    expect(answer.results.map((r) => r.vehicle.vin)).toEqual(vins);
    expect(answer.results[0]!.cached).toBe(true);
    expect(answer.results.slice(1).every((r) => !r.cached)).toBe(true);
    expect(answer.errors).toEqual([expect.objectContaining({ input: 'not a vin', code: 'INVALID_INPUT' })]);
    expect(simulator.stats.getRequests).toBe(0);
    expect(simulator.stats.batchRequests).toBe(Math.ceil(119 / 50));
  });

  it('survives every simulator fault without losing or duplicating a VIN', async () => {
    const vins = generateVins(5, 400);
    simulator.injectFaults([
      { kind: 'status', status: 503 },
      { kind: 'status', status: 429, retryAfterSeconds: 0 },
      { kind: 'malformed-json' },
      { kind: 'html', status: 503 },
      { kind: 'reset' },
      { kind: 'partial-batch', drop: 7 },
      { kind: 'slow', delayMs: 600 },
      { kind: 'status', status: 500 },
    ]);
    const answer = await context.services.lookup.lookupMany(vins);
    const answered = [...answer.results.map((r) => r.vehicle.vin), ...answer.errors.map((e) => e.input)];
    expect(answered.sort()).toEqual([...vins].sort());
    expect(new Set(answered).size).toBe(vins.length);
    const stored = sqliteDatabaseOf(context.store).prepare('SELECT COUNT(*) AS n, COUNT(DISTINCT vin) AS d FROM vehicles').get() as { n: number; d: number };
    expect(stored.n).toBe(answer.results.length);
    expect(stored.d).toBe(stored.n);
    expect(simulator.stats.faultsServed).toBeGreaterThanOrEqual(8);
  });
});

describe('vehicles handlers', () => {
  it('remove answers with an undo token; restore brings back the same ids; a second restore is NOT_FOUND', async () => {
    const vins = BRIEF_VINS.map((b) => b.vin);
    const many = await context.dispatch('vehicles:lookupMany', { vins });
    expect(many.ok).toBe(true);
    const before = await Promise.all(vins.map((vin) => context.store.vehicles.getByVin(vin)));
    const removed = await context.dispatch('vehicles:remove', { ids: before.slice(0, 2).map((v) => v!.id) });
    expect(removed).toMatchObject({ ok: true, value: { removed: 2 } });
    expect(await context.store.vehicles.getByVin(vins[0]!)).toBeNull();
    const token = removed.ok ? (removed.value as { undoToken: string }).undoToken : '';
    expect(await context.dispatch('vehicles:restore', { undoToken: token })).toEqual({ ok: true, value: { restored: 2 } });
    expect(await Promise.all(vins.map((vin) => context.store.vehicles.getByVin(vin)))).toEqual(before);
    expect(await context.dispatch('vehicles:restore', { undoToken: token })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('rejects an invalid VIN at the boundary with INVALID_INPUT naming the problem', async () => {
    const result = await context.dispatch('vehicles:lookup', { vin: '1XPWD4OX1ED215307' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!result.ok) expect(result.error.message).toMatch(/position 7/);
    expect(simulator.stats.requests).toBe(0);
  });
});
