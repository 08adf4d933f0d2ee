/**
 * The recalls client against the simulator: answers, 400 as "no data", faults and retries.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hasParkIt, isFound, isNoData, isNone, pickCombos } from '../../../testing/vpic-simulator/recall-combos';
import { startVpicSimulator, type Fault, type VpicSimulator } from '../../../testing/vpic-simulator/vpic-simulator';
import { isoReportDate } from './recalls-answer';
import { createRecallsClient, type RecallsClient, type RecallsClientOptions } from './recalls-client';
import { RecallsError } from './recalls-error';

let sim: VpicSimulator;
const clients: RecallsClient[] = [];

beforeEach(async () => {
  sim = await startVpicSimulator({ latencyMs: 2 });
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await sim.close();
});

function makeClient(overrides: RecallsClientOptions = {}): RecallsClient {
  const client = createRecallsClient({
    baseUrl: sim.nhtsaApiUrl,
    ratePerSecond: 100,
    timeoutMs: 500,
    retryMinDelayMs: 5,
    retryMaxDelayMs: 20,
    breaker: { failureThreshold: 50, resetTimeoutMs: 200 },
    ...overrides,
  });
  clients.push(client);
  return client;
}

describe('answers', () => {
  it('reads campaigns, with park-it and park-outside ones first and dates as ISO', async () => {
    const [combo] = pickCombos(1, (c) => hasParkIt(c) && c.answer.kind === 'listed' && c.answer.results.length >= 2);
    const wire = combo!.answer.kind === 'listed' ? combo!.answer.results : [];
    const answer = await makeClient().recallsFor(combo!);
    expect(answer.status).toBe('found');
    expect(new Set(answer.campaigns.map((c) => c.campaignNumber))).toEqual(new Set(wire.map((w) => w.NHTSACampaignNumber)));
    const urgent = answer.campaigns.map((c) => c.parkIt || c.parkOutside);
    expect(urgent[0]).toBe(true);
    expect(urgent).toEqual([...urgent].sort((a, b) => Number(b) - Number(a)));
    for (const campaign of answer.campaigns) {
      const source = wire.find((w) => w.NHTSACampaignNumber === campaign.campaignNumber)!;
      const [d, m, y] = source.ReportReceivedDate.split('/');
      expect(campaign.reportReceivedDate).toBe(`${y}-${m}-${d}`);
      expect(campaign).toMatchObject({ component: source.Component, summary: source.Summary, remedy: source.Remedy, parkOutside: source.parkOutSide });
    }
    expect(sim.stats.recallQueries).toEqual([`${combo!.make}|${combo!.model.toUpperCase()}|${combo!.modelYear}`]);
  });

  it('an empty list is "none"', async () => {
    const [combo] = pickCombos(1, isNone);
    expect(await makeClient().recallsFor(combo!)).toEqual({ status: 'none', campaigns: [] });
  });

  it('HTTP 400 is "no data at NHTSA": an answer, not retried, and the service counts as online', async () => {
    const [known] = pickCombos(1, isNoData);
    const client = makeClient();
    expect(await client.recallsFor(known!)).toEqual({ status: 'no-data', campaigns: [] });
    expect(await client.recallsFor({ make: 'NO SUCH MAKE', model: 'X', modelYear: 2020 })).toEqual({ status: 'no-data', campaigns: [] });
    expect(sim.stats.recallRequests).toBe(2);
    expect(client.status().state).toBe('online');
  });

  it('reads NHTSA dates DD/MM/YYYY and refuses impossible ones', () => {
    expect(isoReportDate('03/11/2014')).toBe('2014-11-03');
    expect(isoReportDate('3/1/2014')).toBe('2014-01-03');
    expect(isoReportDate('31/13/2014')).toBeNull();
    expect(isoReportDate('soon')).toBeNull();
    expect(isoReportDate(null)).toBeNull();
  });
});

describe('faults end in a retry and the right answer', () => {
  const faults: readonly [string, Fault][] = [
    ['HTTP 500', { kind: 'status', status: 500 }],
    ['HTTP 503', { kind: 'status', status: 503 }],
    ['HTTP 429', { kind: 'status', status: 429 }],
    ['a connection reset', { kind: 'reset' }],
    ['malformed JSON', { kind: 'malformed-json' }],
    ['an HTML page with 200', { kind: 'html', status: 200 }],
    ['a slow answer past the timeout', { kind: 'slow', delayMs: 2_000 }],
  ];
  for (const [name, fault] of faults) {
    it(name, async () => {
      const [combo] = pickCombos(1, isFound);
      sim.injectFaults([fault]);
      const answer = await makeClient().recallsFor(combo!);
      expect(answer.status).toBe('found');
      expect(sim.stats.recallRequests).toBe(2);
    });
  }

  it('gives up after the configured retries with a RecallsError the user can read', async () => {
    const [combo] = pickCombos(1, isFound);
    sim.injectFaults([{ kind: 'status', status: 503 }, { kind: 'status', status: 503 }]);
    const client = makeClient({ retries: 1 });
    const error = await client.recallsFor(combo!).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RecallsError);
    expect(error).toMatchObject({ code: 'RECALLS_HTTP', status: 503, message: "NHTSA's recalls service is temporarily unavailable (HTTP 503)" });
    expect(client.status().state).toBe('offline');
  });

  it('a Retry-After pauses every recall request of the client', async () => {
    sim.setLatency(20);
    const combos = pickCombos(8, isFound);
    sim.injectFaults([{ kind: 'status', status: 429, retryAfterSeconds: 1 }]);
    const client = makeClient({ concurrency: 2 });
    const answers = await Promise.all(combos.map((c) => client.recallsFor(c)));
    expect(answers.every((a) => a.status === 'found')).toBe(true);
    const [throttled = 0, ...others] = sim.stats.requestTimes;
    expect(others.filter((t) => t > throttled && t < throttled + 1000).length).toBeLessThanOrEqual(1);
  });

  it('opens the breaker when NHTSA keeps failing, and fails fast', async () => {
    const [combo] = pickCombos(1, isFound);
    sim.setDown(true);
    const client = makeClient({ retries: 0, breaker: { failureThreshold: 2, resetTimeoutMs: 10_000 } });
    for (let i = 0; i < 2; i += 1) await expect(client.recallsFor(combo!)).rejects.toMatchObject({ code: 'RECALLS_UNREACHABLE' });
    const refused = sim.stats.refusedConnections;
    await expect(client.recallsFor(combo!)).rejects.toMatchObject({ code: 'RECALLS_BREAKER_OPEN' });
    expect(sim.stats.refusedConnections).toBe(refused);
    expect(client.status()).toMatchObject({ state: 'offline', breakerOpen: true });
  });
});
