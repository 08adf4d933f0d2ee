/**
 * Types for the part of parquetjs-lite (untyped CommonJS) the exporter uses.
 *
 * Only what `write-parquet.ts` calls is declared; see node_modules/parquetjs-lite/lib/writer.js.
 */
declare module 'parquetjs-lite' {
  export type ParquetPrimitive =
    | 'BOOLEAN'
    | 'INT32'
    | 'INT64'
    | 'DOUBLE'
    | 'UTF8'
    | 'TIMESTAMP_MILLIS'
    | 'TIMESTAMP_MICROS'
    | 'JSON';
  export type ParquetCompression = 'UNCOMPRESSED' | 'GZIP' | 'SNAPPY';

  export interface ParquetFieldDefinition {
    readonly type: ParquetPrimitive;
    readonly optional?: boolean;
    readonly compression?: ParquetCompression;
    readonly encoding?: 'PLAIN' | 'RLE';
    /** False skips min/max/distinct statistics for the column (schema.js, writer.js `encodePages`). */
    readonly statistics?: boolean;
  }

  /** A field as `ParquetSchema` resolves it (schema.js `buildFields`). */
  export interface ParquetSchemaField {
    readonly name: string;
    readonly path: readonly string[];
    readonly repetitionType: 'REQUIRED' | 'OPTIONAL' | 'REPEATED';
    readonly rLevelMax: number;
    readonly dLevelMax: number;
    readonly isNested?: boolean;
    readonly statistics?: boolean;
  }

  export class ParquetSchema {
    constructor(fields: Readonly<Record<string, ParquetFieldDefinition>>);
    readonly fieldList: readonly ParquetSchemaField[];
  }

  /** The two methods parquetjs-lite calls on its output (`util.oswrite` / `util.osend`). */
  export interface ParquetOutput {
    write(chunk: Buffer, callback: (error?: Error | null) => void): unknown;
    end(callback: (error?: Error | null) => void): unknown;
  }

  export interface ParquetWriterOptions {
    readonly rowGroupSize?: number;
    readonly pageSize?: number;
    /** Defaults to true in parquetjs-lite; false writes DATA_PAGE (v1) pages. */
    readonly useDataPageV2?: boolean;
  }

  export class ParquetWriter {
    static openStream(schema: ParquetSchema, output: ParquetOutput, options?: ParquetWriterOptions): Promise<ParquetWriter>;
    appendRow(row: Readonly<Record<string, unknown>>): Promise<void>;
    close(): Promise<void>;
    setMetadata(key: string, value: string): void;
  }

  /** shred.js: appends one record to a row buffer (`{}` starts one), as `appendRow` does. */
  export const ParquetShredder: {
    shredRecord(schema: ParquetSchema, record: Readonly<Record<string, unknown>>, buffer: Record<string, unknown>): void;
  };
}
