/**
 * Seeded generator of fleet CSV files, with the answer key an importer must reproduce.
 *
 * Import tests and benches need files that look like real fleet exports (extra columns,
 * quoted cells with delimiters, quotes and line breaks per RFC 4180, BOMs, CRLF, semicolons
 * from European Excel) and contain known amounts of bad rows, duplicates and mistyped check
 * digits. The answer key (`expected`) is computed from the rows actually written, with the
 * shared VIN rules, so it cannot drift from the file.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { computeCheckDigit, modelYearCode, validateVin, VIN_ALPHABET } from '../shared/vin/vin-rules';
import { mulberry32, pick, randomInt, type Rng } from './prng';
import { WMI_CATALOG, type CatalogMaker } from './wmi-catalog';

export type CsvDelimiter = ',' | ';' | '\t';

export interface FleetCsvOptions {
  readonly seed: number;
  /** Data rows (the header not counted). */
  readonly rows: number;
  /** Share of rows with an invalid VIN (empty, 16 or 18 characters, I/O/Q, symbols). */
  readonly invalidRatio?: number;
  /** Share of rows repeating an earlier valid VIN (a third of them lowercased or spaced). */
  readonly duplicateRatio?: number;
  /** Share of rows with a fresh VIN whose check digit is wrong (valid, with a warning). */
  readonly checkDigitMismatchRatio?: number;
  /** Add unit_number, plate and department columns (with RFC 4180 edge cases). */
  readonly extraColumns?: boolean;
  readonly delimiter?: CsvDelimiter;
  /** Start with a UTF-8 byte order mark, as Excel writes. */
  readonly bom?: boolean;
  /** End records with CRLF (RFC 4180) instead of LF. */
  readonly crlf?: boolean;
  /** Name of the VIN column; default "VIN". */
  readonly vinHeader?: string;
  /** Values written verbatim as VIN cells, in order, at seeded positions; they count as rows. */
  readonly includeVins?: readonly string[];
}

export interface InvalidRow {
  /** 1-based data-row number (the header is row 0). */
  readonly row: number;
  /** The VIN cell as written. */
  readonly value: string;
  /** The VinIssue code of validateVin's first error. */
  readonly reason: string;
}

export interface FleetCsvExpected {
  /** Data rows. */
  total: number;
  /** Normalized valid VINs in order of first appearance. */
  validUnique: string[];
  /** Rows whose valid VIN (normalized) already appeared in an earlier row. */
  duplicates: number;
  invalid: InvalidRow[];
  /** Normalized unique VINs whose check digit is wrong, in order of first appearance. */
  checkDigitWarnings: string[];
}

export interface FleetCsv {
  readonly text: string;
  readonly expected: FleetCsvExpected;
}

/** Default model years drawn by generateVin (catalogVehicleForVin reads codes in 2000-2029). */
const DEFAULT_YEARS: readonly [number, number] = [2000, 2025];

const DIGITS = '0123456789';

/**
 * A VIN with a real WMI from the catalog, the model-year code for `year` at position 10
 * and a correct check digit at position 9.
 */
export function generateVin(rng: Rng, maker?: CatalogMaker, year?: number): string {
  const wmi = (maker ?? pick(rng, WMI_CATALOG)).wmi;
  const modelYear = year ?? randomInt(rng, DEFAULT_YEARS[0], DEFAULT_YEARS[1]);
  let descriptor = '';
  for (let i = 0; i < 5; i += 1) descriptor += pick(rng, VIN_ALPHABET);
  const plant = pick(rng, VIN_ALPHABET);
  let serial = '';
  for (let i = 0; i < 6; i += 1) serial += pick(rng, DIGITS);
  const draft = `${wmi}${descriptor}0${modelYearCode(modelYear)}${plant}${serial}`;
  return draft.slice(0, 8) + computeCheckDigit(draft) + draft.slice(9);
}

/** `n` VINs from a seed; distinct unless `unique: false`. */
export function generateVins(seed: number, n: number, options: { unique?: boolean } = {}): string[] {
  const rng = mulberry32(seed);
  if (options.unique === false) return Array.from({ length: n }, () => generateVin(rng));
  const vins = new Set<string>();
  while (vins.size < n) vins.add(generateVin(rng));
  return [...vins];
}

