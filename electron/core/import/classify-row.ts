/**
 * One data row of a fleet file: a valid VIN with the row's other columns, or a reject saying why not.
 */
import { FILE_ENCODING_LABELS, type FileEncoding } from '../../../shared/import/import-contract';
import { validateVin, type VinIssueCode } from '../../../shared/vin/vin-rules';
import type { RejectInput } from './import-job-record';

export interface RowEntry {
  readonly row: number;
  /** The cell as the file has it. */
  readonly value: string;
  /** The VIN, normalized. */
  readonly vin: string;
  readonly attributes: Record<string, string>;
}

export type ClassifiedRow = { readonly valid: true; readonly entry: RowEntry } | { readonly valid: false; readonly reject: RejectInput };

export interface RowShape {
  readonly vinIndex: number;
  /** The name each column's cells are stored under (null: dropped); null for a file without a header. */
  readonly attributeNames: readonly (string | null | undefined)[] | null;
  readonly encoding: FileEncoding;
}

export function rowClassifier(shape: RowShape): (row: number, cells: readonly string[]) => ClassifiedRow {
  const undecodable = `The row holds bytes that are not valid ${FILE_ENCODING_LABELS[shape.encoding]} text (shown as \ufffd), so it was not stored: the file mixes text encodings. Save it again in one encoding (Excel: "CSV UTF-8") and import it again.`;
  return (row, cells) => {
    const value = cells[shape.vinIndex] ?? '';
    // U+FFFD is what a decoder leaves for bytes it could not map: never stored as if it were text.
    if (cells.some((cell) => cell.includes('\ufffd'))) {
      return { valid: false, reject: { row, value, code: 'UNDECODABLE_TEXT', reason: undecodable, kind: 'invalid' } };
    }
    const validation = validateVin(value);
    const firstError = validation.issues.find((issue) => issue.severity === 'error');
    if (firstError) {
      return {
        valid: false,
        reject: { row, value, code: firstError.code as Exclude<VinIssueCode, 'CHECK_DIGIT_MISMATCH'>, reason: firstError.message, kind: 'invalid' },
      };
    }
    // No prototype: a column named `__proto__` (or `constructor`) is an attribute like any other.
    const attributes: Record<string, string> = Object.create(null) as Record<string, string>;
    if (shape.attributeNames) {
      for (let i = 0; i < cells.length; i += 1) {
        if (i === shape.vinIndex) continue;
        const cell = cells[i]!.trim();
        const name = shape.attributeNames[i];
        if (cell !== '' && name !== undefined && name !== null) attributes[name] = cell;
      }
    }
    return { valid: true, entry: { row, value, vin: validation.vin, attributes } };
  };
}
