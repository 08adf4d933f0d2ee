/**
 * The vPIC client against the loopback simulator: batching, politeness, retries, breaker.
 *
 * Delays and timeouts are scaled down (ms instead of seconds) so the file runs in a few
 * seconds; the behaviour under test is the same.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VpicStatus } from '../../../shared/vpic-status';
import { generateVins } from '../../../testing/fleet-generator';
import { maxRequestsInWindow } from '../../../testing/vpic-simulator/request-rate';
import { startVpicSimulator, type Fault, type VpicSimulator } from '../../../testing/vpic-simulator/vpic-simulator';
import { BRIEF_VINS } from '../../../testing/wmi-catalog';
import { parseRetryAfter } from './vpic-client-http';
import { createVpicClient, type BatchResult, type VpicClient, type VpicClientOptions, type VpicRequestInfo } from './vpic-client';
import { VpicError } from './vpic-error';

let sim: VpicSimulator;
const clients: VpicClient[] = [];

beforeEach(async () => {
  sim = await startVpicSimulator({ latencyMs: 5 });
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await sim.close();
});

const FIXED_NOW = new Date('2025-06-01T12:00:00.000Z');

function makeClient(overrides: VpicClientOptions = {}): VpicClient {
  const client = createVpicClient({
    baseUrl: sim.url,
    ratePerSecond: 100,
    timeoutMs: 1_000,
    retryMinDelayMs: 5,
    retryMaxDelayMs: 20,
    breaker: { failureThreshold: 50, resetTimeoutMs: 200 },
    now: () => FIXED_NOW,
    ...overrides,
  });
  clients.push(client);
  return client;
}

/** Every input VIN in exactly one of decoded/failed, none twice. */
function expectAccountedFor(result: BatchResult, vins: readonly string[]): void {
  const seen = [...result.decoded.map((d) => d.vin), ...result.failed.map((f) => f.vin)];
  expect(seen.length).toBe(new Set(seen).size);
  expect(new Set(seen)).toEqual(new Set(vins));
}

async function rejection(promise: Promise<unknown>): Promise<VpicError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(VpicError);
    return error as VpicError;
  }
  throw new Error('expected the call to fail');
}

function waitForStatus(client: VpicClient, predicate: (s: VpicStatus) => boolean): Promise<VpicStatus> {
  return new Promise((resolve) => {
    if (predicate(client.status())) {
      resolve(client.status());
      return;
    }
    const off = client.onStatus((s) => {
      if (predicate(s)) {
        off();
        resolve(s);
      }
    });
  });
}

describe('decoding', () => {
  it('decodes one VIN with a GET and reports online', async () => {
    const client = makeClient();
    expect(client.status().state).toBe('unknown');
    const record = await client.decodeOne(' 1xpwd40x1ed215307 ');
    expect(record).toMatchObject({ vin: '1XPWD40X1ED215307', make: 'PETERBILT', model: '388', modelYear: 2014, bodyClass: 'Truck-Tractor' });
    expect(record.trim).toBeNull();
    expect(record.source).toBe('vpic');
    expect(record.decodedAt).toBe(FIXED_NOW.toISOString());
    expect(sim.stats.getRequests).toBe(1);
    expect(client.status()).toEqual({ state: 'online', lastSuccessAt: FIXED_NOW.toISOString(), lastError: null, breakerOpen: false });
  });

  it('decodes the brief VINs in one batch, in input order', async () => {
    const client = makeClient();
    const result = await client.decodeBatch(BRIEF_VINS.map((b) => b.vin));
    expect(result.failed).toEqual([]);
    expect(result.decoded.map((d) => [d.vin, d.make, d.model, d.modelYear, d.bodyClass])).toEqual(
      BRIEF_VINS.map((b) => [b.vin, b.make, b.model, b.modelYear, b.bodyClass]),
    );
    expect(sim.stats.batchRequests).toBe(1);
  });

  it('splits N VINs into ceil(N/50) POSTs and accounts for each VIN once (duplicates folded)', async () => {
    const vins = generateVins(7, 123);
    const progress: number[] = [];
    const client = makeClient();
    const result = await client.decodeBatch([...vins, vins[0] ?? '', (vins[5] ?? '').toLowerCase()], (p) => {
      expect(p.total).toBe(123);
      progress.push(p.done);
    });
    expect(sim.stats.batchRequests).toBe(3);
    expect(sim.stats.getRequests).toBe(0);
    expect(sim.stats.vinsRequested).toBe(123);
    expect(result.failed).toEqual([]);
    expect(result.decoded.map((d) => d.vin)).toEqual(vins);
    expectAccountedFor(result, vins);
    expect(progress.at(-1)).toBe(123);
  });

  it('fails VINs that cannot be put in a batch without sending them', async () => {
    const client = makeClient();
    const result = await client.decodeBatch(['1XPWD40X1ED215307', 'ABC;DEF', '']);
    expect(result.decoded.map((d) => d.vin)).toEqual(['1XPWD40X1ED215307']);
    expect(result.failed.map((f) => [f.vin, f.error.retryable])).toEqual([
      ['ABC;DEF', false],
      ['', false],
    ]);
    expect(sim.stats.vinsRequested).toBe(1);
  });
});

