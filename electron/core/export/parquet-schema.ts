/**
 * The Parquet schema of a fleet export, derived from `EXPORT_COLUMNS`.
 *
 * Text is BYTE_ARRAY annotated UTF8, `model_year`/`engine_cylinders` INT32, `id` INT64, instants
 * INT64 TIMESTAMP_MILLIS (UTC), nullable columns OPTIONAL. SNAPPY is the codec every Parquet reader
 * supports and the de-facto default of Spark/Arrow/DuckDB writers.
 */
import { ParquetSchema, type ParquetFieldDefinition, type ParquetPrimitive } from 'parquetjs-lite';
import { EXPORT_COLUMNS, type ColumnKind, type ExportColumn } from './export-columns';

export const PARQUET_COMPRESSION = 'SNAPPY';

const PRIMITIVE: Readonly<Record<ColumnKind, ParquetPrimitive>> = {
  text: 'UTF8',
  int32: 'INT32',
  int64: 'INT64',
  double: 'DOUBLE',
  boolean: 'BOOLEAN',
  timestamp: 'TIMESTAMP_MILLIS',
};

export function parquetField(column: ExportColumn): ParquetFieldDefinition {
  return { type: PRIMITIVE[column.kind], optional: !column.required, compression: PARQUET_COMPRESSION };
}

export function createParquetSchema(columns: readonly ExportColumn[] = EXPORT_COLUMNS): ParquetSchema {
  return new ParquetSchema(Object.fromEntries(columns.map((c) => [c.name, parquetField(c)])));
}
