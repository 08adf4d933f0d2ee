/**
 * Real fleets' files end to end (web target): a German Excel CSV with its column mapping
 * confirmed, two files naming the unit column differently landing in one sortable column, an
 * .xlsx import and export read back by an independent reader, a search of several words, and an
 * export of the table's current view.
 */
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import readXlsxFile from 'read-excel-file/node';
import { expect, test } from './fixtures';

/** The original brief's VINs: the simulator decodes them as NHTSA does. */
const PETERBILT_388 = '1XPWD40X1ED215307';
const KENWORTH_W9 = '1XKWDB0X57J211825';
const PETERBILT_379_2000 = '1XP5DB9X7YN526158';
const VOLVO_VNL = '4V4NC9EJXEN171694';
const PETERBILT_379_1999 = '1XP5DB9X7XD487964';

interface DroppedFile {
  readonly name: string;
  /** File bytes, as numbers (structured clone into the page). */
  readonly bytes: number[];
}

const textFile = (name: string, text: string): DroppedFile => ({ name, bytes: [...Buffer.from(text, 'utf8')] });

/** Drop files on the window, the way a file manager would (HTML drag-and-drop events). */
async function dropFiles(page: Page, files: readonly DroppedFile[]): Promise<void> {
  const dataTransfer = await page.evaluateHandle((list) => {
    const transfer = new DataTransfer();
    for (const file of list) transfer.items.add(new File([new Uint8Array(file.bytes)], file.name));
    return transfer;
  }, files);
  await page.dispatchEvent('body', 'dragenter', { dataTransfer });
  await page.dispatchEvent('body', 'dragover', { dataTransfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer });
}

function grid(page: Page) {
  return page.getByRole('grid', { name: 'Fleet' });
}

function dataRows(page: Page) {
  return grid(page).locator('[role="rowgroup"]').nth(1).getByRole('row');
}

async function importFinished(page: Page, fileName: string, added: number): Promise<void> {
  const card = page.getByRole('region', { name: `Import of ${fileName}` });
  await expect(card.getByRole('status')).toContainText(`Imported: ${added} added`, { timeout: 30_000 });
}

/** Export through the toolbar panel; returns the written file's path. */
async function exportAs(page: Page, format: RegExp, scope: RegExp): Promise<string> {
  await page.getByRole('button', { name: 'Export…' }).click();
  const panel = page.getByRole('dialog', { name: 'Export the fleet' });
  await panel.getByRole('radio', { name: scope }).check();
  await panel.getByRole('radio', { name: format }).check();
  await panel.getByRole('button', { name: 'Save as…' }).click();
  const done = page.locator('.export-status').getByText(/^Exported \d+ vehicles? to /);
  await expect(done).toBeVisible({ timeout: 30_000 });
  return ((await done.textContent()) ?? '').replace(/^Exported \d+ vehicles? to /, '');
}

const GERMAN =
  '\ufeffEinheit;Fahrgestellnummer;Kennzeichen;Abteilung\r\n' +
  `E-1;${PETERBILT_388};M-AB 101;Nord\r\n` +
  `E-2;${KENWORTH_W9};M-AB 102;Süd\r\n` +
  `E-3;${PETERBILT_379_2000};M-AB 103;Nord\r\n`;

