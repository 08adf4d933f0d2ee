/**
 * `vinlookup recalls` and `vinlookup summary`, built and run as child processes against the
 * simulator (vPIC and NHTSA's recalls API) and a fresh cache.
 */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateRecalls } from '../../../testing/vpic-simulator/simulated-recalls';
import { startVpicSimulator, type VpicSimulator } from '../../../testing/vpic-simulator/vpic-simulator';
import { BRIEF_VINS } from '../../../testing/wmi-catalog';
import { EXIT_OK } from '../output';
import type { RecallsJson } from './recalls';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'out/cli/vinlookup.js');

let simulator: VpicSimulator;
let tmp: string;

function runCli(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function globals(db: string): string[] {
  return ['--db', db, '--data-dir', path.join(tmp, 'data'), '--vpic-url', simulator.url, '--nhtsa-api-url', simulator.nhtsaApiUrl, '--json'];
}

beforeAll(async () => {
  await promisify(execFile)(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.cli.config.ts', '--logLevel', 'error'], {
    cwd: ROOT,
  });
  simulator = await startVpicSimulator();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vinlookup-recalls-'));
}, 60_000);

afterAll(async () => {
  await simulator?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('vinlookup recalls', () => {
  it('prints each VIN’s status and campaigns in the documented shape, asking NHTSA once per make/model/year', async () => {
    const db = path.join(tmp, 'recalls.sqlite');
    const vins = BRIEF_VINS.map((b) => b.vin);
    const run = await runCli([...globals(db), 'recalls', ...vins]);
    expect(run.code).toBe(EXIT_OK);
    const doc = JSON.parse(run.stdout) as RecallsJson;
    expect(Object.keys(doc)).toEqual(['results']);
    expect(doc.results.map((r) => r.vin)).toEqual(vins);
    const distinct = new Set(BRIEF_VINS.map((b) => `${b.make}|${b.model}|${b.modelYear}`));
    expect(simulator.stats.recallRequests).toBe(distinct.size);
    for (const [i, result] of doc.results.entries()) {
      const brief = BRIEF_VINS[i]!;
      const truth = simulateRecalls(brief.make, brief.model, brief.modelYear);
      const expected = truth.kind === 'no-data' ? 'no-data' : truth.results.length > 0 ? 'found' : 'none';
      expect(Object.keys(result)).toEqual(['vin', 'status', 'campaigns', 'fetchedAt']);
      expect(result.status).toBe(expected);
      expect(typeof result.fetchedAt).toBe('string');
      for (const c of result.campaigns) {
        expect(Object.keys(c)).toEqual(['campaignNumber', 'reportReceivedDate', 'component', 'summary', 'consequence', 'remedy', 'parkIt', 'parkOutside']);
      }
    }

    // A second run answers from the cache without asking NHTSA again.
    const before = simulator.stats.recallRequests;
    const again = await runCli([...globals(db), 'recalls', ...vins]);
    expect(JSON.parse(again.stdout)).toEqual(doc);
    expect(simulator.stats.recallRequests).toBe(before);
  });

  it('summary counts the fleet, each list summing to the total', async () => {
    const db = path.join(tmp, 'summary.sqlite');
    await runCli([...globals(db), 'recalls', ...BRIEF_VINS.map((b) => b.vin)]);
    const run = await runCli([...globals(db), 'summary']);
    expect(run.code).toBe(EXIT_OK);
    const doc = JSON.parse(run.stdout) as {
      total: number;
      byMake: { make: string; count: number }[];
      byModelYear: { modelYear: number; count: number }[];
      byBodyClass: { bodyClass: string; count: number }[];
      bySource: { source: string; count: number }[];
      recalls: Record<string, number>;
    };
    expect(doc.total).toBe(BRIEF_VINS.length);
    const sum = (list: readonly { count: number }[]): number => list.reduce((n, x) => n + x.count, 0);
    for (const list of [doc.byMake, doc.byModelYear, doc.byBodyClass, doc.bySource]) expect(sum(list)).toBe(doc.total);
    expect(doc.byMake).toEqual([
      { make: 'PETERBILT', count: 3 },
      { make: 'KENWORTH', count: 1 },
      { make: 'VOLVO TRUCK', count: 1 },
    ]);
    const { withParkIt, ...statuses } = doc.recalls;
    expect(Object.keys(statuses)).toEqual(['found', 'none', 'no-data', 'not-checked', 'unknown-model']);
    expect(Object.values(statuses).reduce((a, b) => a + b, 0)).toBe(doc.total);
    expect(statuses['not-checked']).toBe(0);
    expect(withParkIt).toBeLessThanOrEqual(statuses.found ?? 0);
  });
});
