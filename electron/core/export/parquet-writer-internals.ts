/**
 * The parts of parquetjs-lite's `ParquetWriter` that the columnar fast path drives, and the
 * checks that they are all there and shaped as expected.
 *
 * parquetjs-lite has no public API for filling a row group column by column, so write-parquet.ts
 * uses its internals (writer.js, shred.js of the exactly pinned version). Every field the fast
 * path reads or writes is checked here before it is used; when one is missing or differently
 * shaped (another version), the export falls back to the library's own `appendRow` for every row.
 */
import type { ParquetSchemaField, ParquetWriter } from 'parquetjs-lite';

/** One column of the row buffer (`shred.js`, `shredRecord`). */
export interface ShreddedColumn {
  dlevels: number[];
  rlevels: number[];
  /** Non-null values only. Strings stay strings: `encodeValues_BYTE_ARRAY` applies `Buffer.from` itself. */
  values: unknown[];
  /** Only read for the min/max/distinct statistics, and only when the field keeps statistics. */
  distinct_values: Set<unknown>;
  count: number;
}

/** A row group being filled (`shredRecord`'s `buffer`), keyed by each field's path coerced to a string. */
export interface RowBuffer {
  rowCount: number;
  pageRowCount: number;
  columnData: Record<string, ShreddedColumn>;
  pages: Record<string, unknown[]>;
}

/** The fields of `ParquetWriter` (writer.js) the fast path reads or assigns. */
export interface WriterInternals {
  /** Replaced by a filled group before the group's last row goes through `appendRow`. */
  rowBuffer: RowBuffer | Record<string, never>;
  /** `appendRow` writes the group once `rowBuffer.rowCount` reaches it. */
  rowGroupSize: number;
  readonly envelopeWriter: {
    /** `appendRow` encodes a page once `pageRowCount` reaches it: must not happen inside a group we filled. */
    readonly pageSize: number;
  };
}

const ROW_BUFFER_KEYS = ['columnData', 'pageRowCount', 'pages', 'rowCount'];
const COLUMN_KEYS = ['count', 'distinct_values', 'dlevels', 'rlevels', 'values'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function hasExactlyKeys(value: Record<string, unknown>, keys: readonly string[]): boolean {
  const own = Object.keys(value).sort();
  return own.length === keys.length && own.every((key, i) => key === keys[i]);
}

/**
 * The writer's internals, if every field the fast path touches is present and consistent with
 * `rowGroupSize` (what the writer was opened with): an empty row buffer, the same group size,
 * and pages at least as large as a group (so the library never cuts a page inside one).
 */
export function writerInternals(writer: ParquetWriter, rowGroupSize: number): WriterInternals | undefined {
  const candidate = writer as unknown as Record<string, unknown>;
  const buffer = candidate.rowBuffer;
  const envelope = candidate.envelopeWriter;
  if (!isRecord(buffer) || Object.keys(buffer).length !== 0) return undefined;
  if (candidate.rowGroupSize !== rowGroupSize) return undefined;
  if (!isRecord(envelope) || typeof envelope.pageSize !== 'number' || envelope.pageSize < rowGroupSize) return undefined;
  return candidate as unknown as WriterInternals;
}

/** The schema facts a flat field's shredding needs: present and of the expected types. */
export function isFlatField(field: ParquetSchemaField): boolean {
  return (
    typeof field.name === 'string' &&
    Array.isArray(field.path) &&
    field.path.length === 1 &&
    field.path[0] === field.name &&
    !field.isNested &&
    field.rLevelMax === 0 &&
    (field.repetitionType === 'REQUIRED' || field.repetitionType === 'OPTIONAL') &&
    field.dLevelMax === (field.repetitionType === 'OPTIONAL' ? 1 : 0) &&
    (field.statistics === undefined || typeof field.statistics === 'boolean')
  );
}

/**
 * The columns of a row buffer the library filled itself with exactly `rows` rows, in `keys`
 * order, if its layout is the one the fast path writes (no missing and no extra field anywhere);
 * otherwise undefined.
 */
export function libraryColumns(buffer: unknown, keys: readonly string[], rows: number): ShreddedColumn[] | undefined {
  if (!isRecord(buffer) || !hasExactlyKeys(buffer, ROW_BUFFER_KEYS)) return undefined;
  const { rowCount, pageRowCount, columnData, pages } = buffer;
  if (rowCount !== rows || pageRowCount !== rows || !isRecord(columnData) || !isRecord(pages)) return undefined;
  if (!hasExactlyKeys(columnData, [...keys].sort()) || !hasExactlyKeys(pages, [...keys].sort())) return undefined;
  const columns: ShreddedColumn[] = [];
  for (const key of keys) {
    const column = columnData[key];
    if (!isRecord(column) || !hasExactlyKeys(column, COLUMN_KEYS)) return undefined;
    const { dlevels, rlevels, values, distinct_values: distinct, count } = column;
    if (!Array.isArray(dlevels) || !Array.isArray(rlevels) || !Array.isArray(values)) return undefined;
    if (!(distinct instanceof Set) || count !== rows || dlevels.length !== rows || rlevels.length !== rows) return undefined;
    if (!Array.isArray(pages[key]) || (pages[key] as unknown[]).length !== 0) return undefined;
    columns.push(column as unknown as ShreddedColumn);
  }
  return columns;
}
