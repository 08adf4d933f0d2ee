/**
 * The log says what the app did: one line per vPIC request with its status and duration, and
 * every export with its counts — written to the rotating file in the data folder's logs/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVpicSimulator, type VpicSimulator } from '../../../testing/vpic-simulator/vpic-simulator';
import { BRIEF_VINS } from '../../../testing/wmi-catalog';
import { createAppContext, type AppContext } from '../app/app-context';
import { grantIdFor } from '../../../testing/import-test-support';
import { createLogger, logFilePath } from './logger';

let simulator: VpicSimulator;
let dataDir: string;
let context: AppContext;

beforeAll(async () => {
  simulator = await startVpicSimulator({ latencyMs: 1 });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-activity-'));
  context = await createAppContext({
    dataDir,
    runtime: 'cli',
    version: 'test',
    logger: createLogger({ logDir: path.join(dataDir, 'logs') }),
    emit: () => undefined,
    vpicUrl: simulator.url,
  });
});

afterAll(async () => {
  await context.close();
  await simulator.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Log lines as JSON, once `predicate` finds one (pino writes asynchronously). */
async function logLinesUntil(predicate: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>[]> {
  const file = logFilePath(path.join(dataDir, 'logs'));
  for (let attempt = 0; attempt < 100; attempt++) {
    const lines = fs.existsSync(file)
      ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>)
      : [];
    if (lines.some(predicate)) return lines;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no matching log line in ${file}`);
}

describe('activity log', () => {
  it('logs each vPIC request with status and duration, and each export with its rows', async () => {
    const lookup = await context.dispatch('vehicles:lookupMany', { vins: BRIEF_VINS.map((b) => b.vin) });
    expect(lookup.ok).toBe(true);
    const exported = await context.dispatch('export:run', { format: 'csv', scope: 'all' });
    expect(exported).toMatchObject({ ok: true, value: { rows: 5 } });

    const lines = await logLinesUntil((l) => l.msg === 'export finished');
    const requests = lines.filter((l) => l.msg === 'vpic request');
    expect(requests).toHaveLength(1);
    expect(requests[0]!.vpic).toMatchObject({ method: 'POST', status: 200, vins: 5 });
    expect(typeof (requests[0]!.vpic as { durationMs: unknown }).durationMs).toBe('number');
    const exportLine = lines.find((l) => l.msg === 'export finished')!;
    expect(exportLine.export).toMatchObject({ format: 'csv', scope: 'all', rows: 5 });
    expect(exportLine.level).toBe(30);
  });

  it('logs each import with its counts and file name', async () => {
    const file = path.join(dataDir, 'fleet.csv');
    fs.writeFileSync(file, `VIN,unit\n${BRIEF_VINS[0]!.vin},T-1\nNOT-A-VIN,T-2\n`);
    const started = await context.dispatch('import:start', { grantId: await grantIdFor(context, file) });
    expect(started.ok).toBe(true);
    await context.services.imports.whenIdle();
    const lines = await logLinesUntil((l) => l.msg === 'import finished');
    const line = lines.find((l) => l.msg === 'import finished')!;
    expect(line.import).toMatchObject({ state: 'done', file: 'fleet.csv', counts: { total: 2, invalid: 1 } });
  });
});
