/**
 * Keeps the offline decoder's agreement with NHTSA's own decoder from sliding back.
 *
 * Decodes the conformance set (NHTSA's answers, ../shared/conformance) with the 2026 clock its
 * answers were made with. The floors are the levels reached; the misses left are VINs whose
 * decode depends on patterns the snapshot (a subset of vPIC) does not ship.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineDecoder, type OfflineDecoder } from '../electron/core/lookup/offline-decoder';
import type { DecodedVehicle } from '../shared/vehicle';
import { CONFORMANCE_FILE, comparable, loadConformanceSet, scoreConformance, type ConformanceCase } from './conformance';

const FOUR_FIELDS_FLOOR = 0.98;
const MODEL_YEAR_FLOOR = 0.98;
const CONFORMANCE_NOW = new Date('2026-07-15T00:00:00Z');

const cases = loadConformanceSet();
if (cases === null) console.warn(`Skipping the NHTSA conformance test: ${CONFORMANCE_FILE} is not there.`);

describe('comparable', () => {
  it('ignores case, surrounding and repeated whitespace, and treats "Not Applicable" as empty', () => {
    expect(comparable('  Truck-Tractor ')).toBe(comparable('truck-tractor'));
    expect(comparable('W9  Series')).toBe(comparable('W9 Series'));
    expect(comparable('Not Applicable')).toBe(comparable(''));
    expect(comparable(null)).toBe('');
    expect(comparable('Sedan')).not.toBe(comparable('Coupe'));
  });
});

describe.skipIf(cases === null)('offline decoder against NHTSA (conformance set)', () => {
  let dataDir: string;
  let decoder: OfflineDecoder;
  let decoded: DecodedVehicle[];
  const set = cases as ConformanceCase[];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'fvl-conformance-'));
    decoder = await createOfflineDecoder({ dataDir, now: () => CONFORMANCE_NOW });
    decoded = [];
    for (const c of set) decoded.push(await decoder.decode(c.vin));
  });

  afterAll(async () => {
    decoder?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('scores only VINs of 17 valid characters', () => {
    expect(set.length).toBeGreaterThan(0);
    for (const c of set) expect(c.vin).toMatch(/^[0-9A-HJ-NPR-Z]{17}$/);
  });

  it(`gets make, model, model year and body class all right on at least ${FOUR_FIELDS_FLOOR * 100}% and the model year on ${MODEL_YEAR_FLOOR * 100}%`, () => {
    const report = scoreConformance(set, decoded);
    const rate = (field: string): number => {
      const score = report.fields.find((f) => f.field === field);
      return score ? score.agree / score.total : 0;
    };
    expect(report.challenge.agree / report.challenge.total).toBeGreaterThanOrEqual(FOUR_FIELDS_FLOOR);
    expect(rate('ModelYear')).toBeGreaterThanOrEqual(MODEL_YEAR_FLOOR);
    expect(rate('Make')).toBe(1);
    expect(rate('Model')).toBe(1);
  });
});
