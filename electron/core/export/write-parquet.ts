/**
 * Stream vehicles into a Parquet file with parquetjs-lite.
 *
 * Rows arrive in batches (keyset pages from SQLite) and leave in row groups, so memory holds one
 * row group, never the fleet. Pages are DATA_PAGE v1 (`useDataPageV2: false`): parquetjs-lite
 * defaults to v2, whose pages several readers (older Arrow, some Spark and Hive versions) decode
 * badly, while v1 is what every reader supports (parquet-format, "Data Pages").
 */
import { ParquetWriter, type ParquetOutput } from 'parquetjs-lite';
import type { FileSink } from './atomic-file';
import type { ExportRow } from './export-rows';
import { EXPORT_COLUMNS, type ExportColumn } from './export-columns';
import { createParquetSchema } from './parquet-schema';

/** Rows per row group: parquetjs-lite buffers a group as JS values plus encoded pages (~20 KB a row with the vPIC record), so 2,500 rows keep the worker near 50 MB. */
export const PARQUET_ROW_GROUP_SIZE = 2_500;

export interface BatchWriteOptions {
  /** Called after each batch with the rows written so far. */
  readonly onProgress?: (rows: number) => void;
}

function parquetValue(column: ExportColumn, vehicle: ExportRow): string | number | boolean | null {
  const value = column.value(vehicle);
  if (value === null) return null;
  // TIMESTAMP_MILLIS stores epoch milliseconds (UTC); the cache holds ISO-8601 instants.
  if (column.kind === 'timestamp') return Date.parse(String(value));
  return value;
}

function toParquetRow(vehicle: ExportRow): Record<string, string | number | boolean | null> {
  const row: Record<string, string | number | boolean | null> = {};
  for (const column of EXPORT_COLUMNS) row[column.name] = parquetValue(column, vehicle);
  return row;
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

/** Write every batch to `sink` as one Parquet file; returns the number of rows. */
export async function writeParquet(
  batches: Iterable<readonly ExportRow[]>,
  sink: FileSink,
  options: BatchWriteOptions = {},
): Promise<number> {
  let rows = 0;
  try {
    const writer = await ParquetWriter.openStream(createParquetSchema(), sinkOutput(sink), {
      useDataPageV2: false,
      rowGroupSize: PARQUET_ROW_GROUP_SIZE,
    });
    writer.setMetadata('created_by_app', 'Fleet VIN Lookup');
    for (const batch of batches) {
      for (const vehicle of batch) await writer.appendRow(toParquetRow(vehicle));
      rows += batch.length;
      options.onProgress?.(rows);
    }
    await writer.close();
  } catch (thrown) {
    throw asError(thrown);
  }
  return rows;
}
