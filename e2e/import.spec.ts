/**
 * Issue 6 end to end: drop a generated fleet CSV on the window, watch the import's progress, see
 * the counts equal the generator's answer key, the vehicles in the fleet table and the invalid
 * rows in the report.
 */
import type { Page } from '@playwright/test';
import { generateFleetCsv } from '../testing/fleet-generator';
import { expect, saveScreenshot, test } from './fixtures';

/** Drag files over the page and drop them, the way a file manager would (HTML drag-and-drop events). */
async function dropFiles(page: Page, files: readonly { name: string; text: string; type: string }[]): Promise<void> {
  const dataTransfer = await page.evaluateHandle((list) => {
    const transfer = new DataTransfer();
    for (const file of list) transfer.items.add(new File([file.text], file.name, { type: file.type }));
    return transfer;
  }, files);
  await page.dispatchEvent('body', 'dragenter', { dataTransfer });
  await page.dispatchEvent('body', 'dragover', { dataTransfer });
  const target = page.getByRole('region', { name: 'Drop files to import' });
  await expect(target).toBeVisible();
  await expect(target).toContainText('Drop fleet CSV files to import');
  await page.dispatchEvent('body', 'drop', { dataTransfer });
  await expect(target).toBeHidden();
}

test('a dropped fleet CSV is imported with exact counts, its vehicles listed and its invalid rows reported', async ({ app }) => {
  const { page } = app;
  const csv = generateFleetCsv({ seed: 6006, rows: 300, invalidRatio: 0.08, duplicateRatio: 0.06, extraColumns: true });
  const { expected } = csv;
  expect(expected.invalid.length).toBeGreaterThan(5);
  expect(expected.duplicates).toBeGreaterThan(5);

  await expect(page.getByRole('heading', { name: 'Fleet VIN Lookup' })).toBeVisible();
  await dropFiles(page, [{ name: 'fleet.csv', text: csv.text, type: 'text/csv' }]);
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