describe('politeness', () => {
  it('keeps to the concurrency and the rate cap, measured by the server', async () => {
    sim.setLatency(40);
    const cap = 10;
    const client = makeClient({ concurrency: 2, ratePerSecond: cap });
    const vins = generateVins(11, 15 * 50);
    const result = await client.decodeBatch(vins);
    expectAccountedFor(result, vins);
    expect(result.failed).toEqual([]);
    const { batchRequests, maxConcurrent, requestTimes } = sim.stats;
    expect(batchRequests).toBe(15);
    expect(maxConcurrent).toBe(2);
    expect(maxRequestsInWindow(requestTimes, 1000)).toBeLessThanOrEqual(cap);
    // 15 requests at 10/s: the 11th cannot start before a second has passed.
    const span = Math.max(...requestTimes) - Math.min(...requestTimes);
    expect(span).toBeGreaterThanOrEqual(950);
  });
});

describe('faults end in a retry and success, with every VIN accounted for', () => {
  const cases: readonly [string, Fault][] = [
    ['HTTP 500', { kind: 'status', status: 500 }],
    ['HTTP 503', { kind: 'status', status: 503 }],
    ['HTTP 408', { kind: 'status', status: 408 }],
    ['HTTP 429 without Retry-After', { kind: 'status', status: 429 }],
    ['a slow answer past the timeout', { kind: 'slow', delayMs: 3_000 }],
    ['a connection reset', { kind: 'reset' }],
    ['malformed JSON', { kind: 'malformed-json' }],
    ['an HTML page with 200', { kind: 'html', status: 200 }],
    ['an HTML page with 503', { kind: 'html', status: 503 }],
  ];
  for (const [name, fault] of cases) {
    it(name, async () => {
      const requests: VpicRequestInfo[] = [];
      const client = makeClient({ onRequest: (info) => requests.push(info) });
      const vins = generateVins(3, 60);
      sim.injectFaults([fault]);
      const result = await client.decodeBatch(vins);
      expect(result.failed).toEqual([]);
      expect(result.decoded).toHaveLength(60);
      expectAccountedFor(result, vins);
      expect(sim.stats.batchRequests).toBe(3);
      expect(requests.filter((r) => r.error !== undefined)).toHaveLength(1);
      expect(client.status().state).toBe('online');
    });
  }

  it('a partial batch: the missing VINs are asked again in a follow-up batch', async () => {
    const client = makeClient();
    const vins = generateVins(5, 50);
    sim.injectFaults([{ kind: 'partial-batch', drop: 3 }]);
    const result = await client.decodeBatch(vins);
    expect(result.failed).toEqual([]);
    expectAccountedFor(result, vins);
    expect(sim.stats.batchRequests).toBe(2);
    expect(sim.stats.vinsRequested).toBe(53);
  });

  it('VINs missing twice end in failed with VPIC_MISSING_RESULT', async () => {
    const client = makeClient();
    const vins = generateVins(6, 50);
    sim.injectFaults([
      { kind: 'partial-batch', drop: 3 },
      { kind: 'partial-batch', drop: 2 },
    ]);
    const result = await client.decodeBatch(vins);
    expectAccountedFor(result, vins);
    expect(result.decoded).toHaveLength(48);
    expect(result.failed.map((f) => f.error.code)).toEqual(['VPIC_MISSING_RESULT', 'VPIC_MISSING_RESULT']);
    expect(result.failed.map((f) => f.vin)).toEqual(vins.slice(48));
    expect(sim.stats.batchRequests).toBe(2);
  });
});

