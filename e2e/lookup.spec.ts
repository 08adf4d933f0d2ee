/**
 * Looking up VINs from the window: brief VINs decoded online, then from the cache; invalid
 * input explained without a request; the offline fallback when vPIC is down.
 */
import { expect, test } from './fixtures';
import type { VpicSimulator } from '../testing/vpic-simulator/vpic-simulator';

/** Decode requests only: opening a vehicle's details also asks the recalls endpoint. */
const vpicRequests = (simulator: VpicSimulator): number => simulator.stats.requests - simulator.stats.recallRequests;

test('a brief VIN decodes online, lands in the table, and comes from the cache the second time', async ({ app }) => {
  const { page, simulator } = app;
  const vin = page.getByRole('textbox', { name: 'VIN', exact: true });
  await vin.fill('1xp-wd40x 1ed215307');
  await vin.press('Enter');

  const result = page.getByRole('region', { name: 'Lookup result' });
  await expect(result).toContainText('Decoded online');
  await expect(result).toContainText('PETERBILT');
  await expect(result).toContainText('388');
  await expect(result).toContainText('2014');
  await expect(result).toContainText('Truck-Tractor');
  expect(vpicRequests(simulator)).toBe(1);

  const grid = page.getByRole('grid', { name: 'Fleet' });
  const row = grid.getByRole('row').filter({ hasText: '1XPWD40X1ED215307' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('PETERBILT');
  await expect(row).toHaveAttribute('aria-selected', 'true');

  await page.getByRole('button', { name: 'Look up' }).click();
  await expect(result).toContainText('From cache');
  expect(vpicRequests(simulator)).toBe(1);

  await result.getByRole('button', { name: 'Refresh from vPIC' }).click();
  await expect(result).toContainText('Decoded online');
  expect(vpicRequests(simulator)).toBe(2);
});

test('an invalid VIN shows the reason and sends no request', async ({ app }) => {
  const { page, simulator } = app;
  const before = vpicRequests(simulator);
  const vin = page.getByRole('textbox', { name: 'VIN', exact: true });
  await vin.fill('1XPWD4OX1ED215307');
  await expect(page.getByText('Letter O at position 7 is never used in VINs')).toBeVisible();
  await expect(page.getByLabel('VIN with problem positions marked').locator('mark')).toHaveText('O');
  await vin.press('Enter');
  await expect(vin).toHaveAttribute('aria-invalid', 'true');

  await vin.fill('1XPWD40X1');
  await vin.press('Enter');
  await expect(page.getByText('VIN has 9 characters; it needs 17')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Lookup result' })).toHaveCount(0);
  expect(vpicRequests(simulator)).toBe(before);
});

test('a check-digit mismatch is a warning, and the VIN is still decoded', async ({ app }) => {
  const { page } = app;
  const vin = page.getByRole('textbox', { name: 'VIN', exact: true });
  await vin.fill('1XPWD40X2ED215307');
  await expect(page.getByText(/Check digit at position 9 is 2 but should be 1/)).toBeVisible();
  await vin.press('Enter');
  await expect(page.getByRole('region', { name: 'Lookup result' })).toContainText('PETERBILT');
});

test('with vPIC down the status bar says offline and the answer is decoded offline', async ({ app }) => {
  const { page, simulator } = app;
  const status = page.getByRole('status', { name: 'Status' });
  const vin = page.getByRole('textbox', { name: 'VIN', exact: true });
  await vin.fill('1XKWDB0X57J211825');
  await vin.press('Enter');
  await expect(status).toContainText('vPIC online');
  await expect(status).toContainText('last success');

  simulator.setDown(true);
  await vin.fill('4V4NC9EJXEN171694');
  await vin.press('Enter');
  const result = page.getByRole('region', { name: 'Lookup result' });
  // The first offline decode of a data folder unpacks NHTSA's snapshot (tens of MB) after vPIC's
  // failed attempts: seconds on a quiet machine, several times that beside other CPU-bound work.
  await expect(result).toContainText('Decoded offline', { timeout: 45_000 });
  await expect(result).toContainText('4V4NC9EJXEN171694');
  await expect(status).toContainText(/vPIC offline/);
  await expect(status).toContainText(`Data folder: ${app.dataDir}`);
});
