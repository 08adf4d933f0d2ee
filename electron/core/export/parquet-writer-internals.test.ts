/**
 * The guard on parquetjs-lite's internals: the installed version is the pinned one, it passes
 * every check, and each check fails on its own when the field it covers is missing or changed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ParquetSchema, ParquetShredder, ParquetWriter, type ParquetOutput, type ParquetSchemaField } from 'parquetjs-lite';
import { describe, expect, it } from 'vitest';
import { parquetSchemaFields } from './parquet-schema';
import { isFlatField, libraryColumns, writerInternals } from './parquet-writer-internals';

const ROOT = path.resolve(__dirname, '../../..');

function createParquetSchema(): ParquetSchema {
  return new ParquetSchema(parquetSchemaFields());
}

function nullOutput(): ParquetOutput {
  return {
    write: (_chunk, callback) => {
      callback();
      return true;
    },
    end: (callback) => {
      callback();
      return undefined;
    },
  };
}

async function openWriter(rowGroupSize: number): Promise<Record<string, unknown>> {
  const writer = await ParquetWriter.openStream(createParquetSchema(), nullOutput(), { useDataPageV2: false, rowGroupSize });
  return writer as unknown as Record<string, unknown>;
}

/** One row every column of the schema accepts (optional ones left null). */
function sampleRow(fields: readonly ParquetSchemaField[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.repetitionType === 'OPTIONAL') continue;
    row[field.name] = field.name === 'decoded_at' || field.name.endsWith('_at') ? Date.parse('2025-01-01T00:00:00Z') : field.name === 'id' ? 1 : '1XPWD40X1ED215307';
  }
  return row;
}

function libraryBuffer(): { buffer: Record<string, unknown>; keys: string[] } {
  const schema = createParquetSchema();
  const buffer: Record<string, unknown> = {};
  ParquetShredder.shredRecord(schema, sampleRow(schema.fieldList), buffer);
  return { buffer, keys: schema.fieldList.map((f) => String(f.path)) };
}

describe('parquetjs-lite internals guard', () => {
  it('the installed parquetjs-lite is the exact version package.json pins', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const pinned = pkg.dependencies['parquetjs-lite'];
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    const installed = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/parquetjs-lite/package.json'), 'utf8')) as { version: string };
    expect(installed.version).toBe(pinned);
  });

  it('accepts a freshly opened writer of the pinned version', async () => {
    expect(writerInternals((await openWriter(1000)) as never, 1000)).toBeDefined();
  });

  it.each<[string, (writer: Record<string, unknown>) => void]>([
    ['rowBuffer missing', (w) => delete w.rowBuffer],
    ['rowBuffer not empty', (w) => (w.rowBuffer = { rowCount: 0 })],
    ['rowBuffer null', (w) => (w.rowBuffer = null)],
    ['rowGroupSize missing', (w) => delete w.rowGroupSize],
    ['rowGroupSize not the one asked for', (w) => (w.rowGroupSize = 999)],
    ['envelopeWriter missing', (w) => delete w.envelopeWriter],
    ['envelopeWriter.pageSize missing', (w) => delete (w.envelopeWriter as Record<string, unknown>).pageSize],
    ['envelopeWriter.pageSize smaller than a group', (w) => ((w.envelopeWriter as Record<string, unknown>).pageSize = 10)],
  ])('refuses a writer with %s', async (_, tamper) => {
    const writer = await openWriter(1000);
    tamper(writer);
    expect(writerInternals(writer as never, 1000)).toBeUndefined();
  });

  it('accepts every field of the export schema as flat', () => {
    const fields = createParquetSchema().fieldList;
    expect(fields.length).toBeGreaterThan(10);
    for (const field of fields) expect(isFlatField(field), field.name).toBe(true);
  });

  it.each<[string, Partial<Record<keyof ParquetSchemaField, unknown>>]>([
    ['name', { name: undefined }],
    ['path', { path: undefined }],
    ['path of another field', { path: ['other'] }],
    ['isNested', { isNested: true }],
    ['rLevelMax', { rLevelMax: undefined }],
    ['repetitionType', { repetitionType: 'REPEATED' }],
    ['dLevelMax', { dLevelMax: undefined }],
    ['statistics', { statistics: 'yes' }],
  ])('refuses a schema field whose %s differs', (_, change) => {
    const field = createParquetSchema().fieldList.find((f) => f.repetitionType === 'OPTIONAL')!;
    expect(isFlatField({ ...field, ...change } as ParquetSchemaField)).toBe(false);
  });

  it('accepts the row buffer the library builds for one row, in plan order', () => {
    const { buffer, keys } = libraryBuffer();
    const columns = libraryColumns(buffer, keys, 1);
    expect(columns).toHaveLength(keys.length);
    expect(columns![0]).toBe((buffer.columnData as Record<string, unknown>)[keys[0]!]);
  });

  it.each(['rowCount', 'pageRowCount', 'columnData', 'pages'])('refuses a row buffer without %s', (key) => {
    const { buffer, keys } = libraryBuffer();
    delete buffer[key];
    expect(libraryColumns(buffer, keys, 1)).toBeUndefined();
  });

  it.each(['dlevels', 'rlevels', 'values', 'distinct_values', 'count'])('refuses a column without %s', (key) => {
    const { buffer, keys } = libraryBuffer();
    delete ((buffer.columnData as Record<string, Record<string, unknown>>)[keys[3]!]!)[key];
    expect(libraryColumns(buffer, keys, 1)).toBeUndefined();
  });

  it('refuses extra fields, a missing column, a wrong row count or a started page', () => {
    const extra = libraryBuffer();
    extra.buffer.somethingNew = 1;
    expect(libraryColumns(extra.buffer, extra.keys, 1)).toBeUndefined();
    const extraColumnField = libraryBuffer();
    ((extraColumnField.buffer.columnData as Record<string, Record<string, unknown>>)[extraColumnField.keys[0]!]!).repetitions = [];
    expect(libraryColumns(extraColumnField.buffer, extraColumnField.keys, 1)).toBeUndefined();
    const missing = libraryBuffer();
    expect(libraryColumns(missing.buffer, [...missing.keys, 'not_a_column'], 1)).toBeUndefined();
    const rows = libraryBuffer();
    expect(libraryColumns(rows.buffer, rows.keys, 2)).toBeUndefined();
    const paged = libraryBuffer();
    ((paged.buffer.pages as Record<string, unknown[]>)[paged.keys[0]!]!).push({});
    expect(libraryColumns(paged.buffer, paged.keys, 1)).toBeUndefined();
  });
});
