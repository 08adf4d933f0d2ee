/**
 * Stream vehicles into an Excel workbook (.xlsx): one sheet, a bold frozen header row, typed
 * cells (numbers as numbers, dates as Excel dates with a date format), widths that fit the fields.
 *
 * ExcelJS's streaming WorkbookWriter (https://github.com/exceljs/exceljs#streaming-xlsx-writer)
 * writes each committed row into the zip as it goes, so memory stays flat for any fleet size; no
 * shared-strings table (it would hold every distinct string until the end). Its output goes to
 * the atomic file sink, so a failed export never leaves half a workbook under the target's name.
 * Cells are written as values, never formulas, so a cell starting with `=` is shown as text.
 */
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FileSink } from '../files/atomic-file';
import { uniqueHeaders, type CellValue, type SpreadsheetColumn, type SpreadsheetKind, type SpreadsheetRow } from './spreadsheet-columns';
import type { BatchWriteOptions } from './write-parquet';

export const XLSX_SHEET_NAME = 'Fleet';

const NUMBER_FORMATS: Partial<Record<SpreadsheetKind, string>> = {
  integer: '0',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm:ss',
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The cell for a value: dates that are dates become Date (UTC), anything else stays as it is. */
function xlsxCell(kind: SpreadsheetKind, value: CellValue): ExcelJS.CellValue {
  if (value === null) return null;
  if ((kind === 'date' && typeof value === 'string' && ISO_DATE.test(value)) || (kind === 'datetime' && typeof value === 'string')) {
    const date = new Date(kind === 'date' ? `${value}T00:00:00Z` : value);
    return Number.isNaN(date.getTime()) ? value : date;
  }
  return value;
}

/** Let the zip stream drain between batches: rows added in one synchronous loop would pile up. */
const drain = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Write every batch to `sink` as one XLSX sheet; returns the number of rows. */
export async function writeXlsx(
  batches: Iterable<readonly SpreadsheetRow[]> | AsyncIterable<readonly SpreadsheetRow[]>,
  sink: FileSink,
  columns: readonly SpreadsheetColumn[],
  options: BatchWriteOptions = {},
): Promise<number> {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      try {
        sink.write(chunk);
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(XLSX_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  const headers = uniqueHeaders(columns);
  sheet.columns = columns.map((column, i) => {
    const numFmt = NUMBER_FORMATS[column.kind];
    return {
      header: headers[i],
      key: String(i),
      width: Math.max(column.width, Math.min(40, headers[i]!.length + 2)),
      ...(numFmt ? { style: { numFmt } } : {}),
    };
  });
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.commit();
  let rows = 0;
  for await (const batch of batches) {
    for (const row of batch) {
      sheet.addRow(columns.map((column) => xlsxCell(column.kind, column.value(row)))).commit();
    }
    rows += batch.length;
    options.onProgress?.(rows);
    await drain();
  }
  sheet.commit();
  await workbook.commit();
  return rows;
}
