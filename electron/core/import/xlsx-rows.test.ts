/**
 * Excel imports: the first (or a chosen) sheet read row by row, dates and numbers kept, through
 * the same engine as CSV files.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateVins } from '../../../testing/fleet-generator';
import { makeDecodedVehicle } from '../../../testing/vehicle-fixtures';
import { getByVin } from '../storage/sqlite/vehicles/vehicle-repository';
import { withProposedMapping } from './column-mapping';
import { previewImport } from './import-preview';
import { newJob, openTestDatabase, tempDir } from '../../../testing/import-test-support';
import { runImportJob, type DecodeVins } from './run-import-job';
import { cellText, xlsxRows } from './xlsx-rows';
import { sqliteImportStores } from '../storage/sqlite/sqlite-import-stores';

let dir: string;
let db: Database;
const VINS = generateVins(777, 3, { unique: true });
const decode: DecodeVins = async (vins) => ({ decoded: vins.map((vin) => makeDecodedVehicle({ vin })), failed: [] });

beforeEach(() => {
  dir = tempDir('xlsx-import-');
  db = openTestDatabase(dir);
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A workbook as Excel users make them: a cover sheet first, then the fleet with typed cells. */
async function workbook(): Promise<string> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('Info').addRow(['Fleet export', 'not the data']);
  const sheet = book.addWorksheet('Fahrzeuge');
  sheet.addRow(['Einheit', 'Fahrgestellnummer', 'Kennzeichen', 'Kilometerstand', 'Erstzulassung', 'Bemerkung; intern']);
  sheet.addRow([101, VINS[0], 'M-AB 1', 123456, new Date(Date.UTC(2021, 2, 25)), 'a, b; c']);
  sheet.addRow(['U-2', VINS[1], { richText: [{ text: 'M-' }, { text: 'CD 2' }] }, 98765.4, new Date(Date.UTC(2019, 11, 1)), '']);
  sheet.addRow(['U-3', { formula: 'LOWER("X")', result: VINS[2] }, 'M-EF 3', null, null, 'x']);
  const file = path.join(dir, 'fleet.xlsx');
  await book.xlsx.writeFile(file);
  return file;
}

describe('xlsxRows', () => {
  it('reads the first sheet by default and a chosen one by position or name', async () => {
    const file = await workbook();
    const first: string[][] = [];
    for await (const row of xlsxRows(file)) first.push(row);
    expect(first).toEqual([['Fleet export', 'not the data']]);
    const byName: string[][] = [];
    for await (const row of xlsxRows(file, 'Fahrzeuge')) byName.push(row);
    expect(byName[1]).toEqual(['101', VINS[0], 'M-AB 1', '123456', '2021-03-25', 'a, b; c']);
    expect(byName[2]!.slice(2, 5)).toEqual(['M-CD 2', '98765.4', '2019-12-01']);
    expect(byName[3]![1]).toBe(VINS[2]); // a formula's cached result
    await expect(async () => {
      for await (const _ of xlsxRows(file, 5)) void _;
    }).rejects.toThrow(/no sheet number 5/);
  });

  it('writes cells as text without locale', () => {
    expect(cellText(new Date('2024-02-29T00:00:00Z'))).toBe('2024-02-29');
    expect(cellText(new Date('2024-02-29T13:05:00Z'))).toBe('2024-02-29T13:05:00.000Z');
    expect(cellText(1234567.5)).toBe('1234567.5');
    expect(cellText({ error: '#N/A' })).toBe('');
    expect(cellText(true)).toBe('TRUE');
  });
});

describe('importing an .xlsx file', () => {
  it('previews and imports the chosen sheet into the fleet fields, dates and numbers kept', async () => {
    const file = await workbook();
    const preview = await withProposedMapping(sqliteImportStores(db).mappings, await previewImport(file, undefined, 'Fahrzeuge'));
    expect(preview.columns).toEqual(['Einheit', 'Fahrgestellnummer', 'Kennzeichen', 'Kilometerstand', 'Erstzulassung', 'Bemerkung; intern']);
    expect(preview.detectedVinColumn).toBe('Fahrgestellnummer');
    expect(preview.mapping).toMatchObject({ Einheit: 'unitNumber', Kennzeichen: 'plate', Kilometerstand: 'odometer', Erstzulassung: 'inServiceDate' });

    const job = await runImportJob({ stores: sqliteImportStores(db), decode, now: () => new Date() }, newJob(db, file, { sheet: 'Fahrzeuge' }));
    expect(job.counts).toMatchObject({ total: 3, added: 3, invalid: 0 });
    expect(getByVin(db, VINS[0]!)).toMatchObject({
      fleet: { unitNumber: '101', plate: 'M-AB 1', odometer: 123456, inServiceDate: '2021-03-25' },
      attributes: { 'Bemerkung; intern': 'a, b; c' },
    });
    expect(getByVin(db, VINS[1]!)!.fleet).toMatchObject({ plate: 'M-CD 2', odometer: 98765, inServiceDate: '2019-12-01' });
    expect(getByVin(db, VINS[2]!)).not.toBeNull();
  });
});
