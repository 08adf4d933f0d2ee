/**
 * The fleet table as a grid users know: layout remembered across a reload, a frozen VIN column,
 * multi-column sort, per-column filters, copy as TSV, the context menu, safe deletes with undo,
 * and keyboard moves into rows not loaded yet.
 */
import type { Locator, Page } from '@playwright/test';
import { generateVins } from '../testing/fleet-generator';
import { expect, test } from './fixtures';

const BRIEF_VINS = ['1XPWD40X1ED215307', '1XKWDB0X57J211825', '1XP5DB9X7YN526158', '4V4NC9EJXEN171694', '1XP5DB9X7XD487964'];

function grid(page: Page): Locator {
  return page.getByRole('grid', { name: 'Fleet' });
}

function dataRows(page: Page): Locator {
  return grid(page).locator('[role="rowgroup"]').nth(1).getByRole('row');
}

function header(page: Page, name: string): Locator {
  return grid(page).getByRole('columnheader', { name, exact: true });
}

/** Decode VINs in one batch through the contract (the lookup form is covered by its own spec). */
async function seed(page: Page, vins: readonly string[]): Promise<void> {
  const result = await page.evaluate(async (list) => window.fleet.vehiclesLookupMany({ vins: list }), [...vins]);
  expect(result.ok).toBe(true);
  await expect(grid(page)).toHaveAttribute('data-total', String(vins.length));
}

async function headerNames(page: Page): Promise<string[]> {
  return (await grid(page).getByRole('columnheader').allTextContents()).map((t) => t.replace(/[▲▼\d]/g, '').trim());
}

/** Record what the next copy puts on the clipboard (read in the copy event, after the app set it). */
async function captureCopies(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.addEventListener('copy', (event) => {
      (window as unknown as { copied: string[] }).copied.push(event.clipboardData?.getData('text/plain') ?? '');
    });
    (window as unknown as { copied: string[] }).copied = [];
  });
}

async function lastCopy(page: Page): Promise<string> {
  await expect.poll(() => page.evaluate(() => (window as unknown as { copied: string[] }).copied.length)).toBeGreaterThan(0);
  return page.evaluate(() => (window as unknown as { copied: string[] }).copied.at(-1) ?? '');
}

test('column widths, order and sort are remembered after a reload', async ({ app }) => {
  const { page } = app;
  await seed(page, BRIEF_VINS);
  const makeBefore = (await header(page, 'Make').boundingBox())!;

  // Resize: drag the Make header's right edge 90 px to the right.
  const edge = (await header(page, 'Make').locator('.col-resizer').boundingBox())!;
  await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2);
  await page.mouse.down();
  await page.mouse.move(edge.x + edge.width / 2 + 45, edge.y + edge.height / 2, { steps: 3 });
  await page.mouse.move(edge.x + edge.width / 2 + 90, edge.y + edge.height / 2, { steps: 3 });
  await page.mouse.up();
  await expect.poll(async () => Math.round((await header(page, 'Make').boundingBox())!.width)).toBe(Math.round(makeBefore.width + 90));

  // Reorder: drag Body class onto Make (it takes Make's place).
  expect(await headerNames(page)).toEqual(['VIN', 'Make', 'Model', 'Year', 'Body class', 'Unit number', 'Plate', 'Plate state/region', 'Department', 'Driver', 'Odometer', 'In-service date', 'Notes', 'Source', 'Decoded', 'Recalls']);
  await header(page, 'Body class').dragTo(header(page, 'Make'));
  await expect.poll(() => headerNames(page)).toEqual(['VIN', 'Body class', 'Make', 'Model', 'Year', 'Unit number', 'Plate', 'Plate state/region', 'Department', 'Driver', 'Odometer', 'In-service date', 'Notes', 'Source', 'Decoded', 'Recalls']);

  // Sort by year, then Shift-click make: two keys.
  await header(page, 'Year').getByRole('button').click();
  await header(page, 'Make').getByRole('button').click({ modifiers: ['Shift'] });
  await expect(header(page, 'Year')).toHaveAttribute('aria-sort', 'ascending');
  await expect(header(page, 'Make')).toHaveAttribute('aria-sort', 'ascending');

  await page.reload();
  await expect(grid(page)).toHaveAttribute('data-total', '5');
  expect(await headerNames(page)).toEqual(['VIN', 'Body class', 'Make', 'Model', 'Year', 'Unit number', 'Plate', 'Plate state/region', 'Department', 'Driver', 'Odometer', 'In-service date', 'Notes', 'Source', 'Decoded', 'Recalls']);
  expect(Math.round((await header(page, 'Make').boundingBox())!.width)).toBe(Math.round(makeBefore.width + 90));
  await expect(header(page, 'Year')).toHaveAttribute('aria-sort', 'ascending');
  await expect(header(page, 'Make')).toHaveAttribute('aria-sort', 'ascending');
  await expect(dataRows(page).first()).toContainText('1999');

  // Double-click the edge: the column fits its widest cell (narrower than the dragged width).
  await header(page, 'Make').locator('.col-resizer').dblclick();
  await expect.poll(async () => (await header(page, 'Make').boundingBox())!.width).toBeLessThan(makeBefore.width + 60);
});

