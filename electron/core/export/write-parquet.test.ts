import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import fs from 'node:fs';
import path from 'node:path';
import { ParquetWriter } from 'parquetjs-lite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FileSink } from '../files/atomic-file';
import type { ExportRow } from './export-rows';
import { iterateExportRows } from '../storage/sqlite/sqlite-export-rows';
import { createTestFleet, type TestFleet } from '../../../testing/export-test-fleet';
import { writeParquet, type ParquetWriteOptions } from './write-parquet';

let fleet: TestFleet | null = null;
afterEach(() => {
  vi.restoreAllMocks();
  fleet?.close();
  fleet = null;
});

function memorySink(): FileSink & { bytes: number; buffer: () => Buffer } {
  const chunks: Buffer[] = [];
  let bytes = 0;
  return {
    write(data) {
      const chunk = Buffer.from(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
      chunks.push(chunk);
      bytes += chunk.length;
    },
    get bytes() {
      return bytes;
    },
    buffer: () => Buffer.concat(chunks),
  };
}

async function parquetBytes(rows: readonly ExportRow[], batchSize: number, options: ParquetWriteOptions): Promise<Buffer> {
  const sink = memorySink();
  const batches: ExportRow[][] = [];
  for (let i = 0; i < rows.length; i += batchSize) batches.push(rows.slice(i, i + batchSize));
  expect(await writeParquet(batches, sink, options)).toBe(rows.length);
  return sink.buffer();
}

/** The brief's five vehicles, then copies with other ids and VINs: 15 rows, nulls included. */
function fleetRows(db: TestFleet['db']): ExportRow[] {
  const brief = [...iterateExportRows(db, {}, 100)].flat();
  expect(brief).toHaveLength(5);
  return [0, 1, 2].flatMap((copy) =>
    brief.map((row) => ({ ...row, id: row.id + copy * 100, vin: `${row.vin.slice(0, 16)}${copy}` })),
  );
}

describe('writeParquet', () => {
  it('writes the same bytes filling row groups column by column as parquetjs-lite does row by row', async () => {
    fleet = createTestFleet(true);
    const rows = fleetRows(fleet.db);
    // Group sizes that leave a partial last group, split batches, one row per group, and one group.
    for (const [rowGroupSize, batchSize] of [
      [4, 3],
      [1, 5],
      [5, 2],
      [15, 15],
      [8192, 7],
    ] as const) {
      const reference = await parquetBytes(rows, batchSize, { rowGroupSize, shredding: 'library' });
      const columnar = await parquetBytes(rows, batchSize, { rowGroupSize, shredding: 'columnar' });
      expect(columnar.equals(reference), `row groups of ${rowGroupSize}, batches of ${batchSize}`).toBe(true);
    }
  });

  it('writes a file hyparquet reads back row for row, with several row groups', async () => {
    fleet = createTestFleet(true);
    const rows = fleetRows(fleet.db);
    const file = path.join(fleet.dir, 'groups.parquet');
    fs.writeFileSync(file, await parquetBytes(rows, 4, { rowGroupSize: 4 }));
    const back = await parquetReadObjects({ file: await asyncBufferFromFile(file) });
    expect(back.map((r) => r.vin)).toEqual(rows.map((r) => r.vin));
    expect(back.map((r) => r.model_year)).toEqual(rows.map((r) => r.model_year));
    expect(back.map((r) => r.vpic_record_json)).toEqual(rows.map((r) => r.raw_json));
    expect(back.map((r) => (r.decoded_at as Date).toISOString())).toEqual(rows.map((r) => r.decoded_at));

    // Four row groups; the JSON documents carry no min/max statistics, the other columns do.
    const metadata = await parquetMetadataAsync(await asyncBufferFromFile(file));
    expect(metadata.row_groups.map((g) => Number(g.num_rows))).toEqual([4, 4, 4, 3]);
    const stats = (name: string): unknown =>
      metadata.row_groups[0]!.columns.find((c) => c.meta_data?.path_in_schema.join('.') === name)?.meta_data?.statistics;
    expect(stats('vpic_record_json')).toBeUndefined();
    expect(stats('attributes_json')).toBeUndefined();
    expect(stats('model_year')).toMatchObject({ min_value: expect.any(Number), max_value: expect.any(Number) });
    expect(stats('vin')).toMatchObject({ min_value: expect.any(String) });
  });

  it('rejects a null in a required column and a model year outside INT32, as parquetjs-lite does', async () => {
    fleet = createTestFleet(true);
    const [first] = fleetRows(fleet.db);
    const noVin = { ...first!, vin: null } as unknown as ExportRow;
    for (const shredding of ['library', 'columnar'] as const) {
      await expect(parquetBytes([first!, noVin], 5, { rowGroupSize: 4, shredding })).rejects.toThrow(/missing required field: vin/);
    }
    // Second row: the first always goes through parquetjs-lite (the layout probe), the rest column by column.
    await expect(parquetBytes([first!, { ...first!, model_year: 2 ** 31 }], 5, { shredding: 'columnar' })).rejects.toThrow(/model_year/);
    await expect(parquetBytes([first!], 5, { rowGroupSize: 8193 })).rejects.toThrow(RangeError);
  });

  it('fills groups column by column only when every internal is there, else writes the same bytes row by row', async () => {
    fleet = createTestFleet(true);
    const rows = fleetRows(fleet.db);
    const reference = await parquetBytes(rows, 5, { rowGroupSize: 4, shredding: 'library' });
    const appendRow = vi.spyOn(ParquetWriter.prototype, 'appendRow');
    // 15 rows in groups of 4: the probe row and the last row of each of the 3 full groups.
    expect(await parquetBytes(rows, 5, { rowGroupSize: 4 })).toEqual(reference);
    expect(appendRow).toHaveBeenCalledTimes(4);

    const openStream = ParquetWriter.openStream.bind(ParquetWriter);
    vi.spyOn(ParquetWriter, 'openStream').mockImplementation(async (...args) => {
      const writer = await openStream(...args);
      // Another version's writer: its page size lives elsewhere.
      delete (writer as unknown as { envelopeWriter: { pageSize?: number } }).envelopeWriter.pageSize;
      return writer;
    });
    appendRow.mockClear();
    expect(await parquetBytes(rows, 5, { rowGroupSize: 4 })).toEqual(reference);
    expect(appendRow).toHaveBeenCalledTimes(rows.length);
  });
});