/** The same VIN with a wrong check digit. */
function withWrongCheckDigit(rng: Rng, vin: string): string {
  const wrong = pick(rng, [...'0123456789X'].filter((c) => c !== vin[8]));
  return vin.slice(0, 8) + wrong + vin.slice(9);
}

/** Symbols seen in badly typed VINs; none is whitespace or a dash (normalization removes those). */
const SYMBOLS = ['#', '*', '.', '/', '_', '?', '!', '&', ',', ';', '"', "'"];

/** One invalid VIN cell of a seeded kind. */
function invalidVin(rng: Rng, base: string): string {
  const at = randomInt(rng, 0, 16);
  switch (randomInt(rng, 0, 4)) {
    case 0:
      return '';
    case 1:
      return base.slice(0, 16);
    case 2:
      return base + pick(rng, DIGITS);
    case 3:
      return base.slice(0, at) + pick(rng, ['I', 'O', 'Q']) + base.slice(at + 1);
    default:
      return base.slice(0, at) + pick(rng, SYMBOLS) + base.slice(at + 1);
  }
}

/** A duplicate as people retype it: verbatim mostly, sometimes lowercase or spaced. */
function duplicateCell(rng: Rng, vin: string): string {
  switch (randomInt(rng, 0, 5)) {
    case 0:
      return vin.toLowerCase();
    case 1:
      return ` ${vin.slice(0, 3)}-${vin.slice(3)} `;
    default:
      return vin;
  }
}