test('Shift-click sorts by several columns (the second key orders ties of the first)', async ({ app }) => {
  const { page } = app;
  await seed(page, BRIEF_VINS);
  await header(page, 'Make').getByRole('button').click();
  await header(page, 'Year').getByRole('button').click({ modifiers: ['Shift'] });
  await header(page, 'Year').getByRole('button').click({ modifiers: ['Shift'] });
  await expect(header(page, 'Year')).toHaveAttribute('aria-sort', 'descending');
  await expect(header(page, 'Make')).toHaveAttribute('aria-sort', 'ascending');
  const years = await dataRows(page).locator('[data-column-id="modelYear"]').allTextContents();
  const makes = await dataRows(page).locator('[data-column-id="make"]').allTextContents();
  expect(makes).toEqual([...makes].sort());
  const peterbilt = years.filter((_, i) => makes[i] === 'PETERBILT').map(Number);
  expect(peterbilt.length).toBe(3);
  expect(peterbilt).toEqual([...peterbilt].sort((a, b) => b - a));
});

test('the VIN column stays frozen on the left while the grid scrolls right', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 1024, height: 640 });
  await seed(page, BRIEF_VINS);
  const box = (await grid(page).boundingBox())!;
  const scrollable = await grid(page).evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(scrollable).toBeGreaterThan(100);
  await grid(page).evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
  const vinCell = dataRows(page).first().locator('[data-column-id="vin"]');
  await expect.poll(async () => Math.round((await vinCell.boundingBox())!.x - box.x)).toBeLessThanOrEqual(1);
  expect((await header(page, 'VIN').boundingBox())!.x - box.x).toBeLessThanOrEqual(1);
  // A column that was beside VIN has moved out of sight to the left.
  expect((await header(page, 'Make').boundingBox())!.x).toBeLessThan(box.x);
  await expect(vinCell).toBeVisible();
});

test('each column has its own filter: contains, value list and range', async ({ app }) => {
  const { page } = app;
  await seed(page, BRIEF_VINS);
  await grid(page).getByRole('searchbox', { name: 'Filter VIN' }).fill('d40x1');
  await expect(dataRows(page)).toHaveCount(1);
  await expect(dataRows(page).first()).toContainText('1XPWD40X1ED215307');
  await grid(page).getByRole('searchbox', { name: 'Filter VIN' }).fill('');
  await expect(dataRows(page)).toHaveCount(5);

  await grid(page).getByLabel('Filter by make').selectOption('PETERBILT');
  await expect(dataRows(page)).toHaveCount(3);
  await grid(page).getByLabel('Year from').fill('2001');
  await grid(page).getByLabel('Year to').fill('2014');
  await expect(dataRows(page)).toHaveCount(1);
  await expect(dataRows(page).first()).toContainText('2014');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(dataRows(page)).toHaveCount(5);

  const bodyClass = grid(page).getByLabel('Filter by body class');
  const classes = (await bodyClass.locator('option').allTextContents()).slice(1);
  expect(classes.length).toBeGreaterThan(0);
  await bodyClass.selectOption(classes[0]!);
  const cells = await dataRows(page).locator('[data-column-id="bodyClass"]').allTextContents();
  expect(cells.length).toBeGreaterThan(0);
  expect(cells.every((c) => c === classes[0])).toBe(true);
  await grid(page).getByRole('searchbox', { name: 'Filter Model' }).fill('zzzz');
  // The empty state is outside the scrolling grid, so it stays in sight.
  await expect(page.getByText('No vehicles match these filters.')).toBeVisible();
});

