/**
 * Reading a fleet file's data rows: open it (decrypting if needed), detect its layout, settle the
 * VIN column and stream its records, counting the file's own bytes for progress.
 */
import { parse, type Parser } from 'csv-parse';
import type { FileEncoding } from '../../../shared/import/import-contract';
import { AppFailure, messageOf } from '../ipc/app-failure';
import { CSV_PARSE_OPTIONS, detectLayout, notCsv, resolveVinColumn, type CsvLayout } from './csv-layout';
import { openImportSource } from './import-source';
import type { Decryption } from './openpgp-file';

const DEFAULT_MAX_RECORD_SIZE = 1024 * 1024;

/**
 * The streaming CSV parser for a detected layout (csv-parse): BOM stripped, ragged rows allowed,
 * blank lines skipped, records capped so a file without line breaks fails fast instead of
 * growing one record without bound. Same record rules as the sniffer (CSV_PARSE_OPTIONS).
 */
export function recordParser(layout: Pick<CsvLayout, 'delimiter'>, maxRecordSize = DEFAULT_MAX_RECORD_SIZE): Parser {
  return parse({
    delimiter: layout.delimiter,
    bom: true,
    ...CSV_PARSE_OPTIONS,
    max_record_size: maxRecordSize,
  });
}

export interface ImportRows {
  readonly layout: CsvLayout;
  readonly vinIndex: number;
  /** The VIN column's header (or `Column N` without a header). */
  readonly vinColumn: string;
  readonly encoding: FileEncoding;
  readonly sizeBytes: number;
  /** Bytes of the file read so far (before any re-encoding). */
  bytesRead(): number;
  /** The data records (Excel's `sep=` line and the header skipped), numbered from 1. */
  records(): AsyncGenerator<{ readonly row: number; readonly cells: string[] }>;
  close(): void;
}

/** The VIN column: the job's, else the detected one when the detection is sure; else the user must choose. */
function vinIndexOf(layout: CsvLayout, vinColumn: string | undefined): number {
  if (vinColumn !== undefined) return resolveVinColumn(layout.columns, vinColumn);
  if (layout.vinColumnIndex !== null && layout.confident) return layout.vinColumnIndex;
  throw new AppFailure(
    'INVALID_INPUT',
    layout.detectedVinColumn === null
      ? 'No column of this file looks like VINs; choose the VIN column.'
      : `It is not clear which column holds the VINs (perhaps "${layout.detectedVinColumn}"); choose the VIN column.`,
    [{ path: 'vinColumn', message: 'choose the VIN column' }],
  );
}

export async function openImportRows(
  file: string,
  options: { readonly decryption?: Decryption; readonly sheet?: number | string; readonly vinColumn?: string; readonly maxRecordSize?: number },
): Promise<ImportRows> {
  const source = await openImportSource(file, options.decryption, options.sheet);
  const layout = detectLayout(source.head, source.headIsAll);
  const vinIndex = vinIndexOf(layout, options.vinColumn);
  const parser = recordParser(layout, options.maxRecordSize);
  let sourceBytes = 0;
  // Progress counts the file's own bytes: decoding (UTF-16 → UTF-8) changes how many the parser sees.
  const input = source.stream((n) => {
    sourceBytes += n;
  });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);

  async function* records(): AsyncGenerator<{ row: number; cells: string[] }> {
    let preamble = (layout.sepLine ? 1 : 0) + (layout.hasHeader ? 1 : 0);
    let row = 0;
    try {
      for await (const cells of parser as AsyncIterable<string[]>) {
        if (preamble > 0) {
          preamble -= 1;
          continue;
        }
        row += 1;
        yield { row, cells };
      }
    } catch (error) {
      throw readFailure(error, file, row);
    }
  }

  return {
    layout,
    vinIndex,
    vinColumn: layout.columns[vinIndex]!,
    encoding: source.encoding,
    sizeBytes: source.sizeBytes,
    bytesRead: () => sourceBytes,
    records,
    close() {
      input.unpipe(parser);
      input.destroy();
      parser.destroy();
    },
  };
}

/** A parse or read error as the user should see it: not CSV (with where), or the file unreadable. */
function readFailure(error: unknown, file: string, lastRow: number): unknown {
  if (error instanceof AppFailure) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('CSV_')) return notCsv(`${messageOf(error)} (after data row ${lastRow}).`);
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return new AppFailure('FILE_ERROR', `The file ${file} could not be read: ${messageOf(error)}`);
  return error;
}
