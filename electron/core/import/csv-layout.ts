/**
 * How a fleet CSV is laid out: delimiter, header, and which column holds the VINs.
 *
 * Fleet files come from Excel in many locales (`;` in Europe, tabs from copy-paste) and nobody
 * agrees on the VIN column's name. We look at the first few KB only: the delimiter
 * is the candidate that appears most consistently outside quotes on the first records; the VIN
 * column is found by header name, else a single column, else the column whose values most look
 * like VINs (scored with the shared 49 CFR 565 rules).
 */
import { parse as parseSync } from 'csv-parse/sync';
import type { CsvDelimiter } from '../../../shared/import/import-contract';
import { isVinSynonym } from '../../../shared/fleet-fields/fleet-fields';
import { validateVin } from '../../../shared/vin/vin-rules';
import { AppFailure } from '../ipc/app-failure';

export const DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t'];
/** Bytes read to sniff the layout. */
export const SNIFF_BYTES = 64 * 1024;
/** Records looked at to choose the delimiter. */
const SNIFF_RECORDS = 20;
/** Rows scored to find the VIN column by its values. */
const SCORE_ROWS = 200;
export const PREVIEW_ROWS = 10;

/**
 * csv-parse options shared by the sniffer and the streaming parser, so the preview and the import
 * read the same records: ragged rows allowed; a stray quote inside an unquoted value
 * (`53" dry van`) kept as text, as Excel does, rather than failing the whole file; empty lines
 * skipped. A row of only delimiters or spaces (`,,`, `""`) is NOT skipped: it is a row without a
 * VIN, reported as invalid, which the fleet generator's answer keys rely on.
 */
export const CSV_PARSE_OPTIONS = {
  relax_column_count: true,
  relax_quotes: true,
  skip_empty_lines: true,
} as const;

/**
 * Header names meaning "VIN", compared after lowercasing and dropping everything but letters
 * and digits ("VIN #" → "vin", "Vehicle Identification Number" → "vehicleidentificationnumber").
 */
const VIN_HEADERS = new Set([
  'vin',
  'vins',
  'vinnumber',
  'vinno',
  'vinnum',
  'vinnr',
  'vincode',
  'vehiclevin',
  'vehicleidentificationnumber',
  'vehicleidentificationno',
  'vehicleidentification',
  'fahrgestellnummer',
]);

export function normalizeHeader(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function isVinHeader(name: string): boolean {
  return VIN_HEADERS.has(normalizeHeader(name));
}

/**
 * Split the start of a file into records (outside quotes), counting each candidate delimiter
 * per record. Returns the counts and where the last complete record ends.
 *
 * Mirrors how csv-parse reads the file (with `relax_quotes`): a quote opens a quoted field only
 * at the start of a field (`53" trailer` is a plain value, and must not hide the rest of the
 * file inside a "quoted field"), `""` inside quotes is an escaped quote, and a lone `\r` ends a
 * record as `\n` and `\r\n` do (old Mac exports; otherwise a >64 KB CR-only file looked like
 * one giant record). Found by the nasty-files corpus.
 */
function scanRecords(text: string, maxRecords: number): { counts: Map<CsvDelimiter, number[]>; completeEnd: number } {
  const counts = new Map<CsvDelimiter, number[]>(DELIMITERS.map((d) => [d, []]));
  const current = new Map<CsvDelimiter, number>(DELIMITERS.map((d) => [d, 0]));
  let inQuotes = false;
  let atFieldStart = true;
  let completeEnd = 0;
  let records = 0;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') i += 1;
        else inQuotes = false;
      }
      continue;
    }
    if (ch === '"' && atFieldStart) {
      inQuotes = true;
      atFieldStart = false;
    } else if (ch === ',' || ch === ';' || ch === '\t') {
      current.set(ch, (current.get(ch) ?? 0) + 1);
      atFieldStart = true;
    } else if (ch === '\n' || (ch === '\r' && i + 1 < text.length && text[i + 1] !== '\n')) {
      const blank = text.slice(completeEnd, i).trim() === '';
      completeEnd = i + 1;
      atFieldStart = true;
      if (!blank) {
        for (const d of DELIMITERS) counts.get(d)!.push(current.get(d) ?? 0);
        records += 1;
      }
      for (const d of DELIMITERS) current.set(d, 0);
      if (records >= maxRecords) break;
    } else if (ch !== '\r') {
      atFieldStart = false;
    }
  }
  return { counts, completeEnd };
}

