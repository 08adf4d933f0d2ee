import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { parse } from 'csv-parse/sync';
import JSZip from 'jszip';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { deserializeTCompactProtocol } from 'hyparquet/src/thrift.js';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Vehicle } from '../../../shared/vehicle';
import { saveRecallModel } from '../storage/sqlite/recalls/recall-repository';
import { iterateVehicles } from '../storage/sqlite/vehicles/vehicle-repository';
import { EXPORT_COLUMNS } from './export-columns';
import { resolveExportWorker, runExportInWorker } from './export-service';
import { BRIEF_VINS, createTestFleet, leftoverFiles, type TestFleet } from '../../../testing/export-test-fleet';

let duck: DuckDBInstance;
let con: DuckDBConnection;
let fleet: TestFleet | null = null;

beforeAll(async () => {
  duck = await DuckDBInstance.create(':memory:');
  con = await duck.connect();
});
afterAll(() => {
  con.closeSync();
  duck.closeSync();
});
afterEach(() => {
  fleet?.close();
  fleet = null;
});

function storedVehicles(f: TestFleet): Vehicle[] {
  return [...iterateVehicles(f.db)].flat();
}

/** The export's columns for a stored vehicle, written out by hand (not from EXPORT_COLUMNS). */
function expectedRow(v: Vehicle): Record<string, unknown> {
  return {
    id: BigInt(v.id),
    vin: v.vin,
    make: v.make,
    model: v.model,
    model_year: v.modelYear,
    body_class: v.bodyClass,
    manufacturer: v.manufacturer,
    series: v.series,
    trim: v.trim,
    vehicle_type: v.vehicleType,
    gvwr: v.gvwr,
    drive_type: v.driveType,
    fuel_type: v.fuelType,
    engine_model: v.engineModel,
    engine_cylinders: v.engineCylinders,
    displacement_l: v.displacementL,
    plant_country: v.plantCountry,
    plant_city: v.plantCity,
    error_codes: v.errorCodes.join(','),
    error_text: v.errorText,
    source: v.source,
    decoded_at: new Date(v.decodedAt),
    snapshot_version: v.snapshotVersion,
    created_at: new Date(v.createdAt),
    updated_at: new Date(v.updatedAt),
    unit_number: v.fleet.unitNumber,
    plate: v.fleet.plate,
    plate_region: v.fleet.plateRegion,
    department: v.fleet.department,
    driver: v.fleet.driver,
    odometer: v.fleet.odometer === null ? null : BigInt(v.fleet.odometer),
    in_service_date: v.fleet.inServiceDate,
    notes: v.fleet.notes,
    attributes_json: v.attributes,
    vpic_record_json: v.raw,
    // Nothing asked of NHTSA in this fleet.
    recall_status: v.make === null || v.model === null || v.modelYear === null ? 'unknown-model' : 'not-checked',
    recall_campaign_count: null,
    recall_campaign_numbers: null,
  };
}

/** JSON columns compared as parsed values; everything else as is. */
function normalise(row: Record<string, unknown>): Record<string, unknown> {
  return {
    ...row,
    attributes_json: JSON.parse(String(row.attributes_json)) as unknown,
    vpic_record_json: JSON.parse(String(row.vpic_record_json)) as unknown,
  };
}

/** What a CSV text cell holds for a value (OWASP prefix on formula starts). */
function neutralised(value: string | null): string {
  return value === null ? '' : /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The first worksheet's XML, unzipped with JSZip (not the writer's own code). */
async function sheetXml(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  return zip.file('xl/worksheets/sheet1.xml')!.async('string');
}

