/**
 * Text encodings: detection from the bytes, streaming decoding into the importer, and no
 * U+FFFD ever stored as if it were text.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateFleetCsv } from '../../../testing/fleet-generator';
import { makeDecodedVehicle } from '../../../testing/vehicle-fixtures';
import { getByVin } from '../storage/sqlite/vehicles/vehicle-repository';
import { listRejects } from '../storage/sqlite/sqlite-import-job-store';
import { previewImport } from './import-preview';
import { expectedColumns, newJob, openTestDatabase, storedColumns, tempDir } from '../../../testing/import-test-support';
import { runImportJob, type DecodeVins } from './run-import-job';
import { decodeHead, detectEncoding } from './text-encoding';
import { sqliteImportStores } from '../storage/sqlite/sqlite-import-stores';

const decode: DecodeVins = async (vins) => ({ decoded: vins.map((vin) => makeDecodedVehicle({ vin })), failed: [] });

let dir: string;
let db: Database;
beforeEach(() => {
  dir = tempDir('encoding-');
  db = openTestDatabase(dir);
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const TEXT = 'VIN;driver\r\n2NPPHDF76SJ721751;Müller\r\n';

describe('detectEncoding', () => {
  it.each([
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')]), 'utf-8', 3],
    ['UTF-8 without BOM', Buffer.from(TEXT, 'utf8'), 'utf-8', 0],
    ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]), 'utf-16le', 2],
    ['UTF-16 BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(TEXT, 'utf-16be')]), 'utf-16be', 2],
    ['Windows-1252', iconv.encode(TEXT, 'windows-1252'), 'windows-1252', 0],
    ['Latin-1', Buffer.from(TEXT, 'latin1'), 'windows-1252', 0],
  ])('%s', (_, bytes, encoding, bomLength) => {
    const detected = detectEncoding(bytes, true);
    expect(detected).toEqual({ encoding, bomLength });
    expect(decodeHead(bytes, detected, true)).toBe(TEXT);
  });

  it('a UTF-8 character cut by the end of a partial read is still UTF-8', () => {
    const bytes = Buffer.from('VIN\nMüller', 'utf8');
    const cut = bytes.subarray(0, bytes.indexOf(0xc3) + 1);
    expect(detectEncoding(cut, false).encoding).toBe('utf-8');
    expect(detectEncoding(cut, true).encoding).toBe('windows-1252');
  });
});

describe('importing encoded files', () => {
  it('a Windows-1252 file (Excel "CSV") imports Müller as Müller, and the preview says Windows-1252', async () => {
    const file = path.join(dir, 'excel.csv');
    fs.writeFileSync(file, iconv.encode('VIN;driver;depot\r\n2NPPHDF76SJ721751;Müller;Köln\r\n', 'windows-1252'));
    expect((await previewImport(file)).encoding).toBe('windows-1252');
    const job = await runImportJob({ stores: sqliteImportStores(db), decode, now: () => new Date() }, newJob(db, file));
    expect(job.counts.added).toBe(1);
    expect(storedColumns(getByVin(db, '2NPPHDF76SJ721751')!)).toEqual(expectedColumns({ driver: 'Müller', depot: 'Köln' }));
  });

  /** 3000 distinct valid VINs (from the seeded generator). */
  function vins(seed: number): string[] {
    const list = generateFleetCsv({ seed, rows: 3000, invalidRatio: 0, duplicateRatio: 0 }).expected.validUnique;
    expect(list).toHaveLength(3000);
    return list;
  }

  it.each(['utf-16le', 'utf-16be'] as const)('a %s file larger than the sniffed head imports every row intact', async (encoding) => {
    const list = vins(77);
    const text = ['VIN\tunit\tdriver', ...list.map((vin, i) => `${vin}\tU${i}\tÅsa Müller ${i}`)].join('\r\n') + '\r\n';
    const file = path.join(dir, `unicode-${encoding}.txt`);
    const bom = encoding === 'utf-16le' ? [0xff, 0xfe] : [0xfe, 0xff];
    fs.writeFileSync(file, Buffer.concat([Buffer.from(bom), iconv.encode(text, encoding)]));
    expect(fs.statSync(file).size).toBeGreaterThan(128 * 1024);
    const preview = await previewImport(file);
    expect(preview).toMatchObject({ encoding, delimiter: '\t', detectedVinColumn: 'VIN' });
    const job = await runImportJob({ stores: sqliteImportStores(db), decode, now: () => new Date(), chunkSize: 500 }, newJob(db, file));
    expect(job.counts).toMatchObject({ total: 3000, added: 3000, invalid: 0 });
    for (const i of [0, 1499, 2999]) expect(storedColumns(getByVin(db, list[i]!)!)).toEqual(expectedColumns({ unit: `U${i}`, driver: `Åsa Müller ${i}` }));
  });

  it('a UTF-8 file with a stray Windows-1252 byte past the sniffed head rejects that row instead of storing U+FFFD', async () => {
    const list = vins(78);
    const row = 2900; // far past the first 64 KB
    const lines = ['VIN,driver', ...list.map((vin, i) => `${vin},Driver ${i}`)].map((line) => Buffer.from(line + '\n', 'utf8'));
    lines[row] = Buffer.concat([Buffer.from(`${list[row - 1]},M`, 'utf8'), Buffer.from([0xfc]), Buffer.from('ller\n', 'utf8')]);
    const file = path.join(dir, 'mixed.csv');
    fs.writeFileSync(file, Buffer.concat(lines));
    expect(Buffer.concat(lines.slice(0, row)).length).toBeGreaterThan(64 * 1024);
    expect((await previewImport(file)).encoding).toBe('utf-8');
    const job = await runImportJob({ stores: sqliteImportStores(db), decode, now: () => new Date() }, newJob(db, file));
    expect(job.counts).toMatchObject({ total: 3000, added: 2999, invalid: 1 });
    const [reject] = listRejects(db, job.jobId, 0, 10);
    expect(reject).toMatchObject({ row, code: 'UNDECODABLE_TEXT', kind: 'invalid', reason: expect.stringContaining('not valid UTF-8') });
    expect(getByVin(db, list[row - 1]!)).toBeNull();
    const stored = db.prepare(`SELECT COUNT(*) AS n FROM vehicles WHERE (attributes_json || ifnull(driver, '')) LIKE '%' || char(65533) || '%'`).get() as { n: number };
    expect(stored.n).toBe(0);
  });

  it('a column named __proto__ is kept as an attribute (no prototype pollution)', async () => {
    const file = path.join(dir, 'proto.csv');
    fs.writeFileSync(file, 'VIN,__proto__,unit\n2NPPHDF76SJ721751,{"polluted":true},U1\n');
    const job = await runImportJob({ stores: sqliteImportStores(db), decode, now: () => new Date() }, newJob(db, file));
    expect(job.counts.added).toBe(1);
    const attributes = getByVin(db, '2NPPHDF76SJ721751')!.attributes;
    // `unit` is a standard fleet field (its own column); `__proto__` stays a custom attribute.
    expect(Object.keys(attributes)).toEqual(['__proto__']);
    expect(getByVin(db, '2NPPHDF76SJ721751')!.fleet.unitNumber).toBe('U1');
    expect(Object.getOwnPropertyDescriptor(attributes, '__proto__')?.value).toBe('{"polluted":true}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
