/**
 * Stream vehicles into a CSV file for spreadsheet users.
 *
 * - UTF-8 with a byte-order mark: Excel opens BOM-less CSV in the system code page and garbles
 *   accented plant cities.
 * - RFC 4180: CRLF line ends, fields with a comma, quote or line break quoted, quotes doubled,
 *   one header row (https://www.rfc-editor.org/rfc/rfc4180#section-2).
 * - Formula injection: a text cell starting with `=`, `+`, `-`, `@`, tab or carriage return gets a
 *   leading `'` so a spreadsheet shows it as text instead of running it
 *   (https://owasp.org/www-community/attacks/CSV_Injection). Numeric columns are left alone: a
 *   negative number is data, and a prefixed one would no longer be a number.
 * - The columns are the spreadsheet columns (human headers, one per field, no JSON cells).
 */
import { stringify } from 'csv-stringify/sync';
import type { FileSink } from '../files/atomic-file';
import { uniqueHeaders, type SpreadsheetColumn, type SpreadsheetRow } from './spreadsheet-columns';
import type { BatchWriteOptions } from './write-parquet';

export const UTF8_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;

/** OWASP's neutralisation of one text cell. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function csvCell(column: SpreadsheetColumn, row: SpreadsheetRow): string {
  const value = column.value(row);
  if (value === null) return '';
  if (column.kind === 'text') return neutraliseFormula(String(value));
  return String(value);
}

const STRINGIFY_OPTIONS = { record_delimiter: 'windows', eof: true } as const;

/** Write every batch to `sink` as CSV with `columns`; returns the number of rows. */
export async function writeCsv(
  batches: Iterable<readonly SpreadsheetRow[]> | AsyncIterable<readonly SpreadsheetRow[]>,
  sink: FileSink,
  columns: readonly SpreadsheetColumn[],
  options: BatchWriteOptions = {},
): Promise<number> {
  sink.write(UTF8_BOM + stringify([uniqueHeaders(columns).map(neutraliseFormula)], STRINGIFY_OPTIONS));
  let rows = 0;
  for await (const batch of batches) {
    const records = batch.map((row) => columns.map((column) => csvCell(column, row)));
    if (records.length > 0) sink.write(stringify(records, STRINGIFY_OPTIONS));
    rows += batch.length;
    options.onProgress?.(rows);
  }
  return rows;
}