describe('retry policy', () => {
  it('gives up after the configured retries with a clear error', async () => {
    const client = makeClient({ retries: 2 });
    sim.injectFaults([
      { kind: 'html', status: 503 },
      { kind: 'html', status: 503 },
      { kind: 'html', status: 503 },
      { kind: 'html', status: 503 },
    ]);
    const error = await rejection(client.decodeOne('1XPWD40X1ED215307'));
    expect(error.code).toBe('VPIC_HTTP');
    expect(error.status).toBe(503);
    expect(error.message).toBe('vPIC answered with an HTML page instead of JSON (HTTP 503)');
    expect(sim.stats.requests).toBe(3);
    expect(client.status()).toMatchObject({ state: 'offline', lastError: error.message });
  });

  it('a batch whose retries run out lands every VIN in failed with that error', async () => {
    const client = makeClient({ retries: 1 });
    const vins = generateVins(8, 70);
    sim.injectFaults([{ kind: 'reset' }, { kind: 'reset' }, { kind: 'reset' }]);
    const result = await client.decodeBatch(vins);
    expectAccountedFor(result, vins);
    // Both batches start at once and take the first two resets; one retry takes the third.
    expect([20, 50]).toContain(result.failed.length);
    expect(result.decoded).toHaveLength(70 - result.failed.length);
    for (const f of result.failed) expect(f.error.code).toBe('VPIC_UNREACHABLE');
  });

  it('a timeout is reported as VPIC_TIMEOUT', async () => {
    const client = makeClient({ retries: 0, timeoutMs: 100 });
    sim.injectFaults([{ kind: 'slow', delayMs: 1_000 }]);
    const error = await rejection(client.decodeOne('1XPWD40X1ED215307'));
    expect(error.code).toBe('VPIC_TIMEOUT');
    expect(error.retryable).toBe(true);
  });

  it('honours Retry-After on 429 (measured by the server)', async () => {
    const client = makeClient();
    const states: string[] = [];
    client.onStatus((s) => states.push(s.state));
    sim.injectFaults([{ kind: 'status', status: 429, retryAfterSeconds: 1 }]);
    await client.decodeOne('1XPWD40X1ED215307');
    const [first, second] = sim.stats.requestTimes;
    expect(sim.stats.requests).toBe(2);
    expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(states).toEqual(['retrying', 'online']);
  });

  it('a Retry-After pauses every request of the client, not only the retried one', async () => {
    sim.setLatency(30);
    const client = makeClient({ concurrency: 2 });
    sim.injectFaults([{ kind: 'status', status: 429, retryAfterSeconds: 1 }]);
    const vins = generateVins(12, 10);
    const records = await Promise.all(vins.map((vin) => client.decodeOne(vin)));
    expect(records.map((r) => r.vin)).toEqual(vins);
    const [throttled = 0, ...others] = sim.stats.requestTimes;
    expect(others).toHaveLength(10);
    // Only the request already on its way with the throttled one (concurrency 2) may arrive
    // during the pause; every later one waits until the second is over.
    const duringPause = others.filter((t) => t > throttled && t < throttled + 1000);
    expect(duringPause.length).toBeLessThanOrEqual(1);
  });

  it('parses Retry-After as seconds or an HTTP-date, capped', () => {
    const now = new Date('2025-06-01T12:00:00.000Z');
    expect(parseRetryAfter('3', now, 60_000)).toBe(3000);
    expect(parseRetryAfter('Sun, 01 Jun 2025 12:00:05 GMT', now, 60_000)).toBe(5000);
    expect(parseRetryAfter('Sun, 01 Jun 2025 11:00:00 GMT', now, 60_000)).toBe(0);
    expect(parseRetryAfter('3600', now, 60_000)).toBe(60_000);
    expect(parseRetryAfter('soon', now, 60_000)).toBeUndefined();
    expect(parseRetryAfter(null, now, 60_000)).toBeUndefined();
  });

  for (const status of [400, 404] as const) {
    it(`does not retry HTTP ${status}`, async () => {
      const client = makeClient();
      sim.injectFaults([{ kind: 'status', status }]);
      const error = await rejection(client.decodeOne('1XPWD40X1ED215307'));
      expect(error).toMatchObject({ code: 'VPIC_HTTP', status, retryable: false });
      expect(sim.stats.requests).toBe(1);
      // vPIC answered: it is reachable, just not for this request.
      expect(client.status().state).toBe('online');
    });
  }
});

