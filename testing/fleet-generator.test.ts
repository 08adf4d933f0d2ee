import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { modelYearCandidates, validateVin } from '../shared/vin/vin-rules';
import {
  generateFleetCsv,
  generateVin,
  generateVins,
  writeFleetCsv,
  type FleetCsvExpected,
  type FleetCsvOptions,
} from './fleet-generator';
import { mulberry32 } from './prng';
import { BRIEF_VINS, catalogVehicleForVin, findMakerByWmi, WMI_CATALOG } from './wmi-catalog';

/** Re-derive the answer key from the text alone: csv-parse for the records, validateVin for the rules. */
function recount(text: string, options: FleetCsvOptions): { expected: FleetCsvExpected; cells: string[] } {
  const records = parse(text, {
    bom: true,
    delimiter: options.delimiter ?? ',',
    columns: true,
    skip_empty_lines: false,
  }) as Record<string, string>[];
  const header = options.vinHeader ?? 'VIN';
  const seen = new Set<string>();
  const expected: FleetCsvExpected = { total: records.length, validUnique: [], duplicates: 0, invalid: [], checkDigitWarnings: [] };
  const cells: string[] = [];
  records.forEach((record, index) => {
    const cell = record[header];
    expect(typeof cell).toBe('string');
    cells.push(cell);
    const result = validateVin(cell);
    if (!result.valid) {
      expected.invalid.push({ row: index + 1, value: cell, reason: result.issues[0].code });
    } else if (seen.has(result.vin)) {
      expected.duplicates += 1;
    } else {
      seen.add(result.vin);
      expected.validUnique.push(result.vin);
      if (result.issues.length > 0) expected.checkDigitWarnings.push(result.vin);
    }
  });
  return { expected, cells };
}

describe('generateVin', () => {
  it('produces catalog VINs with the right year code and check digit', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1980, max: 2039 }), (seed, year) => {
        const rng = mulberry32(seed);
        const maker = WMI_CATALOG[Math.abs(seed) % WMI_CATALOG.length];
        const vin = generateVin(rng, maker, year);
        expect(validateVin(vin).issues).toEqual([]);
        expect(vin.slice(0, 3)).toBe(maker.wmi);
        expect(modelYearCandidates(vin)).toContain(year);
        const free = generateVin(rng);
        expect(validateVin(free).issues).toEqual([]);
        expect(findMakerByWmi(free)).toBeDefined();
        // Default years fall in the window the catalog decodes.
        expect(catalogVehicleForVin(free)?.modelYear).toBeGreaterThanOrEqual(2000);
      }),
      { numRuns: 500 },
    );
  });

  it('generateVins is deterministic and distinct', () => {
    const a = generateVins(7, 500);
    expect(a).toEqual(generateVins(7, 500));
    expect(new Set(a).size).toBe(500);
    expect(generateVins(8, 500)).not.toEqual(a);
    expect(generateVins(7, 3, { unique: false })).toHaveLength(3);
  });
});

describe('catalog', () => {
  it('decodes the brief VINs to their known facts', () => {
    for (const b of BRIEF_VINS) {
      const v = catalogVehicleForVin(b.vin);
      expect(v?.maker.make).toBe(b.make);
      expect(v?.model.model).toBe(b.model);
      expect(v?.model.bodyClass).toBe(b.bodyClass);
      expect(v?.modelYear).toBe(b.modelYear);
      expect(validateVin(b.vin).issues).toEqual([]);
    }
  });

  it('has distinct WMIs', () => {
    expect(new Set(WMI_CATALOG.map((m) => m.wmi)).size).toBe(WMI_CATALOG.length);
  });
});

