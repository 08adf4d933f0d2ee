/**
 * Saving the fleet from the window: VINs looked up through the page, then the Export panel saves
 * the fleet as Parquet and as CSV. The test host answers the save dialog with a path in
 * `<dataDir>/exports`; the files are read back with readers the app does not use for writing
 * (hyparquet, csv-parse) and every row's VIN, make and model checked against the known facts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { BRIEF_VINS } from '../testing/wmi-catalog';
import { expect, test, type RunningApp } from './fixtures';

interface SavedRow {
  readonly vin: string;
  readonly make: string | null;
  readonly model: string | null;
}

const EXPECTED: SavedRow[] = BRIEF_VINS.map(({ vin, make, model }) => ({ vin, make, model })).sort((a, b) => a.vin.localeCompare(b.vin));

function byVin(rows: readonly SavedRow[]): SavedRow[] {
  return [...rows].sort((a, b) => a.vin.localeCompare(b.vin));
}

async function lookUp(app: RunningApp, vin: string): Promise<void> {
  const box = app.page.getByRole('textbox', { name: 'VIN', exact: true });
  await box.fill(vin);
  await box.press('Enter');
  await expect(app.page.getByRole('region', { name: 'Lookup result' })).toContainText(vin);
}

/** Save the whole fleet in `format` through the Export panel; returns the saved file's path. */
async function saveFleet(app: RunningApp, format: RegExp): Promise<string> {
  const { page } = app;
  await page.getByRole('button', { name: 'Export…' }).click();
  const panel = page.getByRole('dialog', { name: 'Export the fleet' });
  await panel.getByRole('radio', { name: /^Export all/ }).check();
  await panel.getByRole('radio', { name: format }).check();
  await panel.getByRole('button', { name: 'Save as…' }).click();
  const done = page.getByText(/^Exported \d[\d,]* vehicles? to /);
  await expect(done).toBeVisible();
  const text = (await done.textContent()) ?? '';
  const file = text.replace(/^Exported \d[\d,]* vehicles? to /, '').trim();
  // The host's "dialog" saves into the data folder's exports/ (what the README tells a tester).
  expect(path.dirname(file)).toBe(path.join(app.dataDir, 'exports'));
  expect(fs.existsSync(file)).toBe(true);
  return file;
}

/** The cell of `record` under the header named `name`, whatever its case. */
function cell(record: Record<string, string>, name: string): string | null {
  const key = Object.keys(record).find((k) => k.trim().toLowerCase() === name);
  if (key === undefined) throw new Error(`The CSV has no "${name}" column; it has ${Object.keys(record).join(', ')}.`);
  const value = record[key]!;
  return value === '' ? null : value;
}

test('the fleet saved as Parquet and as CSV reads back row for row with other readers', async ({ app }) => {
  test.skip(app.target === 'electron', 'The native save dialog cannot be answered from a test; the web target covers the same core.');
  for (const { vin } of BRIEF_VINS) await lookUp(app, vin);
  await expect(app.page.getByRole('grid', { name: 'Fleet' }).getByRole('row').filter({ hasText: BRIEF_VINS[0]!.vin })).toHaveCount(1);

  const parquetFile = await saveFleet(app, /^Parquet/);
  expect(path.extname(parquetFile)).toBe('.parquet');
  const parquetRows = (await parquetReadObjects({ file: await asyncBufferFromFile(parquetFile) })) as Record<string, unknown>[];
  expect(parquetRows).toHaveLength(BRIEF_VINS.length);
  expect(byVin(parquetRows.map((r) => ({ vin: String(r.vin), make: r.make as string | null, model: r.model as string | null })))).toEqual(EXPECTED);

  const csvFile = await saveFleet(app, /^CSV/);
  expect(path.extname(csvFile)).toBe('.csv');
  const records = parse(fs.readFileSync(csvFile), { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
  expect(records).toHaveLength(BRIEF_VINS.length);
  expect(byVin(records.map((r) => ({ vin: cell(r, 'vin') ?? '', make: cell(r, 'make'), model: cell(r, 'model') })))).toEqual(EXPECTED);
});
