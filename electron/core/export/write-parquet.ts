/**
 * Stream vehicles into a Parquet file with parquetjs-lite.
 *
 * Rows arrive in batches (pages from the store) and leave in row groups, so memory holds one
 * row group, never the fleet. Pages are DATA_PAGE v1 (`useDataPageV2: false`): parquetjs-lite
 * defaults to v2, whose pages several readers (older Arrow, some Spark and Hive versions) decode
 * badly, while v1 is what every reader supports (parquet-format, "Data Pages").
 *
 * Speed: `ParquetWriter.appendRow` shreds each row through `shred.js`, which allocates four arrays
 * and a Set per column per row and turns every column's path array into a string key about ten
 * times per value; profiled on 20,000 vehicles that was ~45% of the export's CPU plus most of its
 * garbage. We fill the writer's row buffer column by column instead (`shredColumnar`, the same
 * structure `shredRecord` builds for a flat schema) and hand the last row of every group to
 * `appendRow`, so parquetjs-lite itself still encodes the pages, statistics, compression, column
 * chunks and footer. write-parquet.test.ts proves the bytes equal the row-by-row path's. The
 * internals are checked before use (parquet-writer-internals.ts), and the first row goes through
 * `appendRow` so the buffer the library builds for it is checked against the layout we write;
 * when anything differs we fall back to `appendRow` for every row.
 */
import type * as Parquetjs from 'parquetjs-lite';
import type { ParquetOutput, ParquetSchemaField } from 'parquetjs-lite';
import type { FileSink } from '../files/atomic-file';
import type { ExportRow } from './export-rows';
import { EXPORT_COLUMNS, type ExportColumn } from './export-columns';
import { parquetSchemaFields } from './parquet-schema';
import { isFlatField, libraryColumns, writerInternals, type RowBuffer, type ShreddedColumn } from './parquet-writer-internals';

/**
 * Rows per row group. parquetjs-lite holds a group's values plus several encoded copies (per-value
 * Buffers, the page, its concatenation, snappyjs's worst-case output) until the group is written,
 * and all of it becomes garbage at once: on the bench's 100,000 vehicles (~3.2 KB each) groups of
 * 1,000 kept a fresh process's peak RSS growth near 110–150 MB where 2,500 gave ~160–200 MB and
 * 5,000 ~260 MB, at no measurable cost in time and ~1.5% more file (headers and statistics per
 * group). Must not exceed parquetjs-lite's page size (8,192 rows) so each column chunk stays one
 * page, as the row-by-row path writes it.
 */
export const PARQUET_ROW_GROUP_SIZE = 1_000;
const PARQUETJS_PAGE_ROWS = 8_192;

export interface BatchWriteOptions {
  /** Called after each batch with the rows written so far. */
  readonly onProgress?: (rows: number) => void;
}

export interface ParquetWriteOptions extends BatchWriteOptions {
  readonly rowGroupSize?: number;
  /** `library`: every row through `appendRow` (the reference path the tests compare against). */
  readonly shredding?: 'columnar' | 'library';
}

type ParquetValue = string | number | boolean | null;

function parquetValue(column: ExportColumn, vehicle: ExportRow): ParquetValue {
  const value = column.value(vehicle);
  if (value === null) return null;
  // TIMESTAMP_MILLIS stores epoch milliseconds (UTC); the cache holds ISO-8601 instants.
  if (column.kind === 'timestamp') return Date.parse(String(value));
  return value;
}

function toParquetRow(vehicle: ExportRow): Record<string, ParquetValue> {
  const row: Record<string, ParquetValue> = {};
  for (const column of EXPORT_COLUMNS) row[column.name] = parquetValue(column, vehicle);
  return row;
}

/** Reads one cell as parquetjs-lite's `toPrimitive` would leave it, with the same checks; null when empty. */
type CellReader = (vehicle: ExportRow) => ParquetValue;

function invalid(column: ExportColumn, value: unknown): Error {
  return new Error(`parquetjs-lite: invalid value for ${column.name} (${column.kind}): ${String(value)}`);
}

