/**
 * The Parquet schema of a fleet export, derived from `EXPORT_COLUMNS`.
 *
 * Text is BYTE_ARRAY annotated UTF8, `model_year`/`engine_cylinders` INT32, `id` INT64, instants
 * INT64 TIMESTAMP_MILLIS (UTC), nullable columns OPTIONAL. SNAPPY is the codec every Parquet reader
 * supports and the de-facto default of Spark/Arrow/DuckDB writers. Measured on the bench's 100,000
 * vehicles (3.2 KB vPIC records): parquetjs-lite's pure-JS snappy compresses ~420 MB/s at ratio
 * 7.7 (47.5 MB file, like DuckDB's 44 MB); GZIP (native zlib at parquetjs-lite's fixed level 6,
 * ~150 MB/s) made the whole export only ~5–15% slower for a 15.7 MB file, but hyparquet cannot read
 * GZIP without an extra package and some lightweight readers share that limit, so SNAPPY stays.
 *
 * The JSON document columns keep no statistics: min/max of whole JSON records serve no reader
 * (nobody filters on `vpic_record_json > '{"A…'`), yet parquetjs-lite would copy two 3 KB values
 * into every page header, column chunk and column index, and hash every record for the distinct count.
 */
import type { ParquetFieldDefinition, ParquetPrimitive } from 'parquetjs-lite';
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
  return {
    type: PRIMITIVE[column.kind],
    optional: !column.required,
    compression: PARQUET_COMPRESSION,
    ...(column.json ? { statistics: false } : {}),
  };
}

/**
 * The export's Parquet schema definition, for `new ParquetSchema(…)`. Only types come from
 * parquetjs-lite here: the library itself is loaded when a Parquet file is written.
 */
export function parquetSchemaFields(columns: readonly ExportColumn[] = EXPORT_COLUMNS): Record<string, ParquetFieldDefinition> {
  return Object.fromEntries(columns.map((c) => [c.name, parquetField(c)]));
}
