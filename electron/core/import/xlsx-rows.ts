/**
 * Excel workbooks (.xlsx) as an import source: the rows of one sheet, as CSV text.
 *
 * ExcelJS's streaming WorkbookReader reads the sheet row by row (the zip is inflated as it goes,
 * so a 100,000-row sheet never sits in memory), and each row is written out as one RFC 4180 CSV
 * record. The rest of the import — header and VIN-column detection, mapping, chunked commits,
 * resume — then reads it exactly as it reads a CSV file. Cells keep their values: numbers as
 * JavaScript writes them (no locale grouping), dates as ISO dates (`2021-03-25`, or the instant
 * when it has a time of day), formulas as their cached result, rich text as its plain text.
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { AppFailure } from '../ipc/app-failure';

export function isXlsxPath(file: string): boolean {
  return /\.xlsx$/i.test(file);
}

/** Which sheet to read: a 1-based position or a name; the first sheet when absent. */
export type SheetChoice = number | string | undefined;

/** One cell as text, the way the CSV reader would have seen it. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((part) => part.text).join('');
    if ('result' in v) return cellText(v.result);
    if (typeof v.text === 'string') return v.text;
    if ('error' in v) return '';
  }
  return String(value);
}

/** The rows of the chosen sheet, each as its cells' text (column A first; gaps are ''). */
export async function* xlsxRows(file: string, sheet?: SheetChoice): AsyncGenerator<string[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // needed to tell a date cell from a number
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let position = 0;
  let found = false;
  try {
    for await (const worksheet of reader) {
      position += 1;
      const name = (worksheet as unknown as { name?: string }).name;
      const wanted = sheet === undefined ? position === 1 : typeof sheet === 'number' ? position === sheet : name === sheet;
      if (!wanted) {
        // Read a skipped sheet to its end: ExcelJS spills sheets that come before the shared
        // strings to temporary files and deletes each one as soon as the loop moves on, so an
        // unread sheet's file would vanish under the stream still opening it (an uncaught ENOENT).
        for await (const _row of worksheet) void _row;
        continue;
      }
      found = true;
      for await (const row of worksheet) {
        const values = (row as ExcelJS.Row).values as unknown[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i += 1) cells.push(cellText(values[i]));
        yield cells;
      }
      break;
    }
  } catch (error) {
    if (error instanceof AppFailure) throw error;
    throw new AppFailure('FILE_ERROR', `This Excel file cannot be read: ${error instanceof Error ? error.message : String(error)}`, undefined, {
      cause: error,
    });
  }
  if (!found) {
    throw new AppFailure(
      'INVALID_INPUT',
      sheet === undefined ? 'This Excel file has no sheets.' : `This Excel file has no sheet ${typeof sheet === 'number' ? `number ${sheet}` : `"${sheet}"`}.`,
    );
  }
}

const STRINGIFY = { record_delimiter: 'unix', quoted_match: /[,;\t]/ } as const;

/** The sheet as a stream of CSV text (comma-separated, fields with separators quoted). */
export function xlsxCsvStream(file: string, sheet?: SheetChoice): Readable {
  async function* lines(): AsyncGenerator<string> {
    for await (const cells of xlsxRows(file, sheet)) {
      // A row with no value at all would be a blank line the CSV reader skips; keep it a row.
      yield cells.length === 0 ? '""\n' : stringify([cells], STRINGIFY);
    }
  }
  return Readable.from(lines(), { objectMode: false });
}

/** The first `maxChars` of the sheet's CSV text, and whether that is all of it. */
export async function xlsxCsvHead(file: string, maxChars: number, sheet?: SheetChoice): Promise<{ head: string; all: boolean }> {
  let head = '';
  for await (const cells of xlsxRows(file, sheet)) {
    head += cells.length === 0 ? '""\n' : stringify([cells], STRINGIFY);
    if (head.length >= maxChars) return { head, all: false };
  }
  return { head, all: true };
}

export async function fileSize(file: string): Promise<number> {
  return (await fs.promises.stat(file)).size;
}