/** The delimiter appearing the same non-zero number of times on most records; `,` by default. */
export function detectDelimiter(text: string): CsvDelimiter {
  const { counts } = scanRecords(text, SNIFF_RECORDS);
  let best: CsvDelimiter = ',';
  let bestScore = -1;
  for (const d of DELIMITERS) {
    const perRecord = counts.get(d)!;
    if (perRecord.length === 0) continue;
    const freq = new Map<number, number>();
    for (const n of perRecord) if (n > 0) freq.set(n, (freq.get(n) ?? 0) + 1);
    let modeCount = 0;
    let mode = 0;
    for (const [n, f] of freq) if (f > modeCount || (f === modeCount && n > mode)) [mode, modeCount] = [n, f];
    if (modeCount === 0) continue;
    // Consistency first (records with the mode count), then how many fields it makes.
    const score = modeCount / perRecord.length + mode / 10_000;
    if (score > bestScore) [best, bestScore] = [d, score];
  }
  return best;
}

export interface CsvLayout {
  readonly delimiter: CsvDelimiter;
  /** The file starts with Excel's `sep=<delimiter>` line: one record to skip before anything else. */
  readonly sepLine: boolean;
  readonly hasHeader: boolean;
  readonly columns: readonly string[];
  /** The first data rows (up to PREVIEW_ROWS), padded to the column count. */
  readonly sampleRows: readonly (readonly string[])[];
  readonly detectedVinColumn: string | null;
  readonly vinColumnIndex: number | null;
  readonly confident: boolean;
}

/** A file that cannot be read as CSV: FILE_ERROR with a message for the user. */
export function notCsv(detail: string): AppFailure {
  return new AppFailure('FILE_ERROR', `This file cannot be read as CSV: ${detail}`);
}

/**
 * Formats people drop by mistake, told apart by their first bytes (magic numbers), so the error
 * can say what the file really is.
 */
const KNOWN_NOT_CSV: readonly { readonly magic: readonly number[]; readonly what: string }[] = [
  { magic: [0x50, 0x4b, 0x03, 0x04], what: 'it is a ZIP archive (an Excel .xlsx workbook?); save it from Excel as "CSV UTF-8" and import that' },
  // D0 CF 11 E0: the OLE2 container of .xls files.
  { magic: [0xd0, 0xcf, 0x11, 0xe0], what: 'it is an old Excel .xls workbook; save it from Excel as "CSV UTF-8" and import that' },
  { magic: [0x89, 0x50, 0x4e, 0x47], what: 'it is a PNG image' },
  { magic: [0x25, 0x50, 0x44, 0x46, 0x2d], what: 'it is a PDF document' },
  { magic: [0x1f, 0x8b], what: 'it is a gzip archive; unpack it first' },
];

/** What the file is when its first bytes show it is recognisably not text; null otherwise. */
export function knownNotCsv(head: Uint8Array): string | null {
  return KNOWN_NOT_CSV.find((k) => k.magic.every((byte, i) => head[i] === byte))?.what ?? null;
}

/**
 * Unique column names: a repeated header gets " (2)", " (3)"… so each column keeps its own
 * attribute instead of the last one silently overwriting the others (other columns
 * are kept as attributes).
 */
function uniqueNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    let candidate = name;
    for (let n = 2; used.has(candidate); n += 1) candidate = `${name} (${n})`;
    used.add(candidate);
    return candidate;
  });
}

function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  let control = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 9 || (c > 13 && c < 32) || c === 0xfffd) control += 1;
  }
  return text.length > 0 && control / text.length > 0.05;
}

/** Share of non-empty values in a column that are valid VINs. */
function vinScore(rows: readonly (readonly string[])[], index: number): number {
  let values = 0;
  let vins = 0;
  for (const row of rows) {
    const cell = row[index] ?? '';
    if (cell.trim() === '') continue;
    values += 1;
    if (validateVin(cell).valid) vins += 1;
  }
  return values === 0 ? 0 : vins / values;
}

/**
 * Excel's first line `sep=;` (written by Excel in some locales and by tools that want Excel to
 * split the columns right) names the delimiter; it is neither header nor data.
 */
const SEP_LINE = /^"?sep=(.)"?[ \t]*(\r\n|\n|\r)/i;

function sepLineOf(text: string): { delimiter: CsvDelimiter; length: number } | null {
  const match = SEP_LINE.exec(text);
  if (!match) return null;
  const named = match[1]!;
  const delimiter = DELIMITERS.find((d) => d === named);
  if (delimiter === undefined) {
    throw notCsv(`its first line names "${named}" as the separator (sep=${named}); only comma, semicolon and tab are supported. Save it from Excel with one of those.`);
  }
  return { delimiter, length: match[0].length };
}

/**
 * A cell that looks like a VIN typed with a mistake (a letter I/O/Q, one character too many or
 * too few): 15-19 letters and digits with at least four digits. Header names do not look like
 * that, so such a first row in a column of VINs is data, not a header.
 */
function looksLikeMistypedVin(cell: string): boolean {
  const compact = cell.trim().toUpperCase().replace(/[\s-]/g, '');
  return /^[A-Z0-9]{15,19}$/.test(compact) && (compact.match(/[0-9]/g)?.length ?? 0) >= 4 && /[A-Z]/.test(compact);
}