/** One closure per column, built once, so the per-cell work is a call and a type check. */
function cellReader(column: ExportColumn): CellReader {
  const read = column.value;
  switch (column.kind) {
    case 'text':
      return (vehicle) => {
        const value = read(vehicle);
        if (value === null || typeof value === 'string') return value;
        throw invalid(column, value);
      };
    case 'timestamp':
      return (vehicle) => {
        const value = read(vehicle);
        if (value === null) return null;
        // TIMESTAMP_MILLIS stores epoch milliseconds (UTC); the cache holds ISO-8601 instants.
        const millis = Date.parse(String(value));
        if (Number.isSafeInteger(millis) && millis >= 0) return millis;
        throw invalid(column, value);
      };
    case 'int32':
      return (vehicle) => {
        const value = read(vehicle);
        if (value === null || (Number.isInteger(value) && (value as number) >= -0x80000000 && (value as number) <= 0x7fffffff)) return value;
        throw invalid(column, value);
      };
    case 'int64':
      return (vehicle) => {
        const value = read(vehicle);
        if (value === null || Number.isSafeInteger(value)) return value;
        throw invalid(column, value);
      };
    case 'double':
      return (vehicle) => {
        const value = read(vehicle);
        if (value === null || (typeof value === 'number' && !Number.isNaN(value))) return value;
        throw invalid(column, value);
      };
    case 'boolean':
      return (vehicle) => {
        const value = read(vehicle);
        if (value === null || typeof value === 'boolean') return value;
        throw invalid(column, value);
      };
  }
}

interface ColumnPlan {
  readonly column: ExportColumn;
  readonly read: CellReader;
  /** parquetjs-lite keys its buffers by the field's path array coerced to a string. */
  readonly key: string;
  readonly optional: boolean;
  /** The value's Parquet dlevel (1 for OPTIONAL fields, 0 for REQUIRED ones). */
  readonly dLevelMax: number;
  readonly statistics: boolean;
}

function columnPlan(fields: readonly ParquetSchemaField[]): ColumnPlan[] | undefined {
  if (fields.length !== EXPORT_COLUMNS.length) return undefined;
  const plan: ColumnPlan[] = [];
  for (const [i, column] of EXPORT_COLUMNS.entries()) {
    const field = fields[i]!;
    if (field.name !== column.name || !isFlatField(field)) return undefined;
    plan.push({
      column,
      read: cellReader(column),
      key: String(field.path),
      optional: field.repetitionType === 'OPTIONAL',
      dLevelMax: field.dLevelMax,
      statistics: field.statistics !== false,
    });
  }
  return plan;
}

/** A row buffer for the writer plus its columns in plan order (no keyed lookups per cell). */
interface GroupBuffer {
  readonly buffer: RowBuffer;
  readonly columns: readonly ShreddedColumn[];
}

function emptyGroup(plan: readonly ColumnPlan[]): GroupBuffer {
  const buffer: RowBuffer = { rowCount: 0, pageRowCount: 0, columnData: {}, pages: {} };
  const columns = plan.map(({ key }) => {
    const column: ShreddedColumn = { dlevels: [], rlevels: [], values: [], distinct_values: new Set(), count: 0 };
    buffer.columnData[key] = column;
    buffer.pages[key] = [];
    return column;
  });
  return { buffer, columns };
}

/** Append one row to the group exactly as `shredRecord` would for a flat schema. */
function shredColumnar(plan: readonly ColumnPlan[], group: GroupBuffer, vehicle: ExportRow): void {
  for (let c = 0; c < plan.length; c += 1) {
    const entry = plan[c]!;
    const data = group.columns[c]!;
    const value = entry.read(vehicle);
    data.rlevels.push(0);
    data.count += 1;
    if (value === null) {
      if (!entry.optional) throw new Error(`parquetjs-lite: missing required field: ${entry.column.name}`);
      data.dlevels.push(0);
      continue;
    }
    data.dlevels.push(entry.dLevelMax);
    data.values.push(value);
    if (entry.statistics) data.distinct_values.add(value);
  }
  group.buffer.rowCount += 1;
  group.buffer.pageRowCount += 1;
}