test('a German semicolon file: the mapping is shown, confirmed, and its fields become columns; several words search', async ({ app }) => {
  const { page } = app;
  await dropFiles(page, [textFile('fuhrpark.csv', GERMAN)]);

  const dialog = page.getByRole('dialog', { name: 'Import fuhrpark.csv' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('VIN column')).toHaveValue('Fahrgestellnummer');
  await expect(dialog.getByLabel('Field for Einheit')).toHaveValue('unitNumber');
  await expect(dialog.getByLabel('Field for Kennzeichen')).toHaveValue('plate');
  await expect(dialog.getByLabel('Field for Abteilung')).toHaveValue('department');
  await dialog.getByRole('button', { name: 'Import' }).click();
  await importFinished(page, 'fuhrpark.csv', 3);

  // Three vehicles: the header row was not imported as one.
  await expect(grid(page)).toHaveAttribute('data-total', '3');
  await expect(grid(page).getByRole('columnheader', { name: 'Unit number', exact: true })).toBeVisible();
  await expect(dataRows(page).filter({ hasText: PETERBILT_388 })).toContainText('M-AB 101');
  await expect(dataRows(page).filter({ hasText: KENWORTH_W9 })).toContainText('Süd');

  // Every word must match, each anywhere: make and department, make and model.
  const search = page.getByRole('searchbox', { name: 'Search' });
  await search.fill('peterbilt nord');
  await expect(dataRows(page)).toHaveCount(2);
  await search.fill('peterbilt 379');
  await expect(dataRows(page)).toHaveCount(1);
  await expect(dataRows(page).first()).toContainText(PETERBILT_379_2000);
  await search.fill('E-2 süd');
  await expect(dataRows(page)).toHaveCount(1);
  await expect(dataRows(page).first()).toContainText(KENWORTH_W9);

  // The same headers again: the confirmed mapping is remembered, so the import starts at once.
  await search.fill('');
  await dropFiles(page, [textFile('fuhrpark-2.csv', `Einheit;Fahrgestellnummer;Kennzeichen;Abteilung\r\nE-9;${VOLVO_VNL};M-AB 109;Ost\r\n`)]);
  await importFinished(page, 'fuhrpark-2.csv', 1);
  await expect(dataRows(page).filter({ hasText: VOLVO_VNL })).toContainText('E-9');
});

test('two files naming the unit column differently fill one sortable Unit number column', async ({ app }) => {
  const { page } = app;
  await dropFiles(page, [textFile('a.csv', `Unit,VIN\nB-20,${PETERBILT_388}\nA-10,${KENWORTH_W9}\n`)]);
  await page.getByRole('dialog', { name: 'Import a.csv' }).getByRole('button', { name: 'Import' }).click();
  await importFinished(page, 'a.csv', 2);
  await dropFiles(page, [textFile('b.csv', `unit_number;VIN\nC-30;${VOLVO_VNL}\n`)]);
  await page.getByRole('dialog', { name: 'Import b.csv' }).getByRole('button', { name: 'Import' }).click();
  await importFinished(page, 'b.csv', 1);

  await expect(grid(page)).toHaveAttribute('data-total', '3');
  // One column for both names; no "Unit" or "unit_number" custom columns.
  await expect(grid(page).getByRole('columnheader', { name: 'Unit', exact: true })).toHaveCount(0);
  await expect(grid(page).getByRole('columnheader', { name: 'unit_number', exact: true })).toHaveCount(0);
  const unit = grid(page).getByRole('columnheader', { name: 'Unit number', exact: true });
  await unit.getByRole('button').click();
  await expect(unit).toHaveAttribute('aria-sort', 'ascending');
  await expect(dataRows(page).nth(0)).toContainText('A-10');
  await expect(dataRows(page).nth(1)).toContainText('B-20');
  await expect(dataRows(page).nth(2)).toContainText('C-30');
  await unit.getByRole('button').click();
  await expect(dataRows(page).nth(0)).toContainText('C-30');
});

test('an .xlsx file is imported with its dates and numbers, and the fleet exported as .xlsx reads back', async ({ app }) => {
  const { page } = app;
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Fleet');
  sheet.addRow(['Unit #', 'VIN', 'Odometer', 'In service']);
  sheet.addRow(['T-1', PETERBILT_379_1999, 250_000, new Date(Date.UTC(2020, 4, 17))]);
  sheet.addRow(['T-2', VOLVO_VNL, 12_345, new Date(Date.UTC(2022, 0, 3))]);
  const bytes = Buffer.from(await book.xlsx.writeBuffer());
  await dropFiles(page, [{ name: 'fleet.xlsx', bytes: [...bytes] }]);
  const dialog = page.getByRole('dialog', { name: 'Import fleet.xlsx' });
  await expect(dialog.getByLabel('Field for Odometer')).toHaveValue('odometer');
  await dialog.getByRole('button', { name: 'Import' }).click();
  await importFinished(page, 'fleet.xlsx', 2);
  await expect(dataRows(page).filter({ hasText: PETERBILT_379_1999 })).toContainText('2020-05-17');

  const file = await exportAs(page, /Excel workbook/, /Export all/);
  expect(file.endsWith('.xlsx')).toBe(true);
  // read-excel-file: not the library that wrote it.
  const [first] = await readXlsxFile(fs.readFileSync(file));
  const [header, ...rows] = first!.data;
  const col = (name: string): number => header!.indexOf(name);
  const t1 = rows.find((r) => r[col('VIN')] === PETERBILT_379_1999)!;
  expect(t1[col('Unit number')]).toBe('T-1');
  expect(t1[col('Odometer')]).toBe(250_000);
  expect(t1[col('In-service date')]).toEqual(new Date(Date.UTC(2020, 4, 17)));
  expect(t1[col('Year')]).toBe(1999);
  expect(t1[col('Make')]).toBe('PETERBILT');
  expect(rows.length).toBe(2);
});

test('"Export current view" writes the visible columns in order, with the filter and sort; names never overwrite', async ({ app }) => {
  const { page } = app;
  await dropFiles(page, [textFile('fleet.csv', `Unit,VIN,Colour\nU-3,${PETERBILT_388},red\nU-1,${PETERBILT_379_2000},blue\nU-2,${KENWORTH_W9},green\n`)]);
  await page.getByRole('dialog', { name: 'Import fleet.csv' }).getByRole('button', { name: 'Import' }).click();
  await importFinished(page, 'fleet.csv', 3);

  await page.getByRole('searchbox', { name: 'Search' }).fill('peterbilt');
  await expect(dataRows(page)).toHaveCount(2);
  const unit = grid(page).getByRole('columnheader', { name: 'Unit number', exact: true });
  await unit.getByRole('button').click();
  await expect(unit).toHaveAttribute('aria-sort', 'ascending');

  const file = await exportAs(page, /CSV/, /Export current view/);
  const records = parse(fs.readFileSync(file, 'utf8'), { bom: true }) as string[][];
  const headers = await grid(page).getByRole('columnheader').allInnerTexts();
  const visible = headers.map((h) => h.replace(/[▲▼]/g, '').trim()).filter((h) => h !== '');
  expect(records[0]).toEqual(visible);
  expect(records[0]).toContain('Colour');
  expect(records.slice(1).map((r) => r[records[0]!.indexOf('Unit number')])).toEqual(['U-1', 'U-3']);

  // A second export proposes a new name instead of replacing the first file.
  const second = await exportAs(page, /CSV/, /Export current view/);
  expect(second).not.toBe(file);
  expect(second).toMatch(/ \(2\)\.csv$/);
  expect(fs.existsSync(file)).toBe(true);
});
