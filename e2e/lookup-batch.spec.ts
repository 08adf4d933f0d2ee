/**
 * Lookup as users work: several VINs pasted at once become one batch, a slow lookup is cancelled
 * with Escape, an old answer never sits beside a new error, and the table never moves.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const BRIEF_VINS = ['1XPWD40X1ED215307', '1XKWDB0X57J211825', '1XP5DB9X7YN526158', '4V4NC9EJXEN171694', '1XP5DB9X7XD487964'];

/** Paste text into the focused element the way the browser does (a paste event with the text). */
async function paste(page: Page, text: string): Promise<void> {
  await page.evaluate((value) => {
    const data = new DataTransfer();
    data.setData('text/plain', value);
    const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
    if (document.activeElement?.dispatchEvent(event) !== false) document.execCommand('insertText', false, value);
  }, text);
}

test('several VINs pasted at once (lines, commas, tabs, spaces) are decoded as one batch', async ({ app }) => {
  const { page, simulator } = app;
  const input = page.getByRole('textbox', { name: 'VIN', exact: true });
  await input.click();
  await paste(page, `${BRIEF_VINS[0]}\r\n${BRIEF_VINS[1]}, ${BRIEF_VINS[2]}\t${BRIEF_VINS[3]} ${BRIEF_VINS[4]}\n1XPWD40X1ED21530`);
  await expect(input).toHaveValue([...BRIEF_VINS, '1XPWD40X1ED21530'].join(', '));
  await page.getByRole('button', { name: 'Look up 6' }).click();
  const results = page.getByRole('region', { name: 'Lookup results' });
  await expect(results).toContainText('5 decoded, 1 not decoded');
  await expect(results).toContainText('1XPWD40X1ED21530');
  await expect(results).toContainText('PETERBILT');
  await expect(page.getByRole('grid', { name: 'Fleet' })).toHaveAttribute('data-total', '5');
  // One batch: vPIC's batch endpoint, not one request per VIN.
  expect(simulator.stats.batchRequests).toBe(1);
  expect(simulator.stats.getRequests).toBe(0);
  // The decoded vehicles are selected in the table.
  await expect(page.getByRole('button', { name: 'Delete (5)' })).toBeEnabled();
});

test('Escape cancels a slow lookup, and its late answer does not pop up afterwards', async ({ app }) => {
  const { page, simulator } = app;
  simulator.injectFaults([{ kind: 'slow', delayMs: 1200 }]);
  const input = page.getByRole('textbox', { name: 'VIN', exact: true });
  await input.fill(BRIEF_VINS[0]!);
  await input.press('Enter');
  await expect(page.getByText('Press Esc to cancel')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByText('Lookup cancelled. Vehicles already decoded stay in the fleet.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Look up', exact: true })).toBeEnabled();
  // Main still finishes and stores the vehicle; the form stays as the user left it.
  await expect(page.getByRole('grid', { name: 'Fleet' })).toHaveAttribute('data-total', '1');
  await expect(page.getByRole('region', { name: 'Lookup result' })).toHaveCount(0);
});

test('the lookup area keeps its height, and an old answer never stays beside a new error', async ({ app }) => {
  const { page } = app;
  const grid = page.getByRole('grid', { name: 'Fleet' });
  const gridTop = async (): Promise<number> => (await grid.boundingBox())!.y;
  const top = await gridTop();
  const input = page.getByRole('textbox', { name: 'VIN', exact: true });

  await input.fill(BRIEF_VINS[0]!);
  await input.press('Enter');
  await expect(page.getByRole('region', { name: 'Lookup result' })).toContainText(BRIEF_VINS[0]!);
  expect(await gridTop()).toBe(top);

  await input.fill('1XPWD4OX1ED2153Q7');
  await input.press('Enter');
  await expect(page.getByText(/Letter O at position 7/)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Lookup result' })).toHaveCount(0);
  expect(await gridTop()).toBe(top);

  // A lookup that fails in main (answered here as main would: an error envelope).
  await page.route(/\/__harness\/ipc\/vehicles%3Alookup$/, (route) =>
    route.fulfill({ json: { ok: false, error: { code: 'STORAGE_ERROR', message: 'The database is read-only' } } }),
  );
  await input.fill(BRIEF_VINS[3]!);
  await input.press('Enter');
  const failure = page.getByRole('alert').filter({ hasText: 'Lookup failed' });
  await expect(failure).toContainText('The database is read-only. Check that the data folder is writable');
  await expect(page.getByRole('region', { name: 'Lookup result' })).toHaveCount(0);
  expect(await gridTop()).toBe(top);
});