/** parquetjs-lite's output protocol over our synchronous sink. */
function sinkOutput(sink: FileSink): ParquetOutput {
  return {
    write(chunk, callback) {
      try {
        sink.write(chunk);
      } catch (error) {
        callback(error as Error);
        return false;
      }
      callback();
      return true;
    },
    end(callback) {
      callback();
      return undefined;
    },
  };
}

/** parquetjs-lite throws strings; give them a stack so a bug is diagnosable from the log. */
function asError(thrown: unknown): unknown {
  return typeof thrown === 'string' ? new Error(`parquetjs-lite: ${thrown}`) : thrown;
}

/**
 * parquetjs-lite's exports. It is CommonJS: Node's `import()` gives its `module.exports` as
 * `default` (the named exports Node guesses from its source miss most of them).
 */
async function loadParquetjs(): Promise<typeof Parquetjs> {
  const loaded = (await import('parquetjs-lite')) as typeof Parquetjs & { readonly default?: typeof Parquetjs };
  return loaded.default ?? loaded;
}

/** Write every batch to `sink` as one Parquet file; returns the number of rows. */
export async function writeParquet(
  batches: Iterable<readonly ExportRow[]> | AsyncIterable<readonly ExportRow[]>,
  sink: FileSink,
  options: ParquetWriteOptions = {},
): Promise<number> {
  const groupSize = options.rowGroupSize ?? PARQUET_ROW_GROUP_SIZE;
  if (!Number.isInteger(groupSize) || groupSize < 1 || groupSize > PARQUETJS_PAGE_ROWS) {
    throw new RangeError(`rowGroupSize must be an integer from 1 to ${PARQUETJS_PAGE_ROWS}`);
  }
  let rows = 0;
  try {
    // Loaded on first use: parquetjs-lite (and its compressors) cost every CLI command and the
    // app's start-up time otherwise, while only a Parquet export needs them.
    const { ParquetSchema, ParquetWriter } = await loadParquetjs();
    const schema = new ParquetSchema(parquetSchemaFields());
    const writer = await ParquetWriter.openStream(schema, sinkOutput(sink), { useDataPageV2: false, rowGroupSize: groupSize });
    writer.setMetadata('created_by_app', 'Fleet VIN Lookup');
    const internals = options.shredding === 'library' ? undefined : writerInternals(writer, groupSize);
    const plan = internals ? columnPlan(schema.fieldList) : undefined;
    // `probe`: the next row goes through the library, and the group it starts is checked.
    let mode: 'probe' | 'columnar' | 'library' = internals && plan ? 'probe' : 'library';
    let group: GroupBuffer | undefined;
    for await (const batch of batches) {
      for (const vehicle of batch) {
        if (mode === 'library' || !internals || !plan) {
          await writer.appendRow(toParquetRow(vehicle));
        } else if (mode === 'probe' || !group) {
          await writer.appendRow(toParquetRow(vehicle));
          const buffer = internals.rowBuffer;
          // A one-row group was written at once: probe again with the next row.
          if (Object.keys(buffer).length === 0) continue;
          const columns = libraryColumns(buffer, plan.map((entry) => entry.key), 1);
          if (columns) {
            group = { buffer: buffer as RowBuffer, columns };
            mode = 'columnar';
          } else {
            mode = 'library';
          }
        } else if (group.buffer.rowCount === groupSize - 1) {
          // The group's last row goes through parquetjs-lite, which then encodes and writes the group.
          internals.rowBuffer = group.buffer;
          await writer.appendRow(toParquetRow(vehicle));
          group = emptyGroup(plan);
        } else {
          shredColumnar(plan, group, vehicle);
        }
      }
      rows += batch.length;
      options.onProgress?.(rows);
    }
    // `close` encodes and writes a partly filled last group.
    if (mode === 'columnar' && internals && group && group.buffer.rowCount > 0) internals.rowBuffer = group.buffer;
    await writer.close();
  } catch (thrown) {
    throw asError(thrown);
  }
  return rows;
}
