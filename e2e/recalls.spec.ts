/**
 * Recalls and the fleet overview, through the window: the details panel's campaigns, the
 * table's Recalls column and filters, and an overview chart filtering the table.
 */
import type { Page } from '@playwright/test';
import { hasParkIt, isFound, isNoData, isNone, vinsForRecallCombos } from '../testing/vpic-simulator/recall-combos';
import { expect, saveScreenshot, test } from './fixtures';

/** One VIN per recall outcome, chosen from what the simulator answers (not hard-coded). */
const PARK = vinsForRecallCombos(1, hasParkIt)[0]!;
const PLAIN = vinsForRecallCombos(1, (c) => isFound(c) && !hasParkIt(c))[0]!;
const NONE = vinsForRecallCombos(1, isNone)[0]!;
const NO_DATA = vinsForRecallCombos(1, isNoData)[0]!;
const FLEET = [PARK, PLAIN, NONE, NO_DATA];

async function lookUp(page: Page, vins: readonly string[]): Promise<void> {
  const input = page.getByRole('textbox', { name: 'VIN', exact: true });
  const result = page.getByRole('region', { name: 'Lookup result' });
  for (const vin of vins) {
    await input.fill(vin);
    await input.press('Enter');
    await expect(result).toContainText(vin);
  }
  await expect(grid(page)).toHaveAttribute('data-total', String(vins.length));
}

const grid = (page: Page) => page.getByRole('grid', { name: 'Fleet' });
const dataRows = (page: Page) => grid(page).locator('[role="rowgroup"]').nth(1).getByRole('row');

test('the details panel lists the model’s campaigns, park-it first, and says they are per model', async ({ app }) => {
  const { page, simulator } = app;
  await lookUp(page, FLEET.map((f) => f.vin));
  await dataRows(page).filter({ hasText: PARK.vin }).click();
  const recalls = page.getByRole('complementary', { name: 'Vehicle details' }).getByRole('region', { name: 'Recalls' });
  await expect(recalls.locator('[data-status]')).toHaveAttribute('data-status', 'found');
  const wire = PARK.combo.answer.kind === 'listed' ? PARK.combo.answer.results : [];
  const campaigns = recalls.locator('[data-campaign]');
  await expect(campaigns).toHaveCount(new Set(wire.map((w) => w.NHTSACampaignNumber)).size);
  await expect(campaigns.first()).toHaveClass(/recall-campaign-urgent/);
  await expect(campaigns.first().locator('.recall-badge').first()).toHaveText(/Park (it|outside)/);
  await expect(recalls).toContainText('not per VIN');
  await expect(recalls).toContainText('Summary');
  await expect(recalls).toContainText('Remedy');

  // A model with no campaigns never reads as "safe".
  await dataRows(page).filter({ hasText: NONE.vin }).click();
  await expect(recalls.locator('[data-status]')).toHaveAttribute('data-status', 'none');
  await expect(recalls).toContainText('not a safety check');
  await dataRows(page).filter({ hasText: NO_DATA.vin }).click();
  await expect(recalls.locator('[data-status]')).toHaveAttribute('data-status', 'no-data');

  await dataRows(page).filter({ hasText: PARK.vin }).click();
  await expect(recalls.locator('[data-status]')).toHaveAttribute('data-status', 'found');
  // Each looked-up vehicle was shown, so each model was asked once; showing it again asked nobody.
  await expect.poll(() => simulator.stats.recallRequests).toBe(FLEET.length);
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await saveScreenshot(page, 'recalls-details-light', app.target);
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await saveScreenshot(page, 'recalls-details-dark', app.target);
  console.log(`[e2e:${app.target}] screenshots: ${light}, ${dark}`);
});

test('the Recalls column sorts and filters, with a "has park-it recalls" filter', async ({ app }) => {
  const { page, simulator } = app;
  await lookUp(page, FLEET.map((f) => f.vin));
  const recallsHeader = grid(page).getByRole('columnheader', { name: 'Recalls', exact: true });
  await expect(recallsHeader).toBeVisible();

  await page.getByRole('button', { name: 'Overview' }).click();
  await page.getByRole('button', { name: 'Check recalls for the fleet' }).click();
  await expect(page.getByRole('button', { name: 'Check recalls for the fleet' })).toBeEnabled();
  // The details panel already asked for the models it showed; the fleet check adds no duplicate.
  await expect.poll(() => simulator.stats.recallRequests).toBe(FLEET.length);
  await expect(dataRows(page).filter({ hasText: PARK.vin })).toContainText('Park it');
  await expect(dataRows(page).filter({ hasText: NONE.vin })).toContainText('No recalls reported');
  await expect(dataRows(page).filter({ hasText: NO_DATA.vin })).toContainText('No data at NHTSA');

  await recallsHeader.getByRole('button').click();
  await recallsHeader.getByRole('button').click();
  await expect(recallsHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(dataRows(page).first()).toContainText(PARK.vin);
  await expect(dataRows(page).nth(1)).toContainText(PLAIN.vin);

  await page.getByRole('checkbox', { name: 'Has park-it recalls' }).check();
  await expect(grid(page)).toHaveAttribute('data-total', '1');
  await expect(dataRows(page).first()).toContainText(PARK.vin);
  await page.getByRole('checkbox', { name: 'Has park-it recalls' }).uncheck();
  await page.getByRole('combobox', { name: 'Filter by recalls' }).selectOption('no-data');
  await expect(grid(page)).toHaveAttribute('data-total', '1');
  await expect(dataRows(page).first()).toContainText(NO_DATA.vin);
});

test('an overview chart filters the table to what its bar counts', async ({ app }) => {
  const { page } = app;
  await lookUp(page, FLEET.map((f) => f.vin));
  await page.getByRole('button', { name: 'Overview' }).click();
  const overview = page.getByRole('region', { name: 'Fleet overview' });
  await expect(overview).toContainText(`${FLEET.length} vehicles`);
  await overview.getByRole('button', { name: 'Check recalls for the fleet' }).click();
  await expect(overview.getByRole('button', { name: 'Check recalls for the fleet' })).toBeEnabled();

  // The recalls chart's first bar is "Park it / park outside": click it on the canvas.
  const recallsChart = overview.getByRole('figure', { name: 'Recalls (listed per model, not per VIN)' });
  await expect(recallsChart.locator('details')).toContainText('Park it / park outside: 1');
  const canvas = recallsChart.locator('canvas');
  const box = (await canvas.boundingBox())!;
  // Six bars stacked top to bottom; the first band is the top sixth of the plot area.
  await canvas.click({ position: { x: box.width * 0.6, y: box.height * 0.08 } });
  await expect(grid(page)).toHaveAttribute('data-total', '1');
  await expect(dataRows(page).first()).toContainText(PARK.vin);
  await expect(page.getByRole('checkbox', { name: 'Has park-it recalls' })).toBeChecked();

  // The model-year histogram through its list of values (the keyboard path).
  const years = overview.getByRole('figure', { name: 'By model year' });
  await years.locator('summary').click();
  await years.getByRole('button', { name: `${NONE.combo.modelYear}: 1` }).click();
  await expect(grid(page)).toHaveAttribute('data-total', '1');
  await expect(dataRows(page).first()).toContainText(NONE.vin);

  await page.emulateMedia({ colorScheme: 'light' });
  const light = await saveScreenshot(page, 'overview-light', app.target);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(overview).toBeVisible();
  const dark = await saveScreenshot(page, 'overview-dark', app.target);
  console.log(`[e2e:${app.target}] screenshots: ${light}, ${dark}`);
});
