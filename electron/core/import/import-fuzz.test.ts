/**
 * Fuzzing the CSV reader and the importer.
 *
 * Whatever the bytes, the engine either finishes with counts that add up
 * (`total = added + updated + duplicates + invalid + failed`) or fails with a clear AppFailure
 * (FILE_ERROR, INVALID_INPUT, DECRYPT_FAILED): never another exception, never a hang (each case
 * races a timer), never a change to the vehicles already stored when it fails. Also the giant
 * inputs the issue names: a 100 MB single-line file, 5 MB of random bytes, a ZIP/XLSX header.
 * Case counts are printed so the closing note can cite them.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDecodedVehicle } from '../../../testing/vehicle-fixtures';
import { AppFailure } from '../ipc/app-failure';
import { getJob } from '../storage/sqlite/sqlite-import-job-store';
import { detectLayout, resolveVinColumn, normalizeHeader } from './csv-layout';
import { previewImport } from './import-preview';
import { newJob, openTestDatabase, tempDir } from '../../../testing/import-test-support';
import { runImportJob, type DecodeVins } from './run-import-job';
import { upsertDecoded } from '../storage/sqlite/vehicles/vehicle-repository';
import { sqliteImportStores } from '../storage/sqlite/sqlite-import-stores';

const CLEAR_CODES = new Set(['FILE_ERROR', 'INVALID_INPUT', 'DECRYPT_FAILED']);
/** Check-digit-valid VINs (fleet generator, seed 7); the first two are stored before each run. */
const VINS = ['2NPPHDF76SJ721751', '3HS9Z8V67D4125709', '3VVYLXU11H5340073', '3C6PNAB48R4931630', '1N4UMX3H7EM898599', '2T1HAPJR7YZ584675'];
const CASE_TIME_LIMIT_MS = 5000;

/** Offline stand-in for vPIC (the fuzz is about reading): every VIN decodes. */
const decode: DecodeVins = async (vins) => ({ decoded: vins.map((vin) => makeDecodedVehicle({ vin })), failed: [] });

/** Clear failures seen, by code and the start of the message (printed, for the closing note). */
const failureKinds = new Map<string, number>();

function printFailureKinds(property: string): void {
  const top = [...failureKinds].sort((a, b) => b[1] - a[1]).slice(0, 8);
  console.log(`fuzz ${property} failure kinds:\n${top.map(([kind, n]) => `  ${n}\t${kind}`).join('\n')}`);
  failureKinds.clear();
}

function expectClearFailure(error: unknown): asserts error is AppFailure {
  if (!(error instanceof AppFailure)) throw error; // an unexpected exception type: fail with its stack
  const kind = `${error.code}: ${error.message.replace(/case-\d+\.csv/, 'FILE').slice(0, 60)}`;
  failureKinds.set(kind, (failureKinds.get(kind) ?? 0) + 1);
  expect(CLEAR_CODES.has(error.code), `code ${error.code}: ${error.message}`).toBe(true);
  expect(error.message.length).toBeGreaterThan(10);
}

/** `work`, or a failure naming the hang when it takes longer than `ms`. */
async function withinTime<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms (hang)`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// ---- generators -------------------------------------------------------------------------------

const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: fc.constantFrom(',', ';', '\t', '"', '\r', '\n', '\u0000', '\ufeff', 'V', 'I', 'N', ' ', 'é', '|'), maxLength: 300 }),
);

const vinLike = fc.oneof(
  fc.constantFrom(...VINS),
  fc.constantFrom(...VINS).map((v) => v.toLowerCase()),
  fc.constantFrom(...VINS).map((v) => `${v.slice(0, 4)}-${v.slice(4, 10)} ${v.slice(10)}`),
  fc.constantFrom(...VINS).map((v) => `${v.slice(0, 5)}O${v.slice(6)}`), // forbidden letter
  fc.string({ unit: fc.constantFrom(...'0123456789ABCDEFGHJKLMNPRSTUVWXYZ'), minLength: 15, maxLength: 19 }),
);

const cell = fc.oneof(
  { weight: 4, arbitrary: vinLike },
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom('"', '""', '"open', 'a"b', '=HYPERLINK("x")', '', ' ', '\u0000') },
  { weight: 1, arbitrary: fc.string({ minLength: 1000, maxLength: 5000 }) }, // very long field
);

const headerName = fc.oneof(
  fc.constantFrom('VIN', 'vin', 'VIN #', 'Vehicle Identification Number', 'vin_number', 'unit', 'plate', '', '"VIN"', 'VIN;x', 'VIN'),
  fc.string({ maxLength: 10 }),
);

/** Text that is almost a fleet CSV: random headers, ragged rows, odd quotes and line ends. */
const csvish = fc
  .record({
    header: fc.option(fc.array(headerName, { minLength: 1, maxLength: 6 }), { nil: null }),
    rows: fc.array(fc.array(cell, { minLength: 0, maxLength: 6 }), { maxLength: 25 }),
    delimiter: fc.constantFrom(',', ';', '\t', '|'),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    quoteAll: fc.boolean(),
    blankLines: fc.boolean(),
    finalEol: fc.boolean(),
  })
  .map(({ header, rows, delimiter, eol, quoteAll, blankLines, finalEol }) => {
    const line = (cells: readonly string[]): string =>
      cells.map((c) => (quoteAll ? `"${c.replace(/"/g, '""')}"` : c)).join(delimiter);
    const lines = [...(header ? [line(header)] : []), ...rows.map((r, i) => (blankLines && i % 3 === 0 ? `${eol}${line(r)}` : line(r)))];
    return lines.join(eol) + (finalEol ? eol : '');
  });