async function duckRows(sql: string): Promise<Record<string, unknown>[]> {
  return (await con.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}

/** Page types of every column chunk's first data page, read straight from the page headers. */
async function firstPageTypes(file: string): Promise<number[]> {
  const buffer = await asyncBufferFromFile(file);
  const metadata = await parquetMetadataAsync(buffer);
  const bytes = fs.readFileSync(file);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return metadata.row_groups.flatMap((group) =>
    group.columns.map((column) => {
      const header = deserializeTCompactProtocol({ view, offset: Number(column.meta_data!.data_page_offset) }) as {
        field_1: number;
      };
      return header.field_1;
    }),
  );
}

describe('Parquet export in a worker', () => {
  it('writes exactly the five brief VINs, readable by DuckDB and hyparquet, equal to SQLite row by row', async () => {
    fleet = createTestFleet(true);
    const target = path.join(fleet.dir, 'fleet.parquet');
    const progress: { rows: number; total: number }[] = [];
    const result = await runExportInWorker(
      { storage: { kind: 'sqlite', path: fleet.databasePath }, target, format: 'parquet', batchSize: 2 },
      { onProgress: (p) => progress.push(p) },
    );
    expect(result.rows).toBe(5);
    expect(progress[0]).toEqual({ rows: 0, total: 5 });
    expect(progress.at(-1)).toEqual({ rows: 5, total: 5 });
    expect(progress.length).toBeGreaterThan(2); // batches of 2: 2, 4, 5

    const stored = storedVehicles(fleet);
    const expected = stored.map(expectedRow);

    // DuckDB: types and values.
    const types = await duckRows(`DESCRIBE SELECT * FROM read_parquet('${target}')`);
    const typeOf = Object.fromEntries(types.map((t) => [t.column_name, t.column_type]));
    expect(typeOf).toMatchObject({
      id: 'BIGINT',
      vin: 'VARCHAR',
      model_year: 'INTEGER',
      engine_cylinders: 'INTEGER',
      displacement_l: 'DOUBLE',
      decoded_at: 'TIMESTAMP',
      attributes_json: 'VARCHAR',
      vpic_record_json: 'VARCHAR',
      unit_number: 'VARCHAR',
      odometer: 'BIGINT',
    });
    const fromDuck = (await duckRows(`SELECT * FROM read_parquet('${target}') ORDER BY id`)).map(normalise);
    expect(fromDuck.map((r) => r.vin).sort()).toEqual([...BRIEF_VINS].sort());
    expect(fromDuck).toEqual(expected);
    const nullYear = fromDuck.find((r) => r.vin === '1XP5DB9X7YN526158')!;
    expect(nullYear.model_year).toBeNull();
    expect(nullYear.make).toBeNull();
    expect(typeof fromDuck[0]!.model_year).toBe('number');
    expect(Number.isInteger(fromDuck[0]!.model_year)).toBe(true);

    // hyparquet: a second, independent reader (pure JS).
    const fromHyparquet = (await parquetReadObjects({ file: await asyncBufferFromFile(target) })).map((row) =>
      normalise(row as Record<string, unknown>),
    );
    expect(fromHyparquet).toEqual(expected);

    // Pages are DATA_PAGE (v1, type 0), never DATA_PAGE_V2 (type 3); the codec is SNAPPY.
    const pageTypes = await firstPageTypes(target);
    expect(pageTypes.length).toBe(EXPORT_COLUMNS.length);
    expect(new Set(pageTypes)).toEqual(new Set([0]));
    const meta = await duckRows(`SELECT DISTINCT compression FROM parquet_metadata('${target}')`);
    expect(meta.map((m) => m.compression)).toEqual(['SNAPPY']);
    expect(leftoverFiles(fleet.dir)).toEqual(['fleet.parquet']);
  });

  it('exports an empty cache as a valid file with the schema and zero rows', async () => {
    fleet = createTestFleet(false);
    const target = path.join(fleet.dir, 'empty.parquet');
    const result = await runExportInWorker({ storage: { kind: 'sqlite', path: fleet.databasePath }, target, format: 'parquet' });
    expect(result.rows).toBe(0);
    const count = await duckRows(`SELECT COUNT(*)::INTEGER AS n FROM read_parquet('${target}')`);
    expect(count[0]!.n).toBe(0);
    const types = await duckRows(`DESCRIBE SELECT * FROM read_parquet('${target}')`);
    expect(types.map((t) => t.column_name)).toContain('vpic_record_json');
    expect(types.find((t) => t.column_name === 'model_year')?.column_type).toBe('INTEGER');
    const metadata = await parquetMetadataAsync(await asyncBufferFromFile(target));
    expect(Number(metadata.num_rows)).toBe(0);
  });

  it('exports only what the filter matches', async () => {
    fleet = createTestFleet(true);
    const target = path.join(fleet.dir, 'view.parquet');
    const result = await runExportInWorker({
      storage: { kind: 'sqlite', path: fleet.databasePath },
      target,
      format: 'parquet',
      filter: { make: 'peterbilt' },
    });
    const expectedVins = storedVehicles(fleet)
      .filter((v) => v.make === 'PETERBILT')
      .map((v) => v.vin);
    expect(expectedVins.length).toBe(2);
    expect(result.rows).toBe(2);
    const rows = await duckRows(`SELECT vin FROM read_parquet('${target}') ORDER BY id`);
    expect(rows.map((r) => r.vin)).toEqual(expectedVins);
  });

  it('reports a folder that does not exist as FILE_ERROR and writes nothing', async () => {
    fleet = createTestFleet(true);
    const target = path.join(fleet.dir, 'missing', 'fleet.parquet');
    await expect(runExportInWorker({ storage: { kind: 'sqlite', path: fleet.databasePath }, target, format: 'parquet' })).rejects.toMatchObject({
      name: 'AppFailure',
      code: 'FILE_ERROR',
      message: `Could not write ${target}: the folder does not exist`,
    });
    expect(leftoverFiles(fleet.dir)).toEqual([]);
  });
});

describe('CSV export in a worker', () => {
  it('writes a BOM, human headers, CRLF rows, fleet and custom fields as columns, neutralised formulas, no JSON', async () => {
    fleet = createTestFleet(true);
    const target = path.join(fleet.dir, 'fleet.csv');
    const result = await runExportInWorker({ storage: { kind: 'sqlite', path: fleet.databasePath }, target, format: 'csv' });
    expect(result.rows).toBe(5);
    const bytes = fs.readFileSync(target);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split('\r\n').length).toBe(7); // header, five rows, '' after the final CRLF
    const records = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(records.length).toBe(5);
    const headers = Object.keys(records[0]!);
    expect(headers.slice(0, 5)).toEqual(['VIN', 'Make', 'Model', 'Year', 'Body class']);
    // The standard fleet fields, then the custom fields in the order they first appear, then the decode.
    expect(headers.slice(5, 15)).toEqual([
      'Unit number', 'Plate', 'Plate state/region', 'Department', 'Driver', 'Odometer', 'In-service date', 'Notes', 'Colour', 'Trailer',
    ]);
    expect(headers).toContain('Manufacturer');
    expect(text).not.toContain('{"'); // no JSON cells: the raw record stays in Parquet

    const stored = storedVehicles(fleet);
    for (const [i, v] of stored.entries()) {
      const r = records[i]!;
      expect(r.VIN).toBe(v.vin);
      expect(r.Make).toBe(v.make ?? '');
      // Numbers are not prefixed: a year is a number, and an empty cell stands for null.
      expect(r.Year).toBe(v.modelYear === null ? '' : String(v.modelYear));
      expect(r.Decoded).toBe(v.decodedAt);
    }
    const formula = records.find((r) => r.VIN === '1XP5DB9X7YN526158')!;
    expect(formula.Model).toBe(`'=HYPERLINK("http://evil.example","x")`);
    expect(records[0]).toMatchObject({
      'Unit number': "'-12",
      Plate: "'@ABC 123",
      Department: 'Zürich',
      Odometer: '120500',
      'In-service date': '2021-03-25',
      Colour: "'=red",
      Trailer: '',
    });
    expect(records[3]).toMatchObject({ 'Unit number': '204', Trailer: 'T-9' });
    const duckCount = await duckRows(`SELECT COUNT(*)::INTEGER AS n, MAX("Year") AS y FROM read_csv('${target}', header = true)`);
    expect(duckCount[0]).toEqual({ n: 5, y: 2014n });
  });

  it('exports a view: its columns in its order, its filter and its sort', async () => {
    fleet = createTestFleet(true);
    const target = path.join(fleet.dir, 'view.csv');
    const result = await runExportInWorker({
      storage: { kind: 'sqlite', path: fleet.databasePath },
      target,
      format: 'csv',
      filter: { search: 'peterbilt' },
      sort: { column: 'modelYear', direction: 'desc' },
      columns: ['modelYear', 'vin', 'attr:Colour', 'unitNumber'],
    });
    const records = parse(fs.readFileSync(target, 'utf8'), { bom: true }) as string[][];
    const expected = storedVehicles(fleet)
      .filter((v) => v.make === 'PETERBILT')
      .sort((a, b) => (b.modelYear ?? 0) - (a.modelYear ?? 0) || b.id - a.id);
    expect(result.rows).toBe(expected.length);
    expect(expected.length).toBe(2);
    expect(records).toEqual([
      ['Year', 'VIN', 'Colour', 'Unit number'],
      ...expected.map((v) => [String(v.modelYear), v.vin, v.attributes.Colour ? `'${v.attributes.Colour}` : '', neutralised(v.fleet.unitNumber)]),
    ]);
  });

  it('carries the recall columns and follows a view sorted by several keys', async () => {
    fleet = createTestFleet(true);
    const stored = storedVehicles(fleet);
    const known = stored.find((v) => v.make !== null && v.model !== null && v.modelYear !== null)!;
    const campaign = { reportReceivedDate: '2015-03-04', component: 'STEERING', summary: 'May fail.', consequence: 'Crash.', remedy: 'Repair.', notes: null, parkIt: false, parkOutside: false, overTheAirUpdate: false };
    saveRecallModel(
      fleet.db,
      { make: known.make!, model: known.model!, modelYear: known.modelYear! },
      { status: 'found', campaigns: [{ ...campaign, campaignNumber: '15V001000' }, { ...campaign, campaignNumber: '16V002000' }] },
      new Date('2026-01-01T00:00:00Z'),
    );
    const target = path.join(fleet.dir, 'recalls.csv');
    await runExportInWorker({
      storage: { kind: 'sqlite', path: fleet.databasePath },
      target,
      format: 'csv',
      sort: [{ column: 'make', direction: 'asc' }, { column: 'modelYear', direction: 'desc' }],
      columns: ['vin', 'recalls', 'recallCampaigns'],
    });
    const records = parse(fs.readFileSync(target, 'utf8'), { bom: true }) as string[][];
    const sameModel = (v: Vehicle): boolean => v.make === known.make && v.model === known.model && v.modelYear === known.modelYear;
    const expected = [...stored].sort(
      (a, b) => (a.make ?? '').toLowerCase().localeCompare((b.make ?? '').toLowerCase()) || (b.modelYear ?? 0) - (a.modelYear ?? 0) || a.id - b.id,
    );
    expect(records).toEqual([
      ['VIN', 'Recalls', 'Recall campaigns'],
      ...expected.map((v) => [
        v.vin,
        sameModel(v) ? '2 listed' : v.make === null || v.model === null || v.modelYear === null ? 'Model unknown' : 'Not checked yet',
        sameModel(v) ? '15V001000 16V002000' : '',
      ]),
    ]);
  });

  it('refuses a view column no table has, and writes nothing', async () => {
    fleet = createTestFleet(true);
    const target = path.join(fleet.dir, 'bad.csv');
    await expect(
      runExportInWorker({ storage: { kind: 'sqlite', path: fleet.databasePath }, target, format: 'csv', columns: ['vin', 'raw_json'] }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(fs.existsSync(target)).toBe(false);
  });
});

describe('XLSX export in a worker', () => {
  it('writes one sheet with a frozen bold header, typed cells and widths, read back by read-excel-file', async () => {
    fleet = createTestFleet(true);
    const target = path.join(fleet.dir, 'fleet.xlsx');
    const result = await runExportInWorker({ storage: { kind: 'sqlite', path: fleet.databasePath }, target, format: 'xlsx' });
    expect(result.rows).toBe(5);
    // An independent reader (not ExcelJS): values and their types.
    const sheets = await readXlsxFile(target);
    expect(sheets.map((s) => s.sheet)).toEqual(['Fleet']);
    const [header, ...rows] = sheets[0]!.data;
    expect(header!.slice(0, 6)).toEqual(['VIN', 'Make', 'Model', 'Year', 'Body class', 'Unit number']);
    const col = (name: string): number => header!.indexOf(name);
    const stored = storedVehicles(fleet);
    expect(rows.map((r) => r[col('VIN')])).toEqual(stored.map((v) => v.vin));
    expect(rows.map((r) => r[col('Year')])).toEqual(stored.map((v) => v.modelYear)); // numbers, nulls empty
    expect(rows[0]![col('Odometer')]).toBe(120500);
    expect(rows[0]![col('In-service date')]).toEqual(new Date('2021-03-25T00:00:00Z'));
    expect(rows[0]![col('Decoded')]).toEqual(new Date(stored[0]!.decodedAt));
    // A formula-looking value is a plain string cell, shown as text: no prefix needed, none added.
    expect(rows[0]![col('Colour')]).toBe('=red');
    expect(rows[2]![col('Model')]).toBe('=HYPERLINK("http://evil.example","x")');
    // Frozen header and widths are in the sheet's XML.
    const xml = await sheetXml(target);
    expect(xml).toMatch(/<pane[^>]*ySplit="1"[^>]*state="frozen"/);
    expect(xml).not.toMatch(/<f>/); // no formulas anywhere
    const widths = [...xml.matchAll(/<col min="(\d+)" max="(\d+)"[^>]*width="([\d.]+)"/g)];
    expect(widths.reduce((n, m) => n + Number(m[2]) - Number(m[1]) + 1, 0)).toBe(header!.length);
    expect(widths.every((m) => Number(m[3]) >= 7 && Number(m[3]) <= 40)).toBe(true);
    expect(leftoverFiles(fleet.dir)).toEqual(['fleet.xlsx']);
  });
});

describe('resolveExportWorker', () => {
  it('prefers the built JavaScript worker, else the TypeScript source, else says what is missing', () => {
    expect(resolveExportWorker('/app/out/main', (f) => f === '/app/out/main/export-worker.js')).toEqual({
      file: '/app/out/main/export-worker.js',
      typescript: false,
    });
    expect(resolveExportWorker('/src', (f) => f === '/src/export-worker.ts')).toEqual({
      file: '/src/export-worker.ts',
      typescript: true,
    });
    expect(() => resolveExportWorker('/nowhere', () => false)).toThrow(/worker "export-worker" is missing/);
  });
});
