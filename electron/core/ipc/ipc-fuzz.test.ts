/**
 * Fuzz every IPC channel through a real app context.
 *
 * Each channel gets arbitrary values (fc.anything with nesting), nasty strings, huge arrays and
 * prototype-pollution keys. A payload the channel's schema refuses must come back as
 * INVALID_INPUT; one it accepts must come back as a Result (ok or a coded error) — never a throw,
 * never INTERNAL. Afterwards Object.prototype must be untouched. Offline, so vPIC is never asked.
 */
import fc from 'fast-check';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS, requestSchemas } from '../../../shared/ipc/contract';
import { ERROR_CODES } from '../../../shared/ipc/result';
import { createAppContext, type AppContext } from '../app/app-context';
import { silentLogger } from '../logging/logger';
import { sqliteDatabaseOf } from '../storage/sqlite/sqlite-fleet-store';

const RUNS_PER_CHANNEL = 300;

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\uFEFF1FTFW1ET5DFC10312',
  '1FTFW1ET5DFC10312\u0000',
  '../../../../etc/passwd',
  '..\\..\\windows\\system32',
  'C:\\Windows\\win.ini',
  '/dev/zero',
  '\\\\?\\C:\\x',
  'file:///etc/passwd',
  'javascript:alert(1)',
  '<script>alert(1)</script>',
  "'; DROP TABLE vehicles; --",
  '%s%s%s%n',
  '${process.exit(1)}',
  '\uD800',
  '🚚'.repeat(5000),
  'A'.repeat(1_000_000),
  '__proto__',
  'constructor',
  'prototype',
];

const pollutingKeys = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf');

/** Objects whose own keys include `__proto__` as data (what JSON.parse produces from the wire). */
const pollutionPayload = fc
  .tuple(pollutingKeys, fc.anything({ maxDepth: 2 }))
  .map(([key, value]) => JSON.parse(`{"${key}": ${JSON.stringify({ polluted: true, value: value ?? null }) ?? 'null'}}`) as unknown);

const payload = fc.oneof(
  { weight: 5, arbitrary: fc.anything({ maxDepth: 4, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true }) },
  { weight: 2, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.dictionary(fc.oneof(fc.string(), pollutingKeys), fc.oneof(fc.constantFrom(...NASTY_STRINGS), fc.integer(), fc.double())) },
  { weight: 1, arbitrary: fc.constantFrom(...NASTY_STRINGS).map((s) => ({ vin: s, id: s, ids: [s], path: s, undoToken: s })) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 200_000 }).map((n) => ({ ids: Array.from({ length: n }, (_, i) => i + 1), vins: Array.from({ length: Math.min(n, 50_000) }, () => 'A') })) },
  { weight: 2, arbitrary: pollutionPayload },
  { weight: 1, arbitrary: fc.oneof(fc.double(), fc.constant(Number.NaN), fc.constant(Infinity), fc.constant(-0)) },
);

let dir: string;
let ctx: AppContext;
let cases = 0;
let accepted = 0;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-ipc-fuzz-'));
  ctx = await createAppContext({
    dataDir: dir,
    runtime: 'web-harness',
    version: '0.0.0-fuzz',
    logger: silentLogger(),
    emit: () => undefined,
    offline: true,
    // A dialog the user cancels: fuzzing must never write files where it likes.
    chooseSavePath: async () => null,
  });
});

afterAll(async () => {
  await ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('IPC fuzzing', () => {
  it.each([...INVOKE_CHANNELS])('%s rejects arbitrary payloads with INVALID_INPUT and never throws', async (channel) => {
    await fc.assert(
      fc.asyncProperty(payload, async (value) => {
        cases++;
        const schemaAccepts = requestSchemas[channel].safeParse(value).success;
        if (schemaAccepts) accepted++;
        // Channels that start long-running jobs are only fuzzed at the boundary: an accepted
        // payload is sent, its answer checked, and no job is left running.
        const result = await ctx.dispatch(channel, value);
        expect(typeof result.ok).toBe('boolean');
        if (!schemaAccepts) {
          expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
        } else if (!result.ok) {
          expect(ERROR_CODES).toContain(result.error.code);
          expect(result.error.code).not.toBe('INTERNAL');
        }
      }),
      { numRuns: RUNS_PER_CHANNEL },
    );
  });

  it('accepted payloads were answered without throwing, and Object.prototype is untouched', async () => {
    expect(cases).toBe(RUNS_PER_CHANNEL * INVOKE_CHANNELS.length);
    const probe: Record<string, unknown> = {};
    expect(probe.polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as { value?: unknown }).value).toBeUndefined();
    // The database is still sound after the barrage.
    expect(sqliteDatabaseOf(ctx.store).pragma('integrity_check', { simple: true })).toBe('ok');
    console.info(`ipc-fuzz: ${cases} cases over ${INVOKE_CHANNELS.length} channels, ${accepted} accepted by a schema`);
  });
});