const tameCell = fc.stringMatching(/^[A-Za-z0-9 .-]{0,12}$/);

/** A fleet file with a VIN header and VIN-like first cells, damaged here and there by `cell`s. */
const fleetish = fc
  .record({
    others: fc.array(headerName, { maxLength: 4 }),
    rows: fc.array(fc.tuple(vinLike, fc.array(fc.oneof({ weight: 9, arbitrary: tameCell }, { weight: 1, arbitrary: cell }), { maxLength: 4 })), {
      maxLength: 40,
    }),
    delimiter: fc.constantFrom(',', ';', '\t'),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
  })
  .map(({ others, rows, delimiter, eol }) =>
    [['VIN', ...others], ...rows.map(([vin, rest]) => [vin, ...rest])].map((r) => r.join(delimiter)).join(eol) + eol,
  );

/** The bytes of a file: CSV-ish text in some encoding, or random bytes, or a mix. */
const fileBytes = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fleetish, fc.constantFrom('utf8', 'utf8-bom', 'utf16le-bom')).map(([text, enc]) => encode(text, enc)) },
  { weight: 4, arbitrary: fc.tuple(csvish, fc.constantFrom('utf8', 'utf8-bom', 'utf16le-bom')).map(([text, enc]) => encode(text, enc)) },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 4000 }) },
  { weight: 1, arbitrary: fc.tuple(csvish, fc.uint8Array({ maxLength: 200 }), csvish).map(([a, b, c]) => Buffer.concat([Buffer.from(a), b, Buffer.from(c)])) },
  { weight: 1, arbitrary: fc.constantFrom('', '\ufeff', 'VIN', 'VIN\n', '"', '\r\r\r', ',,,\n,,,').map((t) => Buffer.from(t)) },
);

function encode(text: string, encoding: 'utf8' | 'utf8-bom' | 'utf16le-bom'): Buffer {
  if (encoding === 'utf16le-bom') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  return Buffer.from(encoding === 'utf8-bom' ? `\ufeff${text}` : text);
}

// ---- pure functions: thousands of cases ----------------------------------------------------

describe('detectLayout and resolveVinColumn on arbitrary input', () => {
  it('detectLayout returns a consistent layout or a clear AppFailure, quickly', () => {
    let cases = 0;
    let layouts = 0;
    fc.assert(
      fc.property(fc.oneof(anyText, csvish, fc.uint8Array({ maxLength: 2000 }).map((b) => new TextDecoder().decode(b))), fc.boolean(), (text, endOfFile) => {
        cases += 1;
        const started = performance.now();
        try {
          const layout = detectLayout(text, endOfFile);
          layouts += 1;
          expect(layout.columns.length).toBeGreaterThan(0);
          expect(new Set(layout.columns).size).toBe(layout.columns.length);
          for (const row of layout.sampleRows) expect(row).toHaveLength(layout.columns.length);
          if (layout.vinColumnIndex !== null) expect(layout.columns[layout.vinColumnIndex]).toBe(layout.detectedVinColumn);
          else expect(layout.confident).toBe(false);
        } catch (error) {
          expectClearFailure(error);
        }
        expect(performance.now() - started).toBeLessThan(1000);
      }),
      { numRuns: 10_000 },
    );
    console.log(`fuzz detectLayout: ${cases} cases, ${layouts} gave a layout, ${cases - layouts} a clear failure`);
    printFailureKinds('detectLayout');
  });

  it('resolveVinColumn finds the named column or says INVALID_INPUT', () => {
    let cases = 0;
    fc.assert(
      fc.property(fc.array(headerName, { maxLength: 8 }), fc.oneof(headerName, fc.string({ unit: 'grapheme', maxLength: 20 })), (columns, name) => {
        cases += 1;
        try {
          const index = resolveVinColumn(columns, name);
          const column = columns[index]!;
          expect(column === name || (normalizeHeader(column) === normalizeHeader(name) && normalizeHeader(name) !== '')).toBe(true);
        } catch (error) {
          expectClearFailure(error);
          expect(error.code).toBe('INVALID_INPUT');
          expect(columns.includes(name)).toBe(false);
        }
      }),
      { numRuns: 5000 },
    );
    console.log(`fuzz resolveVinColumn: ${cases} cases`);
    failureKinds.clear();
  });
});

