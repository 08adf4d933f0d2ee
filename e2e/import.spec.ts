/**
 * Import end to end: a generated fleet CSV taken in, the import's progress, the counts equal to
 * the generator's answer key, the vehicles in the fleet table and the invalid rows in the report.
 *
 * Files are real files on disk, picked through the window's file input: in Electron the preload
 * resolves their paths (webUtils) and registers them with main, on the web target the test
 * bridge uploads them; either way the page only ever holds grants. A File built by page script
 * has no path in Electron, so a synthetic drop cannot import there; the drop overlay is checked
 * with a drag that is then abandoned.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import iconv from 'iconv-lite';
import { generateFleetCsv } from '../testing/fleet-generator';
import { expect, saveScreenshot, test } from './fixtures';

/** Write files to a fresh folder and pick them with the Import… button's file input. */
async function chooseFiles(page: Page, files: readonly { name: string; bytes: Buffer }[]): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-e2e-files-'));
  const paths = files.map((file) => {
    const target = path.join(dir, file.name);
    fs.writeFileSync(target, file.bytes);
    return target;
  });
  await page.getByLabel('Fleet files to import').setInputFiles(paths);
}

/** Drag files over the page: the drop overlay appears and goes when the drag leaves. */
async function dragOverAndLeave(page: Page): Promise<void> {
  const dataTransfer = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(['VIN\n'], 'fleet.csv', { type: 'text/csv' }));
    return transfer;
  });
  await page.dispatchEvent('body', 'dragenter', { dataTransfer });
  await page.dispatchEvent('body', 'dragover', { dataTransfer });
  const target = page.getByRole('region', { name: 'Drop files to import' });
  await expect(target).toBeVisible();
  await expect(target).toContainText('Drop fleet CSV files to import');
  await page.dispatchEvent('body', 'dragleave', { dataTransfer });
  await expect(target).toBeHidden();
}

test('a chosen fleet CSV is imported with exact counts, its vehicles listed and its invalid rows reported', async ({ app }) => {
  const { page } = app;
  const csv = generateFleetCsv({ seed: 6006, rows: 300, invalidRatio: 0.08, duplicateRatio: 0.06, extraColumns: true });
  const { expected } = csv;
  expect(expected.invalid.length).toBeGreaterThan(5);
  expect(expected.duplicates).toBeGreaterThan(5);

  await expect(page.getByRole('heading', { name: 'Fleet VIN Lookup' })).toBeVisible();
  await dragOverAndLeave(page);
  await chooseFiles(page, [{ name: 'fleet.csv', bytes: Buffer.from(csv.text, 'utf8') }]);
  // The proposed column mapping (unit number, plate, department) is shown once; confirm it.
  await page.getByRole('dialog', { name: 'Import fleet.csv' }).getByRole('button', { name: 'Import' }).click();

  const bar = page.getByRole('progressbar', { name: 'Import progress fleet.csv' });
  await expect(bar).toBeVisible();
  await expect(bar).toHaveAttribute('aria-valuenow', '100', { timeout: 30_000 });

  const card = page.getByRole('region', { name: 'Import of fleet.csv' });
  const added = expected.validUnique.length;
  await expect(card.getByRole('status')).toHaveText(
    `Imported: ${added} added, 0 updated, ${expected.duplicates} duplicates, ${expected.invalid.length} invalid, 0 failed (${expected.total} rows)`,
  );
  expect(added + expected.duplicates + expected.invalid.length).toBe(expected.total);

  // The fleet table (refreshed by vehicles:changed) shows the imported vehicles.
  const grid = page.getByRole('grid', { name: 'Fleet' });
  const imported = new Set(expected.validUnique);
  await expect
    .poll(async () => {
      const rows = await grid.getByRole('row').allInnerTexts();
      return rows.filter((text) => [...imported].some((vin) => text.includes(vin))).length;
    })
    .toBeGreaterThan(5);

  const shot = await saveScreenshot(page, 'import', app.target);
  console.log(`[e2e:${app.target}] screenshot saved: ${shot}`);

  // The report lists every invalid row: its number and the value as written.
  await card.getByRole('button', { name: 'View report' }).click();
  const report = page.getByRole('dialog', { name: 'Rejected rows of fleet.csv' });
  await expect(report).toBeVisible();
  await expect(report.getByText(`Rows 1–${expected.invalid.length} of ${expected.invalid.length}`)).toBeVisible();
  const bodyRows = report.locator('tbody tr');
  await expect(bodyRows).toHaveCount(expected.invalid.length);
  const cells = await bodyRows.evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '')));
  expect(cells.map(([row, value]) => ({ row: Number(row), value }))).toEqual(
    expected.invalid.map((invalid) => ({ row: invalid.row, value: invalid.value === '' ? '(empty)' : invalid.value })),
  );
  expect(cells.every((row) => (row[2] ?? '').trim().length > 0)).toBe(true);
  await saveScreenshot(page, 'import-report', app.target);
  await report.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(report).toBeHidden();

  // The history lists the finished job with its counts.
  await page.getByRole('button', { name: 'Import history' }).click();
  const history = page.getByRole('list', { name: 'Import history' });
  await expect(history.getByRole('listitem', { name: 'fleet.csv, Done' })).toContainText(`${expected.total} rows: ${added} added`);
});

test('a Windows-1252 file from Excel previews as Windows-1252 and imports Müller as Müller', async ({ app }) => {
  const { page } = app;
  // Two VIN-like columns: the importer asks which one, showing the preview.
  const text = 'chassis;previous;driver\r\n2NPPHDF76SJ721751;3HS9Z8V67D4125709;Müller\r\n3VVYLXU11H5340073;5YJG7KTV7R6545124;José Núñez\r\n';
  await chooseFiles(page, [{ name: 'excel.csv', bytes: iconv.encode(text, 'windows-1252') }]);
  const dialog = page.getByRole('dialog', { name: 'Import excel.csv' });
  await expect(dialog).toContainText('Windows-1252 text');
  const table = dialog.getByRole('table', { name: 'Preview of excel.csv' });
  await expect(table.getByRole('cell', { name: 'Müller' })).toBeVisible();
  await expect(table.getByRole('cell', { name: 'José Núñez' })).toBeVisible();
  await dialog.getByLabel('VIN column').selectOption('chassis');
  await dialog.getByRole('button', { name: 'Import' }).click();
  const card = page.getByRole('region', { name: 'Import of excel.csv' });
  await expect(card.getByRole('status')).toHaveText('Imported: 2 added, 0 updated, 0 duplicates, 0 invalid, 0 failed (2 rows)', { timeout: 30_000 });
});