test('Ctrl/Cmd+C copies the selected rows as TSV with a header row; the context menu copies and removes', async ({ app }) => {
  const { page } = app;
  await seed(page, BRIEF_VINS);
  await captureCopies(page);
  const row = (vin: string) => dataRows(page).filter({ hasText: vin });
  await row('4V4NC9EJXEN171694').click();
  await row('1XKWDB0X57J211825').click({ modifiers: ['ControlOrMeta'] });
  await page.keyboard.press('ControlOrMeta+c');
  const tsv = await lastCopy(page);
  const lines = tsv.trimEnd().split('\r\n');
  expect(lines[0]).toBe(['VIN', 'Make', 'Model', 'Year', 'Body class', 'Unit number', 'Plate', 'Plate state/region', 'Department', 'Driver', 'Odometer', 'In-service date', 'Notes', 'Source', 'Decoded', 'Recalls'].join('\t'));
  expect(lines).toHaveLength(3);
  expect(lines.map((l) => l.split('\t')[0]).slice(1).sort()).toEqual(['1XKWDB0X57J211825', '4V4NC9EJXEN171694']);
  expect(lines.find((l) => l.startsWith('4V4NC9EJXEN171694'))!.split('\t')[1]).toBe('VOLVO TRUCK');

  await row('1XP5DB9X7YN526158').click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'Row actions' });
  await expect(menu.getByRole('menuitem')).toHaveText(['Copy VIN', 'Copy rows', 'Look up again', 'Remove…']);
  await menu.getByRole('menuitem', { name: 'Copy VIN' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { copied: string[] }).copied.at(-1))).toBe('1XP5DB9X7YN526158');

  await row('1XP5DB9X7YN526158').click({ button: 'right' });
  await menu.getByRole('menuitem', { name: 'Remove…' }).click();
  await expect(grid(page)).toHaveAttribute('data-total', '4');
  await expect(row('1XP5DB9X7YN526158')).toHaveCount(0);
});

test('deleting everything asks first and says how many; Ctrl/Cmd+Z brings the vehicles back', async ({ app }) => {
  const { page } = app;
  await seed(page, BRIEF_VINS);
  await grid(page).focus();
  await page.keyboard.press('ControlOrMeta+a');
  await expect(page.getByRole('button', { name: 'Delete (all 5)' })).toBeVisible();
  await page.keyboard.press('Delete');
  const dialog = page.getByRole('dialog', { name: 'Delete all 5 vehicles in the fleet?' });
  await expect(dialog).toBeVisible();
  // Enter right after the slip keeps the vehicles: Cancel has focus.
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(grid(page)).toHaveAttribute('data-total', '5');

  await page.getByRole('button', { name: 'Delete (all 5)' }).click();
  await dialog.getByRole('button', { name: 'Delete 5' }).click();
  await expect(grid(page)).toHaveAttribute('data-total', '0');
  await expect(page.getByText('No vehicles yet.')).toBeVisible();

  await page.getByRole('heading', { name: 'Fleet VIN Lookup' }).click();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(grid(page)).toHaveAttribute('data-total', '5');
  await expect(page.getByRole('status', { name: 'Removed vehicles' })).toBeHidden();
});