// ---- whole files through preview and import -------------------------------------------------

describe('previewImport and runImportJob on arbitrary files', () => {
  let dir: string;
  let db: Database;
  let fileNumber = 0;

  beforeAll(() => {
    dir = tempDir('import-fuzz-');
    db = openTestDatabase(dir);
  });
  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function writeCase(bytes: Uint8Array): string {
    fileNumber += 1;
    const file = path.join(dir, `case-${fileNumber}.csv`);
    fs.writeFileSync(file, bytes);
    return file;
  }

  it('previewImport describes the file or fails clearly', async () => {
    let cases = 0;
    let failures = 0;
    await fc.assert(
      fc.asyncProperty(fileBytes, async (bytes) => {
        cases += 1;
        const file = writeCase(bytes);
        try {
          const preview = await withinTime(previewImport(file), CASE_TIME_LIMIT_MS, 'previewImport');
          expect(preview.sizeBytes).toBe(bytes.length);
          expect(new Set(preview.columns).size).toBe(preview.columns.length);
          if (preview.detectedVinColumn !== null) expect(preview.columns).toContain(preview.detectedVinColumn);
        } catch (error) {
          expectClearFailure(error);
          failures += 1;
        } finally {
          fs.rmSync(file, { force: true });
        }
      }),
      { numRuns: 1500 },
    );
    console.log(`fuzz previewImport: ${cases} files, ${cases - failures} previewed, ${failures} clear failures`);
    printFailureKinds('previewImport');
  });

  it('runImportJob ends with counts that add up, or fails clearly leaving stored vehicles untouched', async () => {
    let cases = 0;
    let failures = 0;
    await fc.assert(
      fc.asyncProperty(fileBytes, fc.option(headerName, { nil: undefined }), async (bytes, vinColumn) => {
        cases += 1;
        // A clean slate holding two stored vehicles, which the file may or may not name.
        db.exec('DELETE FROM vehicles');
        upsertDecoded(db, makeDecodedVehicle({ vin: VINS[0]! }), new Date(), { unit: 'STORED-0' });
        upsertDecoded(db, makeDecodedVehicle({ vin: VINS[1]! }), new Date(), { unit: 'STORED-1' });
        const before = db.prepare('SELECT * FROM vehicles ORDER BY id').all();
        const file = writeCase(bytes);
        const jobId = newJob(db, file, vinColumn === undefined || vinColumn === '' ? {} : { vinColumn });
        try {
          const job = await withinTime(runImportJob({ stores: sqliteImportStores(db), decode, now: () => new Date() }, jobId), CASE_TIME_LIMIT_MS, 'runImportJob');
          expect(job.state).toBe('done');
          const c = job.counts;
          expect(c.total).toBe(c.added + c.updated + c.duplicates + c.invalid + c.failed);
          expect(c.failed).toBe(0);
          const stored = (db.prepare('SELECT COUNT(*) AS n FROM vehicles').get() as { n: number }).n;
          expect(stored).toBe(2 + c.added);
        } catch (error) {
          expectClearFailure(error);
          failures += 1;
          expect(getJob(db, jobId)!.state).toBe('failed');
          // These files (< 500 rows, one chunk at the default size) fail before any chunk commits:
          // nothing stored may have changed. (A failure after committed chunks keeps them, by
          // design: the job can be resumed.)
          expect(db.prepare('SELECT * FROM vehicles ORDER BY id').all()).toEqual(before);
        } finally {
          fs.rmSync(file, { force: true });
        }
      }),
      { numRuns: 1000 },
    );
    console.log(`fuzz runImportJob: ${cases} files, ${cases - failures} imported, ${failures} clear failures`);
    printFailureKinds('runImportJob');
  });
});

// ---- giant and binary inputs ----------------------------------------------------------------