describe('generateFleetCsv', () => {
  const base: FleetCsvOptions = {
    seed: 42,
    rows: 2000,
    invalidRatio: 0.05,
    duplicateRatio: 0.1,
    checkDigitMismatchRatio: 0.02,
    extraColumns: true,
  };

  it('is deterministic for a seed', () => {
    const a = generateFleetCsv(base);
    const b = generateFleetCsv(base);
    expect(a.text).toBe(b.text);
    expect(a.expected).toEqual(b.expected);
    expect(generateFleetCsv({ ...base, seed: 43 }).text).not.toBe(a.text);
  });

  const variants: [string, FleetCsvOptions][] = [
    ['comma, extra columns', base],
    ['semicolon, BOM, CRLF', { ...base, seed: 1, delimiter: ';', bom: true, crlf: true }],
    ['tab, custom header', { ...base, seed: 2, delimiter: '\t', vinHeader: 'Vehicle Identification Number' }],
    ['VIN column only', { ...base, seed: 3, extraColumns: false, invalidRatio: 0.2 }],
    ['VIN only, CRLF, BOM', { ...base, seed: 4, extraColumns: false, crlf: true, bom: true }],
    ['clean file', { seed: 5, rows: 300 }],
  ];

  it.each(variants)('answer key matches an independent recount (%s)', (_name, options) => {
    const { text, expected } = generateFleetCsv(options);
    const { expected: recounted } = recount(text, options);
    expect(recounted).toEqual(expected);
    expect(expected.total).toBe(options.rows);
    expect(expected.validUnique.length + expected.duplicates + expected.invalid.length).toBe(options.rows);
    // Quotas are met exactly (a leading duplicate with nothing to repeat may become fresh).
    const rows = options.rows;
    expect(expected.invalid).toHaveLength(Math.round(rows * (options.invalidRatio ?? 0)));
    expect(expected.checkDigitWarnings).toHaveLength(Math.round(rows * (options.checkDigitMismatchRatio ?? 0)));
    const dupQuota = Math.round(rows * (options.duplicateRatio ?? 0));
    expect(expected.duplicates).toBeGreaterThanOrEqual(Math.max(0, dupQuota - 1));
    expect(expected.duplicates).toBeLessThanOrEqual(dupQuota);
    // Fresh VINs decode cleanly; only the mismatches carry a warning.
    const warned = new Set(expected.checkDigitWarnings);
    for (const vin of expected.validUnique) {
      expect(validateVin(vin).issues).toHaveLength(warned.has(vin) ? 1 : 0);
    }
  });

  it('exercises RFC 4180 quoting, BOM and CRLF', () => {
    const { text } = generateFleetCsv({ ...base, delimiter: ';', bom: true, crlf: true });
    expect(text.startsWith('\ufeffunit_number;VIN;plate;department\r\n')).toBe(true);
    expect(text).toContain('"Yard 2\nOverflow"');
    expect(text).toContain('"Night ""Owl"" Crew"');
    expect(text).toContain('"Sales; East"');
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('writes every kind of invalid VIN, with its row and first error', () => {
    const options: FleetCsvOptions = { seed: 9, rows: 1000, invalidRatio: 0.1, extraColumns: true };
    const { text, expected } = generateFleetCsv(options);
    const { cells } = recount(text, options);
    expect(new Set(expected.invalid.map((i) => i.reason))).toEqual(
      new Set(['EMPTY', 'TOO_SHORT', 'TOO_LONG', 'FORBIDDEN_LETTER', 'INVALID_CHARACTER']),
    );
    for (const bad of expected.invalid) expect(cells[bad.row - 1]).toBe(bad.value);
  });

  it('places included VINs verbatim, in order, once each', () => {
    const include = [...BRIEF_VINS.map((b) => b.vin), '1XPWD40X1ED21530'];
    const options: FleetCsvOptions = { seed: 11, rows: 200, includeVins: include, duplicateRatio: 0 };
    const { text, expected } = generateFleetCsv(options);
    const { cells } = recount(text, options);
    expect(cells.filter((c) => include.includes(c))).toEqual(include);
    for (const b of BRIEF_VINS) expect(expected.validUnique).toContain(b.vin);
    expect(expected.invalid).toEqual([
      { row: cells.indexOf('1XPWD40X1ED21530') + 1, value: '1XPWD40X1ED21530', reason: 'TOO_SHORT' },
    ]);
  });

  it('refuses ratios that do not fit', () => {
    expect(() => generateFleetCsv({ seed: 1, rows: 10, invalidRatio: 0.6, duplicateRatio: 0.6 })).toThrow(RangeError);
    expect(() => generateFleetCsv({ seed: 1, rows: 1, includeVins: ['A', 'B'] })).toThrow(RangeError);
  });
});

describe('writeFleetCsv', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('streams the same bytes and answer key as generateFleetCsv', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fleet-gen-'));
    dirs.push(dir);
    const options: FleetCsvOptions = {
      seed: 5,
      rows: 20_000,
      invalidRatio: 0.01,
      duplicateRatio: 0.05,
      extraColumns: true,
      bom: true,
      crlf: true,
    };
    const path = join(dir, 'fleet.csv');
    const expected = await writeFleetCsv(path, options);
    const inMemory = generateFleetCsv(options);
    expect(await readFile(path, 'utf8')).toBe(inMemory.text);
    expect(expected).toEqual(inMemory.expected);
  });

  it('rejects when the file cannot be written', async () => {
    await expect(writeFleetCsv(join(tmpdir(), 'no-such-dir-fleet-gen', 'x', 'f.csv'), { seed: 1, rows: 10 })).rejects.toThrow();
  });
});