test('a filtered view never counts vehicles it hides, and a lookup there selects nothing', async ({ app }) => {
  const { page } = app;
  await seed(page, BRIEF_VINS.slice(0, 4));
  await grid(page).getByLabel('Filter by make').selectOption('PETERBILT');
  await expect(dataRows(page)).toHaveCount(2);
  const input = page.getByRole('textbox', { name: 'VIN', exact: true });
  await input.fill(BRIEF_VINS[3]!); // a Volvo: outside the Peterbilt view
  await input.press('Enter');
  await expect(page.getByRole('region', { name: 'Lookup result' })).toContainText(BRIEF_VINS[3]!);
  await expect(page.getByRole('button', { name: /^Delete/ })).toHaveText('Delete');
  await expect(page.getByRole('button', { name: /^Delete/ })).toBeDisabled();
  await grid(page).focus();
  await page.keyboard.press('ControlOrMeta+a');
  await expect(page.getByRole('button', { name: /^Delete/ })).toHaveText('Delete (all 2)');
  await page.keyboard.press('Delete');
  await expect(page.getByRole('dialog', { name: 'Delete all 2 vehicles matching the filters?' })).toBeVisible();
});

test('Home, End, PageUp and PageDown move the selection, also into rows not loaded yet', async ({ app }) => {
  const { page } = app;
  const vins = generateVins(7, 450, { unique: true });
  await seed(page, vins);
  await dataRows(page).first().click();
  const selectedIndex = async (): Promise<number> =>
    Number(await grid(page).locator('[role="row"][aria-selected="true"]').getAttribute('aria-rowindex')) - 3;
  await page.keyboard.press('End');
  await expect(grid(page).locator('[role="row"][aria-selected="true"][data-vehicle-id]')).toHaveAttribute('aria-rowindex', String(450 + 2));
  await page.keyboard.press('Home');
  await expect.poll(selectedIndex).toBe(0);
  await page.keyboard.press('PageDown');
  const afterPage = await selectedIndex();
  expect(afterPage).toBeGreaterThan(5);
  await page.keyboard.press('PageUp');
  await expect.poll(selectedIndex).toBe(0);
});

test('a filter, sort and column layout saved under a name come back from the list after a reload', async ({ app }) => {
  const { page } = app;
  await seed(page, BRIEF_VINS);
  await grid(page).getByLabel('Filter by make').selectOption('PETERBILT');
  await header(page, 'Year').getByRole('button').click();
  await header(page, 'Year').getByRole('button').click();
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('group', { name: 'Visible columns' }).getByLabel('Source').uncheck();
  await page.keyboard.press('Escape');
  await expect(header(page, 'Source')).toHaveCount(0);

  await page.getByRole('button', { name: 'Views' }).click();
  const views = page.getByRole('group', { name: 'Saved views' });
  await views.getByRole('textbox', { name: 'View name' }).fill('Peterbilts, newest first');
  await views.getByRole('button', { name: 'Save current view' }).click();
  await expect(views.getByRole('button', { name: 'Peterbilts, newest first', exact: true })).toBeVisible();

  // Back to everything, then reload: the view is still in the list and brings it all back.
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('group', { name: 'Visible columns' }).getByLabel('Source').check();
  await page.keyboard.press('Escape');
  await header(page, 'VIN').getByRole('button').click();
  await page.reload();
  await expect(grid(page)).toHaveAttribute('data-total', '5');
  await expect(header(page, 'Source')).toHaveCount(1);

  await page.getByRole('button', { name: 'Views' }).click();
  await page.getByRole('group', { name: 'Saved views' }).getByRole('button', { name: 'Peterbilts, newest first', exact: true }).click();
  await expect(dataRows(page)).toHaveCount(3);
  await expect(grid(page).getByLabel('Filter by make')).toHaveValue('PETERBILT');
  await expect(header(page, 'Year')).toHaveAttribute('aria-sort', 'descending');
  await expect(header(page, 'VIN')).toHaveAttribute('aria-sort', 'none');
  await expect(header(page, 'Source')).toHaveCount(0);
  await expect(dataRows(page).first()).toContainText('2014');
});
