/**
 * Notices, errors and import cards share one message area that collapses and clears at once,
 * and every error in it reads as sentences with the next step, never a bare code.
 */
import type { Page } from '@playwright/test';
import { generateFleetCsv } from '../testing/fleet-generator';
import { expect, test } from './fixtures';

async function dropFile(page: Page, name: string, text: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ([fileName, body]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([body], fileName, { type: 'text/csv' }));
      return transfer;
    },
    [name, text] as const,
  );
  await page.dispatchEvent('body', 'dragenter', { dataTransfer });
  await page.dispatchEvent('body', 'dragover', { dataTransfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer });
}

test('notices and import cards collapse into one area that "Clear all" empties', async ({ app }) => {
  const { page } = app;
  const messages = page.getByRole('region', { name: 'Messages' });
  await expect(messages).toBeHidden();

  const csv = generateFleetCsv({ seed: 14, rows: 20, invalidRatio: 0, duplicateRatio: 0 });
  await dropFile(page, 'small-fleet.csv', csv.text);
  const card = messages.getByRole('region', { name: 'Import of small-fleet.csv' });
  await expect(card.getByRole('status')).toContainText('Imported:', { timeout: 30_000 });

  await page.getByRole('heading', { name: 'Fleet VIN Lookup' }).click();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(messages.getByText('There is no removal to undo.')).toBeVisible();

  await messages.getByRole('button', { name: 'Hide' }).click();
  await expect(card).toBeHidden();
  await messages.getByRole('button', { name: 'Show' }).click();
  await expect(card).toBeVisible();

  await messages.getByRole('button', { name: 'Clear all' }).click();
  await expect(messages).toBeHidden();
  await expect(page.getByRole('region', { name: 'Import of small-fleet.csv' })).toHaveCount(0);
});

test('an error from main reads as sentences saying what to do, never a bare code', async ({ app }) => {
  const { page } = app;
  await page.route(/\/__harness\/ipc\/app%3Abackup$/, (route) =>
    route.fulfill({ json: { ok: false, error: { code: 'FILE_ERROR', message: 'The backup file could not be written' } } }),
  );
  await page.getByRole('heading', { name: 'Fleet VIN Lookup' }).click();
  await page.keyboard.press('ControlOrMeta+Shift+S');
  const alert = page.getByRole('region', { name: 'Messages' }).getByRole('alert').locator('span').first();
  await expect(alert).toHaveText(
    'The backup failed. The backup file could not be written. Check that it exists, that you may read or write it, and that no other program has it open, then try again.',
  );
});
