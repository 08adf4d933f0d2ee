/**
 * The simulator must answer like vPIC (wire shape, brief VINs, error codes) and misbehave
 * exactly as told, or the client tests built on it prove nothing.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeCheckDigit } from '../../shared/vin/vin-rules';
import { BRIEF_VINS } from '../wmi-catalog';
import { startVpicSimulator, type VpicSimulator } from './vpic-simulator';
import { VPIC_FIELDS } from './vpic-fields';

let sim: VpicSimulator;

beforeEach(async () => {
  sim = await startVpicSimulator({ referenceYear: 2025 });
});
afterEach(async () => {
  await sim.close();
});

async function getVin(vin: string): Promise<Response> {
  return fetch(`${sim.url}/vehicles/DecodeVinValues/${vin}?format=json`);
}

async function postBatch(data: string): Promise<Response> {
  return fetch(`${sim.url}/vehicles/DecodeVINValuesBatch/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `format=json&data=${data}`,
  });
}

interface Envelope {
  Count: number;
  Message: string;
  SearchCriteria: string;
  Results: Record<string, unknown>[];
}

async function envelope(res: Response): Promise<Envelope> {
  expect(res.status).toBe(200);
  return (await res.json()) as Envelope;
}

/** A VIN with a correct check digit, built from a 17-char template. */
function withCheckDigit(template: string): string {
  return template.slice(0, 8) + computeCheckDigit(template) + template.slice(9);
}

describe('wire shape', () => {
  it('answers a GET with the vPIC envelope, every field present and every value a string', async () => {
    const body = await envelope(await getVin('1XPWD40X1ED215307'));
    expect(body.Count).toBe(1);
    expect(body.SearchCriteria).toBe('VIN(s): 1XPWD40X1ED215307');
    expect(body.Message).toMatch(/^Results returned successfully/);
    const result = body.Results[0] ?? {};
    expect(Object.keys(result).sort()).toEqual([...VPIC_FIELDS].sort());
    for (const value of Object.values(result)) expect(typeof value).toBe('string');
    expect(result.ErrorCode).toBe('0');
    expect(result.ErrorText).toBe('0 - VIN decoded clean. Check Digit (9th position) is correct');
    expect(result.Trim).toBe('Not Applicable');
    expect(result.AirBagLocKnee).toBe('');
  });

  it('decodes the five brief VINs exactly', async () => {
    const body = await envelope(await postBatch(BRIEF_VINS.map((b) => b.vin).join(';')));
    expect(body.Count).toBe(5);
    expect(body.SearchCriteria).toBe('');
    expect(body.Results.map((r) => [r.VIN, r.Make, r.Model, r.ModelYear, r.BodyClass, r.ErrorCode])).toEqual(
      BRIEF_VINS.map((b) => [b.vin, b.make, b.model, String(b.modelYear), 'Truck-Tractor', '0']),
    );
  });

  it('reports a wrong check digit as ErrorCode 1 and still decodes', async () => {
    const good = '1XPWD40X1ED215307';
    const bad = `${good.slice(0, 8)}${good[8] === '1' ? '2' : '1'}${good.slice(9)}`;
    const result = (await envelope(await getVin(bad))).Results[0] ?? {};
    expect(result.ErrorCode).toBe('1');
    expect(result.ErrorText).toBe('1 - Check Digit (9th position) does not calculate properly');
    expect(result.Make).toBe('PETERBILT');
  });

  it('reports an unknown WMI as ErrorCode 7 with empty make', async () => {
    const result = (await envelope(await getVin(withCheckDigit('ZZZAB12X0EN123456')))).Results[0] ?? {};
    expect(result.ErrorCode).toBe('7');
    expect(result.Make).toBe('');
    expect(result.Model).toBe('');
    expect(result.ModelYear).toBe('2014');
  });

  it('decodes a VIN the same way every time and honours `VIN,modelyear` items', async () => {
    const vin = withCheckDigit('1FUJGLDR0CL123456');
    const first = (await envelope(await getVin(vin))).Results[0] ?? {};
    const batch = await envelope(await postBatch(`${vin};${vin},1982`));
    expect(batch.Results[0]).toEqual(first);
    expect(first.Make).toBe('FREIGHTLINER');
    expect(first.ModelYear).toBe('2012');
    expect(batch.Results[1]?.ModelYear).toBe('1982');
  });

  it('refuses batches above 50 VINs', async () => {
    const res = await postBatch(Array.from({ length: 51 }, () => '1XPWD40X1ED215307').join(';'));
    expect(res.status).toBe(400);
  });
});

