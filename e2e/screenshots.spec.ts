/**
 * Screenshots of the main window with data, light and dark (out/screenshots/, for review).
 */
import { expect, saveScreenshot, test } from './fixtures';

const BRIEF_VINS = ['1XPWD40X1ED215307', '1XKWDB0X57J211825', '1XP5DB9X7YN526158', '4V4NC9EJXEN171694', '1XP5DB9X7XD487964'];

test('the main window with the brief VINs, in light and dark', async ({ app }) => {
  const { page } = app;
  const input = page.getByRole('textbox', { name: 'VIN', exact: true });
  const result = page.getByRole('region', { name: 'Lookup result' });
  for (const vin of BRIEF_VINS) {
    await input.fill(vin);
    await input.press('Enter');
    await expect(result).toContainText(vin);
  }
  const grid = page.getByRole('grid', { name: 'Fleet' });
  await expect(grid).toHaveAttribute('data-total', '5');
  await grid.getByRole('row').filter({ hasText: '1XKWDB0X57J211825' }).click();
  const details = page.getByRole('complementary', { name: 'Vehicle details' });
  await expect(details).toContainText('KENWORTH');
  await input.fill('1XPWD40X1ED215307');
  await input.press('Enter');
  await expect(result).toContainText('From cache');

  await page.emulateMedia({ colorScheme: 'light' });
  const light = await saveScreenshot(page, 'main-window-light', app.target);
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await saveScreenshot(page, 'main-window-dark', app.target);

  // The invalid-input state, for review of the highlighted position.
  await input.fill('1XPWD4OX1ED2153Q7');
  await expect(page.getByText(/Letter O at position 7/)).toBeVisible();
  const invalid = await saveScreenshot(page, 'lookup-invalid-dark', app.target);
  console.log(`[e2e:${app.target}] screenshots: ${light}, ${dark}, ${invalid}`);
});