/** Quote a cell per RFC 4180 when it holds the delimiter, a quote or a line break. */
function csvCell(value: string, delimiter: CsvDelimiter): string {
  if (value.includes(delimiter) || /["\r\n]/.test(value)) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

const DEPARTMENTS = ['Long Haul', 'Regional', 'Rental', 'Leasing', 'Service', 'Sales'];

function department(rng: Rng, delimiter: CsvDelimiter): string {
  const r = rng();
  if (r < 0.05) return `Sales${delimiter} East`;
  if (r < 0.1) return 'Night "Owl" Crew';
  if (r < 0.15) return 'Yard 2\nOverflow';
  if (r < 0.18) return '';
  return pick(rng, DEPARTMENTS);
}

function plate(rng: Rng): string {
  let letters = '';
  for (let i = 0; i < 3; i += 1) letters += pick(rng, 'ABCDEFGHJKLMNPRSTUVWXYZ');
  return `${letters}-${String(randomInt(rng, 0, 9999)).padStart(4, '0')}`;
}

type RowKind = 'include' | 'invalid' | 'duplicate' | 'mismatch' | 'fresh';

/** Most recent valid VINs, to draw duplicates from without remembering the whole file. */
const RESERVOIR_SIZE = 1024;

/**
 * The file as a lazy sequence of text pieces plus its answer key, filled in as it is read.
 *
 * Row kinds are drawn by selection sampling (Knuth, TAOCP 3.4.2, Algorithm S): each row takes
 * a kind with probability remaining-of-that-kind / remaining-rows, so the quotas are met
 * exactly and spread uniformly, without building the file in memory.
 */
function fleetCsvPieces(options: FleetCsvOptions): { pieces: Iterable<string>; expected: FleetCsvExpected } {
  const delimiter = options.delimiter ?? ',';
  const eol = options.crlf === true ? '\r\n' : '\n';
  const includeVins = options.includeVins ?? [];
  const rows = options.rows;
  const quota: Record<RowKind, number> = {
    include: includeVins.length,
    invalid: Math.round(rows * (options.invalidRatio ?? 0)),
    duplicate: Math.round(rows * (options.duplicateRatio ?? 0)),
    mismatch: Math.round(rows * (options.checkDigitMismatchRatio ?? 0)),
    fresh: 0,
  };
  quota.fresh = rows - quota.include - quota.invalid - quota.duplicate - quota.mismatch;
  if (!Number.isInteger(rows) || rows < 0 || quota.fresh < 0) {
    throw new RangeError(`${rows} rows cannot hold the included VINs and the requested ratios`);
  }

  const expected: FleetCsvExpected = {
    total: rows,
    validUnique: [],
    duplicates: 0,
    invalid: [],
    checkDigitWarnings: [],
  };

  function* generate(): Generator<string> {
    const rng = mulberry32(options.seed);
    const seen = new Set<string>();
    const reservoir: string[] = [];
    let includeIndex = 0;
    const remaining = { ...quota };

    const header = options.extraColumns === true
      ? ['unit_number', options.vinHeader ?? 'VIN', 'plate', 'department']
      : [options.vinHeader ?? 'VIN'];
    yield (options.bom === true ? '\ufeff' : '') + header.map((h) => csvCell(h, delimiter)).join(delimiter) + eol;

    const freshVin = (): string => {
      let vin = generateVin(rng);
      while (seen.has(vin)) vin = generateVin(rng);
      return vin;
    };

    for (let row = 1; row <= rows; row += 1) {
      let draw = rng() * (rows - row + 1);
      let kind: RowKind = 'fresh';
      for (const k of ['include', 'invalid', 'duplicate', 'mismatch', 'fresh'] as const) {
        if (draw < remaining[k]) {
          kind = k;
          break;
        }
        draw -= remaining[k];
      }
      remaining[kind] -= 1;

      let cell: string;
      switch (kind) {
        case 'include':
          cell = includeVins[includeIndex];
          includeIndex += 1;
          break;
        case 'invalid':
          cell = invalidVin(rng, generateVin(rng));
          break;
        case 'duplicate':
          // Nothing to repeat yet (first rows): write a fresh VIN; the key records what happened.
          cell = reservoir.length > 0 ? duplicateCell(rng, pick(rng, reservoir)) : freshVin();
          break;
        case 'mismatch':
          cell = withWrongCheckDigit(rng, freshVin());
          break;
        case 'fresh':
          cell = freshVin();
          break;
      }

      // The answer key, from the cell as written.
      const result = validateVin(cell);
      const firstError = result.issues.find((i) => i.severity === 'error');
      if (firstError !== undefined) {
        expected.invalid.push({ row, value: cell, reason: firstError.code });
      } else if (seen.has(result.vin)) {
        expected.duplicates += 1;
      } else {
        seen.add(result.vin);
        expected.validUnique.push(result.vin);
        if (result.issues.some((i) => i.code === 'CHECK_DIGIT_MISMATCH')) {
          expected.checkDigitWarnings.push(result.vin);
        }
        if (reservoir.length < RESERVOIR_SIZE) reservoir.push(result.vin);
        else reservoir[randomInt(rng, 0, RESERVOIR_SIZE - 1)] = result.vin;
      }

      let record: string;
      if (options.extraColumns === true) {
        const unit = `U${String(row).padStart(6, '0')}`;
        record = [unit, cell, plate(rng), department(rng, delimiter)].map((c) => csvCell(c, delimiter)).join(delimiter);
      } else {
        // A lone empty cell must be quoted, else the record is a blank line that parsers skip.
        record = cell === '' ? '""' : csvCell(cell, delimiter);
      }
      yield record + eol;
    }
  }

  return { pieces: generate(), expected };
}

/** A whole fleet CSV in memory, with its answer key. Same options and seed → same text. */
export function generateFleetCsv(options: FleetCsvOptions): FleetCsv {
  const { pieces, expected } = fleetCsvPieces(options);
  const text = [...pieces].join('');
  return { text, expected };
}

/**
 * Write a fleet CSV to `path` row by row (for files of a million rows and more).
 *
 * Writes the same bytes generateFleetCsv would return as text (UTF-8), honouring stream
 * back-pressure, and resolves with the answer key once the file is closed.
 */
export async function writeFleetCsv(path: string, options: FleetCsvOptions): Promise<FleetCsvExpected> {
  const { pieces, expected } = fleetCsvPieces(options);
  const out = createWriteStream(path, { encoding: 'utf8' });
  const done = finished(out);
  // Observed below; this keeps an early stream error from counting as unhandled meanwhile.
  done.catch(() => undefined);
  let chunk = '';
  try {
    for (const piece of pieces) {
      chunk += piece;
      if (chunk.length >= 64 * 1024) {
        if (!out.write(chunk)) await Promise.race([once(out, 'drain'), done]);
        chunk = '';
      }
    }
    out.end(chunk);
  } catch (error) {
    out.destroy();
    throw error;
  }
  await done;
  return expected;
}
