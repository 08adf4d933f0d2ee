/**
 * The fleet table: rows from lookups, sort, search, filters, multi-select, details, delete + undo.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const BRIEF_VINS = ['1XPWD40X1ED215307', '1XKWDB0X57J211825', '1XP5DB9X7YN526158', '4V4NC9EJXEN171694', '1XP5DB9X7XD487964'];

async function lookUp(page: Page, vins: readonly string[]): Promise<void> {
  const input = page.getByRole('textbox', { name: 'VIN', exact: true });
  const result = page.getByRole('region', { name: 'Lookup result' });
  for (const vin of vins) {
    await input.fill(vin);
    await input.press('Enter');
    await expect(result).toContainText(vin);
  }
  await expect(page.getByRole('grid', { name: 'Fleet' })).toHaveAttribute('data-total', String(vins.length));
}

function dataRows(page: Page) {
  return page.getByRole('grid', { name: 'Fleet' }).locator('[role="rowgroup"]').nth(1).getByRole('row');
}

test('sort by clicking a header, and search by make', async ({ app }) => {
  const { page } = app;
  await lookUp(page, BRIEF_VINS);
  const grid = page.getByRole('grid', { name: 'Fleet' });
  for (const name of ['VIN', 'Make', 'Model', 'Year', 'Body class', 'Source', 'Decoded']) {
    await expect(grid.getByRole('columnheader', { name, exact: true })).toBeVisible();
  }
  await expect(dataRows(page)).toHaveCount(5);

  const make = grid.getByRole('columnheader', { name: 'Make', exact: true });
  await make.getByRole('button').click();
  await expect(make).toHaveAttribute('aria-sort', 'ascending');
  await expect(dataRows(page).first()).toContainText('KENWORTH');
  await make.getByRole('button').click();
  await expect(make).toHaveAttribute('aria-sort', 'descending');
  await expect(dataRows(page).first()).toContainText('VOLVO');

  const year = grid.getByRole('columnheader', { name: 'Year', exact: true });
  await year.getByRole('button').click();
  await expect(year).toHaveAttribute('aria-sort', 'ascending');
  await expect(make).toHaveAttribute('aria-sort', 'none');
  await expect(dataRows(page).first()).toContainText('1999');

  await page.getByRole('searchbox', { name: 'Search' }).fill('kenworth');
  await expect(dataRows(page)).toHaveCount(1);
  await expect(dataRows(page).first()).toContainText('1XKWDB0X57J211825');
  await page.getByRole('searchbox', { name: 'Search' }).fill('D40X1');
  await expect(dataRows(page)).toHaveCount(1);
  await expect(dataRows(page).first()).toContainText('1XPWD40X1ED215307');

  await page.getByRole('searchbox', { name: 'Search' }).fill('');
  await page.getByLabel('Filter by make').selectOption('PETERBILT');
  await expect(dataRows(page)).toHaveCount(3);
  await page.getByLabel('Year from').fill('2010');
  await expect(dataRows(page)).toHaveCount(1);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(dataRows(page)).toHaveCount(5);
});

test('selecting a row opens its details; multi-select, delete and undo', async ({ app }) => {
  const { page } = app;
  await lookUp(page, BRIEF_VINS);
  const grid = page.getByRole('grid', { name: 'Fleet' });
  const row = (vin: string) => grid.getByRole('row').filter({ hasText: vin });

  await row('4V4NC9EJXEN171694').click();
  const details = page.getByRole('complementary', { name: 'Vehicle details' });
  await expect(details).toContainText('4V4NC9EJXEN171694');
  await expect(details).toContainText('VOLVO');
  await expect(details.getByRole('heading', { name: 'Vehicle', exact: true })).toBeVisible();
  await expect(details.getByRole('heading', { name: 'Plant' })).toBeVisible();
  await details.getByText('Raw vPIC record').click();
  await expect(details.locator('pre')).toContainText('"VIN": "4V4NC9EJXEN171694"');
  await expect(details.getByRole('button', { name: 'Copy VIN' })).toBeVisible();

  // Ctrl-click adds a second row; the Delete key removes both in one action.
  await row('1XKWDB0X57J211825').click({ modifiers: ['ControlOrMeta'] });
  await expect(grid.locator('[role="row"][aria-selected="true"]')).toHaveCount(2);
  await expect(page.getByRole('button', { name: 'Delete (2)' })).toBeEnabled();
  await page.keyboard.press('Delete');
  const toast = page.getByRole('status', { name: 'Removed vehicles' });
  await expect(toast).toContainText('Removed 2 vehicles');
  await expect(dataRows(page)).toHaveCount(3);
  await expect(row('4V4NC9EJXEN171694')).toHaveCount(0);
  await expect(page.getByRole('status', { name: 'Status' })).toContainText('3 vehicles');

  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(toast).toHaveCount(0);
  await expect(dataRows(page)).toHaveCount(5);
  await expect(row('4V4NC9EJXEN171694')).toContainText('VOLVO');
  await expect(page.getByRole('status', { name: 'Status' })).toContainText('5 vehicles');

  // Shift-click selects a range; Ctrl+A in the table selects every row, but not in a text field.
  await dataRows(page).nth(0).click();
  await dataRows(page).nth(2).click({ modifiers: ['Shift'] });
  await expect(grid.locator('[role="row"][aria-selected="true"]')).toHaveCount(3);
  const vinField = page.getByRole('textbox', { name: 'VIN', exact: true });
  await vinField.fill('1XP');
  await vinField.press('ControlOrMeta+a');
  await expect(grid.locator('[role="row"][aria-selected="true"]')).toHaveCount(3);
  expect(await vinField.evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd])).toEqual([0, 3]);
  await grid.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await expect(page.getByRole('button', { name: 'Delete (all 5)' })).toBeEnabled();
  await expect(grid.locator('[role="row"][aria-selected="true"]')).toHaveCount(5);
});

test('shortcuts reach the lookup and search; columns can be hidden', async ({ app }) => {
  const { page } = app;
  await page.keyboard.press('ControlOrMeta+l');
  await expect(page.getByRole('textbox', { name: 'VIN', exact: true })).toBeFocused();
  await page.keyboard.press('ControlOrMeta+f');
  await expect(page.getByRole('searchbox', { name: 'Search' })).toBeFocused();
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('checkbox', { name: 'Body class' }).uncheck();
  await expect(page.getByRole('columnheader', { name: 'Body class' })).toHaveCount(0);
});