/**
 * Whether the first record is a header, judged with the rest of the file: a first row holding a
 * valid VIN is data; so is one whose cell in a column of VINs (judged by the following rows)
 * looks like a VIN with a typo, rather than like a column name.
 */
function firstRecordIsHeader(records: readonly (readonly string[])[]): boolean {
  const first = records[0]!;
  // A cell naming the VIN column is a header even when it reads as a VIN: "FAHRGESTELLNUMMER"
  // has 17 letters of the VIN alphabet.
  if (first.some((cell) => isVinHeader(cell) || isVinSynonym(cell))) return true;
  // A first row holding a valid VIN is data (a header-less export).
  if (first.some((cell) => validateVin(cell).valid)) return false;
  const rest = records.slice(1, SCORE_ROWS + 1);
  if (rest.length === 0) return true;
  for (let i = 0; i < first.length; i += 1) {
    const cell = first[i] ?? '';
    if (isVinHeader(cell) || !looksLikeMistypedVin(cell)) continue;
    if (vinScore(rest, i) >= 0.6) return false;
  }
  return true;
}

/**
 * Read the layout from the start of a file (`head`: the first ~64 KB, decoded).
 * `endOfFile` says the head is the whole file (its last record needs no line break).
 */
export function detectLayout(head: string, endOfFile: boolean): CsvLayout {
  const unmarked = head.startsWith('\ufeff') ? head.slice(1) : head;
  const sep = sepLineOf(unmarked);
  const text = sep ? unmarked.slice(sep.length) : unmarked;
  if (looksBinary(text)) throw notCsv('it contains binary data (is it a spreadsheet or an archive rather than a CSV?)');
  const delimiter = sep?.delimiter ?? detectDelimiter(text);
  const { completeEnd } = scanRecords(text, Number.POSITIVE_INFINITY);
  const usable = endOfFile ? text : text.slice(0, completeEnd);
  if (usable.trim() === '') {
    if (!endOfFile) throw notCsv('the first record is longer than 64 KB');
    throw new AppFailure('INVALID_INPUT', 'The file is empty: it has no rows.');
  }
  let records: string[][];
  try {
    records = parseSync(usable, {
      delimiter,
      ...CSV_PARSE_OPTIONS,
      to_line: SCORE_ROWS + 50,
    }) as string[][];
  } catch (error) {
    throw notCsv(error instanceof Error ? error.message : String(error));
  }
  if (records.length === 0) throw new AppFailure('INVALID_INPUT', 'The file is empty: it has no rows.');
  const first = records[0]!;
  const hasHeader = firstRecordIsHeader(records);
  const width = Math.max(...records.slice(0, SCORE_ROWS + 1).map((r) => r.length));
  const columns = uniqueNames(
    Array.from({ length: width }, (_, i) => {
      const name = hasHeader ? (first[i] ?? '').trim() : '';
      return name === '' ? `Column ${i + 1}` : name;
    }),
  );
  const data = hasHeader ? records.slice(1) : records;
  const pad = (row: readonly string[]): string[] => columns.map((_, i) => row[i] ?? '');
  const sampleRows = data.slice(0, PREVIEW_ROWS).map(pad);

  let vinColumnIndex: number | null = null;
  let confident = false;
  const byHeader = hasHeader ? columns.findIndex((c) => isVinHeader(c) || isVinSynonym(c)) : -1;
  if (byHeader >= 0) {
    vinColumnIndex = byHeader;
    confident = true;
  } else if (columns.length === 1) {
    vinColumnIndex = 0;
    confident = true;
  } else {
    const scored = data.slice(0, SCORE_ROWS);
    const scores = columns.map((_, i) => vinScore(scored, i));
    const order = scores.map((s, i) => ({ s, i })).sort((a, b) => b.s - a.s);
    const top = order[0]!;
    const second = order[1]?.s ?? 0;
    if (top.s > 0) vinColumnIndex = top.i;
    // A clear winner: most values are VINs and no other column comes close.
    confident = top.s >= 0.6 && second <= top.s / 3;
  }
  return {
    delimiter,
    sepLine: sep !== null,
    hasHeader,
    columns,
    sampleRows,
    detectedVinColumn: vinColumnIndex === null ? null : columns[vinColumnIndex]!,
    vinColumnIndex,
    confident,
  };
}

/** Index of a column the user named (exact, else by normalised header); INVALID_INPUT if absent. */
export function resolveVinColumn(columns: readonly string[], name: string): number {
  const exact = columns.indexOf(name);
  if (exact >= 0) return exact;
  const wanted = normalizeHeader(name);
  const loose = columns.findIndex((c) => normalizeHeader(c) === wanted && wanted !== '');
  if (loose >= 0) return loose;
  throw new AppFailure('INVALID_INPUT', `The file has no column "${name}". Its columns are: ${columns.join(', ')}.`, [
    { path: 'vinColumn', message: `No column "${name}"` },
  ]);
}
