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
 */
import { stringify } from 'csv-stringify/sync';
import type { FileSink } from '../files/atomic-file';
import type { ExportRow } from './export-rows';
import { EXPORT_COLUMNS } from './export-columns';
import type { BatchWriteOptions } from './write-parquet';

export const UTF8_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;

/** OWASP's neutralisation of one text cell. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function csvCell(vehicle: ExportRow, index: number): string {
  const column = EXPORT_COLUMNS[index]!;
  const value = column.value(vehicle);
  if (value === null) return '';
  if (column.kind === 'text') return neutraliseFormula(String(value));
  return String(value);
}

const STRINGIFY_OPTIONS = { record_delimiter: 'windows', eof: true } as const;

/** Write every batch to `sink` as CSV; returns the number of rows. */
export function writeCsv(batches: Iterable<readonly ExportRow[]>, sink: FileSink, options: BatchWriteOptions = {}): number {
  sink.write(UTF8_BOM + stringify([EXPORT_COLUMNS.map((c) => c.name)], STRINGIFY_OPTIONS));
  let rows = 0;
  for (const batch of batches) {
    const records = batch.map((vehicle) => EXPORT_COLUMNS.map((_, i) => csvCell(vehicle, i)));
    if (records.length > 0) sink.write(stringify(records, STRINGIFY_OPTIONS));
    rows += batch.length;
    options.onProgress?.(rows);
  }
  return rows;
}