describe('giant and binary files', () => {
  let dir: string;
  let db: Database;

  beforeAll(() => {
    dir = tempDir('import-giant-');
    db = openTestDatabase(dir);
    upsertDecoded(db, makeDecodedVehicle({ vin: VINS[0]! }), new Date(), { unit: 'STORED-0' });
  });
  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Write `pieces` × `piece` (plus `prefix`) without ever holding the whole file in memory. */
  async function writeStreamed(file: string, prefix: string, piece: string, pieces: number): Promise<void> {
    const out = fs.createWriteStream(file);
    const write = (chunk: string): Promise<void> =>
      new Promise((resolve, reject) => out.write(chunk, (error) => (error ? reject(error) : resolve())));
    await write(prefix);
    for (let i = 0; i < pieces; i += 1) await write(piece);
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }

  /** Preview and import of `file` both fail clearly, in time, with bounded memory, storing nothing. */
  async function expectCleanRefusal(file: string, code: string, messageIncludes: RegExp): Promise<void> {
    const before = db.prepare('SELECT * FROM vehicles ORDER BY id').all();
    const rssBefore = process.memoryUsage().rss;
    const started = Date.now();
    for (const attempt of [
      (): Promise<unknown> => previewImport(file),
      () => runImportJob({ stores: sqliteImportStores(db), decode, now: () => new Date() }, newJob(db, file)),
    ]) {
      const error = await withinTime(attempt(), 20_000, path.basename(file)).then(
        () => new Error('expected a failure'),
        (e: unknown) => e,
      );
      expectClearFailure(error);
      expect(error.code).toBe(code);
      expect(error.message).toMatch(messageIncludes);
    }
    const growthMb = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
    console.log(`giant ${path.basename(file)}: refused in ${Date.now() - started} ms, RSS growth ${growthMb.toFixed(1)} MB`);
    expect(growthMb).toBeLessThan(300);
    expect(db.prepare('SELECT * FROM vehicles ORDER BY id').all()).toEqual(before);
  }

  it('a 100 MB single-line file is refused as an over-long record, fast and in bounded memory', async () => {
    const file = path.join(dir, 'single-line.csv');
    await writeStreamed(file, '', 'A'.repeat(1 << 20), 100);
    expect(fs.statSync(file).size).toBe(100 * (1 << 20));
    try {
      await expectCleanRefusal(file, 'FILE_ERROR', /longer than 64 KB/);
    } finally {
      fs.rmSync(file, { force: true });
    }
  }, 60_000);

  it('a header then a 100 MB line: the streaming parser stops at its record cap', async () => {
    const file = path.join(dir, 'header-then-giant.csv');
    await writeStreamed(file, 'VIN,unit\n', 'A'.repeat(1 << 20), 100);
    try {
      // The preview sees only the header (fine); the import fails on the record cap (1 MB).
      const preview = await previewImport(file);
      expect(preview.detectedVinColumn).toBe('VIN');
      const rssBefore = process.memoryUsage().rss;
      const jobId = newJob(db, file);
      const error = await withinTime(runImportJob({ stores: sqliteImportStores(db), decode, now: () => new Date() }, jobId), 20_000, 'giant import').catch((e: unknown) => e);
      expectClearFailure(error);
      expect(error.code).toBe('FILE_ERROR');
      expect(error.message).toMatch(/cannot be read as CSV/);
      expect(getJob(db, jobId)!.state).toBe('failed');
      expect((process.memoryUsage().rss - rssBefore) / 1024 / 1024).toBeLessThan(300);
    } finally {
      fs.rmSync(file, { force: true });
    }
  }, 60_000);

  it('5 MB of random bytes is refused as binary', async () => {
    const file = path.join(dir, 'random.csv');
    fs.writeFileSync(file, crypto.randomBytes(5 * 1024 * 1024));
    await expectCleanRefusal(file, 'FILE_ERROR', /binary|UTF-16|gzip|xls|ZIP|PNG|PDF/);
  });

  it('a ZIP / XLSX file is refused, saying what it is', async () => {
    const file = path.join(dir, 'fleet.csv');
    const zipLike = Buffer.concat([Buffer.from('PK\u0003\u0004\u0014\u0000\u0006\u0000'), Buffer.from('[Content_Types].xml'), crypto.randomBytes(20_000)]);
    fs.writeFileSync(file, zipLike);
    await expectCleanRefusal(file, 'FILE_ERROR', /ZIP archive \(an Excel \.xlsx workbook\?\)/);
  });

  it('a CR-only file larger than the 64 KB sniff window imports every row', async () => {
    const file = path.join(dir, 'cr-only-big.csv');
    const rows = 6000;
    const vins = Array.from({ length: rows }, (_, i) => VINS[i % VINS.length]!);
    fs.writeFileSync(file, ['VIN;unit', ...vins.map((v, i) => `${v};UNIT-${i}-${'x'.repeat(10)}`)].join('\r') + '\r');
    expect(fs.statSync(file).size).toBeGreaterThan(64 * 1024);
    const job = await runImportJob({ stores: sqliteImportStores(db), decode, now: () => new Date() }, newJob(db, file));
    expect(job.counts).toMatchObject({ total: rows, added: VINS.length - 1, updated: 1, duplicates: rows - VINS.length, invalid: 0 });
  });
});