describe('circuit breaker', () => {
  it('opens after repeated failures, fails fast, and closes after the cool-down', async () => {
    const client = makeClient({ retries: 0, breaker: { failureThreshold: 3, resetTimeoutMs: 250 } });
    let closes = 0;
    client.onBreakerClose(() => {
      closes += 1;
    });
    sim.setDown(true);
    for (let i = 0; i < 3; i += 1) {
      expect((await rejection(client.decodeOne('1XPWD40X1ED215307'))).code).toBe('VPIC_UNREACHABLE');
    }
    expect(client.status()).toMatchObject({ state: 'offline', breakerOpen: true });
    const refusedBefore = sim.stats.refusedConnections;
    const requestsBefore = sim.stats.requests;
    expect((await rejection(client.decodeOne('1XPWD40X1ED215307'))).code).toBe('VPIC_BREAKER_OPEN');
    const batch = await client.decodeBatch(generateVins(9, 120));
    expect(batch.failed.map((f) => f.error.code)).toEqual(Array(120).fill('VPIC_BREAKER_OPEN'));
    // Fast means without touching the network (a clock bound fails on a loaded machine): vPIC is
    // down, so any attempt — including a half-open trial — would show as a refused connection.
    expect(sim.stats.refusedConnections).toBe(refusedBefore);
    expect(sim.stats.requests).toBe(requestsBefore);

    sim.setDown(false);
    await waitForStatus(client, (s) => !s.breakerOpen); // half-open after the cool-down
    const record = await client.decodeOne('1XPWD40X1ED215307');
    expect(record.make).toBe('PETERBILT');
    expect(closes).toBe(1);
    expect(client.status()).toMatchObject({ state: 'online', breakerOpen: false });
  });

  it('a failed half-open trial opens the breaker again', async () => {
    const client = makeClient({ retries: 0, breaker: { failureThreshold: 2, resetTimeoutMs: 150 } });
    sim.setDown(true);
    await rejection(client.decodeOne('1XPWD40X1ED215307'));
    await rejection(client.decodeOne('1XPWD40X1ED215307'));
    expect(client.status().breakerOpen).toBe(true);
    await waitForStatus(client, (s) => !s.breakerOpen);
    const refused = sim.stats.refusedConnections;
    expect((await rejection(client.decodeOne('1XPWD40X1ED215307'))).code).toBe('VPIC_UNREACHABLE');
    expect(sim.stats.refusedConnections).toBe(refused + 1);
    expect(client.status().breakerOpen).toBe(true);
  });

  it('while half-open, one trial goes out and the other batches wait for its verdict', async () => {
    const client = makeClient({ retries: 0, breaker: { failureThreshold: 2, resetTimeoutMs: 150 } });
    sim.setDown(true);
    await rejection(client.decodeOne('1XPWD40X1ED215307'));
    await rejection(client.decodeOne('1XPWD40X1ED215307'));
    sim.setDown(false);
    await waitForStatus(client, (s) => !s.breakerOpen);
    const vins = generateVins(10, 150);
    const result = await client.decodeBatch(vins);
    expect(result.failed).toEqual([]);
    expectAccountedFor(result, vins);
  });
});

describe('close', () => {
  it('rejects a call in flight promptly', async () => {
    const client = makeClient({ timeoutMs: 5_000 });
    sim.injectFaults([{ kind: 'slow', delayMs: 5_000 }]);
    const pending = client.decodeOne('1XPWD40X1ED215307');
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (sim.stats.requests > 0) resolve();
        else setImmediate(check);
      };
      check();
    });
    client.close();
    const error = await rejection(pending);
    expect(error.code).toBe('VPIC_UNREACHABLE');
    expect(error.retryable).toBe(false);
  });
});
