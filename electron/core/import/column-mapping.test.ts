/**
 * Column mappings: proposed from headers in several languages, confirmed or corrected, remembered
 * for files with the same headers, and applied by the import engine so fields from different
 * files land in the same stored column.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { proposeMapping } from '../../../shared/fleet-fields/column-mapping';
import { generateVins } from '../../../testing/fleet-generator';
import { makeDecodedVehicle } from '../../../testing/vehicle-fixtures';
import { getByVin } from '../storage/sqlite/vehicles/vehicle-repository';
import { applyMappingOverrides, headerSignature, withProposedMapping } from './column-mapping';
import { createSqliteMappingStore } from '../storage/sqlite/sqlite-mapping-store';
import { previewImport } from './import-preview';
import { newJob, openTestDatabase, tempDir } from '../../../testing/import-test-support';
import { runImportJob, type DecodeVins } from './run-import-job';
import { sqliteImportStores } from '../storage/sqlite/sqlite-import-stores';

let dir: string;
let db: Database;
const T = new Date('2026-01-01T00:00:00Z');
const decode: DecodeVins = async (vins) => ({ decoded: vins.map((vin) => makeDecodedVehicle({ vin })), failed: [] });
const VINS = generateVins(4242, 6, { unique: true });

beforeEach(() => {
  dir = tempDir('column-mapping-');
  db = openTestDatabase(dir);
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function file(name: string, text: string): string {
  const target = path.join(dir, name);
  fs.writeFileSync(target, text);
  return target;
}

/** Excel's German CSV: BOM, semicolons, CRLF, German headers. */
function germanFile(): string {
  return file(
    'fuhrpark.csv',
    '\ufeffEinheit;Fahrgestellnummer;Kennzeichen;Abteilung;Farbe\r\n' +
      `E-1;${VINS[0]};M-AB 101;Nord;rot\r\n` +
      `E-2;${VINS[1]};M-AB 102;Süd;blau\r\n`,
  );
}

describe('proposeMapping', () => {
  it('maps German, French and English headers to the standard fields and keeps the rest custom', () => {
    expect(proposeMapping(['Einheit', 'Fahrgestellnummer', 'Kennzeichen', 'Abteilung', 'Farbe'], 'Fahrgestellnummer')).toEqual({
      Einheit: 'unitNumber',
      Fahrgestellnummer: 'vin',
      Kennzeichen: 'plate',
      Abteilung: 'department',
      Farbe: 'custom',
    });
    // Two headers meaning one field: the first gets it, the second stays a custom field.
    expect(proposeMapping(['Unit #', 'immatriculation', 'Fleet No', 'VIN'], 'VIN')).toEqual({
      'Unit #': 'unitNumber',
      immatriculation: 'plate',
      'Fleet No': 'custom',
      VIN: 'vin',
    });
  });
});

describe('remembered mappings', () => {
  it('are found again for the same headers, however spelled, and not for other headers', async () => {
    const mappings = createSqliteMappingStore(db);
    await mappings.remember(['Nr', 'VIN', 'Info'], { Nr: 'unitNumber', VIN: 'vin', Info: 'ignore' }, T);
    expect(await mappings.remembered(['NR', 'vin', 'info'])).toEqual({ NR: 'unitNumber', vin: 'vin', info: 'ignore' });
    expect(await mappings.remembered(['Nr', 'VIN'])).toBeNull();
    expect(headerSignature(['Unit #'])).toBe(headerSignature(['unit number']));
  });

  it('are what the preview proposes next time', async () => {
    const target = germanFile();
    const mappings = createSqliteMappingStore(db);
    const first = await withProposedMapping(mappings, await previewImport(target));
    expect(first.mappingRemembered).toBe(false);
    expect(first.mapping).toMatchObject({ Einheit: 'unitNumber', Fahrgestellnummer: 'vin', Farbe: 'custom' });
    await mappings.remember(first.columns, { ...first.mapping!, Farbe: 'notes' }, T);
    const second = await withProposedMapping(mappings, await previewImport(target));
    expect(second.mappingRemembered).toBe(true);
    expect(second.mapping).toMatchObject({ Farbe: 'notes' });
  });
});

describe('applyMappingOverrides', () => {
  const columns = ['Nr', 'Unit', 'VIN', 'Plate'];
  const base = proposeMapping(columns, 'VIN');

  it('moves a field to the named header; the column that had it becomes custom', () => {
    expect(applyMappingOverrides(base, columns, ['unit_number=Nr', 'ignore=Plate'])).toEqual({
      Nr: 'unitNumber',
      Unit: 'custom',
      VIN: 'vin',
      Plate: 'ignore',
    });
    expect(applyMappingOverrides(base, columns, ['Unit number=nr'])).toMatchObject({ Nr: 'unitNumber' });
  });

  it('refuses an unknown field or header with a sentence naming the choices', () => {
    expect(() => applyMappingOverrides(base, columns, ['colour=Nr'])).toThrow(/--map takes field=header/);
    expect(() => applyMappingOverrides(base, columns, ['plate=Kennzeichen'])).toThrow(/no column "Kennzeichen".*Nr, Unit, VIN, Plate/);
  });
});

describe('imports with a mapping', () => {
  it('stores a German semicolon file into the standard fields, its other columns as custom fields', async () => {
    const job = await runImportJob({ stores: sqliteImportStores(db), decode, now: () => T }, newJob(db, germanFile()));
    expect(job.counts).toMatchObject({ total: 2, added: 2, invalid: 0 });
    expect(getByVin(db, VINS[0]!)).toMatchObject({
      fleet: { unitNumber: 'E-1', plate: 'M-AB 101', department: 'Nord' },
      attributes: { Farbe: 'rot' },
    });
  });

  it('applies the confirmed mapping, remembers it, and reads the next file with these headers the same way', async () => {
    const first = file('a.csv', `Nr,VIN,Info\nA-7,${VINS[2]},secret\n`);
    const mapping = { Nr: 'unitNumber', VIN: 'vin', Info: 'ignore' } as const;
    await runImportJob({ stores: sqliteImportStores(db), decode, now: () => T }, newJob(db, first, { vinColumn: 'VIN', mapping }));
    expect(getByVin(db, VINS[2]!)).toMatchObject({ fleet: { unitNumber: 'A-7' }, attributes: {} });
    // Same headers, no mapping given: the remembered one applies.
    const second = file('b.csv', `Nr,VIN,Info\nA-8,${VINS[3]},secret\n`);
    await runImportJob({ stores: sqliteImportStores(db), decode, now: () => T }, newJob(db, second));
    expect(getByVin(db, VINS[3]!)).toMatchObject({ fleet: { unitNumber: 'A-8' }, attributes: {} });
  });

  it('puts differently named unit columns from two files into the same field', async () => {
    await runImportJob({ stores: sqliteImportStores(db), decode, now: () => T }, newJob(db, file('x.csv', `Unit,VIN\n7,${VINS[4]}\n`)));
    await runImportJob({ stores: sqliteImportStores(db), decode, now: () => T }, newJob(db, file('y.csv', `unit_number;VIN\n12;${VINS[5]}\n`)));
    expect(getByVin(db, VINS[4]!)!.fleet.unitNumber).toBe('7');
    expect(getByVin(db, VINS[5]!)!.fleet.unitNumber).toBe('12');
    expect(getByVin(db, VINS[5]!)!.attributes).toEqual({});
  });
});