describe('faults', () => {
  it('serves queued faults in order, then resumes normal service', async () => {
    sim.injectFaults([
      { kind: 'status', status: 429, retryAfterSeconds: 3 },
      { kind: 'html', status: 503 },
      { kind: 'malformed-json' },
      { kind: 'partial-batch', drop: 2 },
    ]);
    const r429 = await getVin('1XPWD40X1ED215307');
    expect(r429.status).toBe(429);
    expect(r429.headers.get('retry-after')).toBe('3');
    const html = await getVin('1XPWD40X1ED215307');
    expect(html.status).toBe(503);
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    expect(await html.text()).toMatch(/^<!DOCTYPE html>/);
    const malformed = await getVin('1XPWD40X1ED215307');
    expect(malformed.status).toBe(200);
    await expect(malformed.json()).rejects.toThrow();
    const partial = await envelope(await postBatch(BRIEF_VINS.map((b) => b.vin).join(';')));
    expect(partial.Results.map((r) => r.VIN)).toEqual(BRIEF_VINS.slice(0, 3).map((b) => b.vin));
    await envelope(await getVin('1XPWD40X1ED215307'));
    expect(sim.stats.faultsServed).toBe(4);
  });

  it('resets the connection for a reset fault and while down', async () => {
    sim.injectFaults([{ kind: 'reset' }]);
    await expect(getVin('1XPWD40X1ED215307')).rejects.toThrow();
    sim.setDown(true);
    await expect(getVin('1XPWD40X1ED215307')).rejects.toThrow();
    sim.setDown(false);
    await envelope(await getVin('1XPWD40X1ED215307'));
    expect(sim.stats.refusedConnections).toBe(1);
  });

  it('delays a slow fault beyond the latency', async () => {
    sim.injectFaults([{ kind: 'slow', delayMs: 150 }]);
    const started = performance.now();
    await envelope(await getVin('1XPWD40X1ED215307'));
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('draws random faults reproducibly from a seed', async () => {
    async function run(): Promise<number[]> {
      sim.setFaultRate(0.5, [{ kind: 'status', status: 500 }], 42);
      const statuses: number[] = [];
      for (let i = 0; i < 20; i += 1) statuses.push((await getVin('1XPWD40X1ED215307')).status);
      return statuses;
    }
    const first = await run();
    const second = await run();
    expect(first).toEqual(second);
    expect(first).toContain(500);
    expect(first).toContain(200);
  });
});

describe('stats', () => {
  it('counts requests, VINs and peak concurrency', async () => {
    sim.setLatency(60);
    await Promise.all([getVin('1XPWD40X1ED215307'), getVin('1XKWDB0X57J211825'), postBatch('1XPWD40X1ED215307;4V4NC9EJXEN171694')]);
    const stats = sim.stats;
    expect(stats.requests).toBe(3);
    expect(stats.getRequests).toBe(2);
    expect(stats.batchRequests).toBe(1);
    expect(stats.vinsRequested).toBe(4);
    expect(stats.maxConcurrent).toBe(3);
    expect(stats.requestTimes).toHaveLength(3);
    sim.resetStats();
    expect(sim.stats.requests).toBe(0);
  });
});

describe('cli', () => {
  it('prints the ready line and obeys the control endpoints', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'testing/vpic-simulator/cli.ts', '--port', '0', '--latency', '0'], {
      cwd: new URL('../../', import.meta.url).pathname,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const lines = createInterface({ input: child.stdout });
      const ready = await new Promise<string>((resolve, reject) => {
        lines.once('line', resolve);
        child.once('exit', (code) => reject(new Error(`simulator exited with ${String(code)}`)));
      });
      const match = /^ready (http:\/\/127\.0\.0\.1:\d+\/api)$/.exec(ready);
      expect(match).not.toBeNull();
      const api = match?.[1] ?? '';
      const origin = new URL(api).origin;

      const post = (path: string, body: unknown): Promise<Response> =>
        fetch(`${origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

      expect((await post('/__control/faults', [{ kind: 'status', status: 503 }])).status).toBe(200);
      expect((await fetch(`${api}/vehicles/DecodeVinValues/1XPWD40X1ED215307?format=json`)).status).toBe(503);
      expect((await post('/__control/down', { down: true })).status).toBe(200);
      await expect(fetch(`${api}/vehicles/DecodeVinValues/1XPWD40X1ED215307?format=json`)).rejects.toThrow();
      expect((await post('/__control/down', { down: false })).status).toBe(200);
      expect((await fetch(`${api}/vehicles/DecodeVinValues/1XPWD40X1ED215307?format=json`)).status).toBe(200);
      const stats = (await (await fetch(`${origin}/__control/stats`)).json()) as { requests: number; getRequests: number };
      expect(stats.requests).toBe(2);
      expect(stats.getRequests).toBe(2);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
