/**
 * Accessible in both themes and at every size: axe-core over the main window, import, export,
 * details and dialogs finds no serious or critical violation; at 1024×640 the toolbar is one line
 * and the table shows at least 12 rows; screenshots at three sizes in both themes for review.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { generateFleetCsv } from '../testing/fleet-generator';
import { expect, saveScreenshot, test } from './fixtures';

const BRIEF_VINS = ['1XPWD40X1ED215307', '1XKWDB0X57J211825', '1XP5DB9X7YN526158', '4V4NC9EJXEN171694', '1XP5DB9X7XD487964'];
const THEMES = ['light', 'dark'] as const;

async function seed(page: Page): Promise<void> {
  const result = await page.evaluate(async (vins) => window.fleet.vehiclesLookupMany({ vins }), BRIEF_VINS);
  expect(result.ok).toBe(true);
  await expect(page.getByRole('grid', { name: 'Fleet' })).toHaveAttribute('data-total', String(BRIEF_VINS.length));
}

/** Serious and critical violations only, as "rule: target" lines (empty when clean). */
async function axeProblems(page: Page, label: string, only?: string): Promise<string[]> {
  // Legacy mode runs axe in the page itself: the default opens a second page in the context, which
  // the fixture's one-page context (and Electron's window) does not allow. The app has no frames.
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).setLegacyMode(true);
  // A popup alone is checked alone (the window around it was checked already): axe is slow.
  const results = await (only ? builder.include(only) : builder).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${label}: ${v.id} (${v.impact}) at ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`));
}

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

for (const theme of THEMES) {
  test(`axe finds no serious or critical problem in the ${theme} theme (window, import, export, details, dialogs)`, async ({ app }) => {
    test.setTimeout(240_000);
    const { page } = app;
    await page.emulateMedia({ colorScheme: theme });
    await seed(page);
    const problems: string[] = [];
    const grid = page.getByRole('grid', { name: 'Fleet' });

    // Main window with a selected row (details panel) and a lookup answer.
    await grid.getByRole('row').filter({ hasText: '1XKWDB0X57J211825' }).click();
    await expect(page.getByRole('complementary', { name: 'Vehicle details' })).toContainText('KENWORTH');
    const input = page.getByRole('textbox', { name: 'VIN', exact: true });
    await input.fill('1XPWD40X1ED215307');
    await input.press('Enter');
    await expect(page.getByRole('region', { name: 'Lookup result' })).toContainText('From cache');
    problems.push(...(await axeProblems(page, 'main window')));

    // Invalid VIN feedback.
    await input.fill('1XPWD4OX1ED2153Q7');
    await expect(page.getByText(/Letter O at position 7/)).toBeVisible();
    problems.push(...(await axeProblems(page, 'lookup feedback', '.lookup-band')));
    await input.fill('');

    // Import: a finished job card in the message area.
    const csv = generateFleetCsv({ seed: 61, rows: 12, invalidRatio: 0.2, duplicateRatio: 0 });
    await dropFile(page, 'a11y-fleet.csv', csv.text);
    await expect(page.getByRole('region', { name: 'Import of a11y-fleet.csv' }).getByRole('status')).toContainText('Imported:', { timeout: 30_000 });
    problems.push(...(await axeProblems(page, 'import card', '.app-header, .message-area')));
    await page.getByRole('button', { name: 'Import history' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    problems.push(...(await axeProblems(page, 'import history dialog', '[role="dialog"]')));
    await page.keyboard.press('Escape');

    // Export panel.
    await page.getByRole('button', { name: 'Export…' }).click();
    await expect(page.getByRole('dialog', { name: 'Export the fleet' })).toBeVisible();
    problems.push(...(await axeProblems(page, 'export panel', '.export-panel')));
    await page.keyboard.press('Escape');

    // Row context menu and the delete confirmation.
    await grid.getByRole('row').filter({ hasText: '4V4NC9EJXEN171694' }).click({ button: 'right' });
    await expect(page.getByRole('menu', { name: 'Row actions' })).toBeVisible();
    problems.push(...(await axeProblems(page, 'row menu', '.row-menu')));
    await page.keyboard.press('Escape');
    await grid.focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.press('Delete');
    await expect(page.getByRole('dialog', { name: /^Delete all/ })).toBeVisible();
    problems.push(...(await axeProblems(page, 'delete confirmation', '[role="dialog"]')));
    await page.keyboard.press('Escape');

    // Columns menu.
    await page.getByRole('button', { name: 'Columns' }).click();
    problems.push(...(await axeProblems(page, 'columns menu', '.menu-popup')));

    expect(problems, problems.join('\n')).toEqual([]);
  });
}

test('the export panel takes focus when opened and closes on Escape or a click outside', async ({ app }) => {
  const { page } = app;
  const open = page.getByRole('button', { name: 'Export…' });
  const panel = page.getByRole('dialog', { name: 'Export the fleet' });
  await open.click();
  await expect(panel).toBeVisible();
  await expect.poll(() => panel.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(open).toBeFocused();
  await open.click();
  await expect(panel).toBeVisible();
  await page.getByRole('grid', { name: 'Fleet' }).click({ position: { x: 200, y: 200 } });
  await expect(panel).toBeHidden();
});

test('at 1024×640 the toolbar is one line and the table shows at least 12 rows; screenshots at three sizes', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 1024, height: 640 });
  const vins = (await import('../testing/fleet-generator')).generateVins(1024, 40, { unique: true });
  const result = await page.evaluate(async (list) => window.fleet.vehiclesLookupMany({ vins: list }), vins);
  expect(result.ok).toBe(true);
  const grid = page.getByRole('grid', { name: 'Fleet' });
  await expect(grid).toHaveAttribute('data-total', '40');
  await grid.getByRole('row').nth(3).click();

  const toolbar = page.locator('.fleet-toolbar');
  const tops = await toolbar.evaluate((el) => [...el.children].filter((c) => (c as HTMLElement).offsetParent !== null).map((c) => Math.round(c.getBoundingClientRect().top + c.getBoundingClientRect().height / 2)));
  expect(Math.max(...tops) - Math.min(...tops)).toBeLessThanOrEqual(2);
  expect(await toolbar.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

  const visibleRows = await grid.evaluate((el) => {
    const head = el.querySelector('.fleet-head')!.getBoundingClientRect();
    const box = el.getBoundingClientRect();
    return Math.floor((box.bottom - head.bottom) / 28);
  });
  expect(visibleRows).toBeGreaterThanOrEqual(12);
  // Nothing in the window is cut off sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

  for (const [width, height] of [[1024, 640], [1280, 800], [1920, 1080]] as const) {
    await page.setViewportSize({ width, height });
    for (const theme of THEMES) {
      await page.emulateMedia({ colorScheme: theme });
      const file = await saveScreenshot(page, `main-${width}x${height}-${theme}`, app.target);
      console.log(`[e2e:${app.target}] screenshot: ${file}`);
    }
  }
});
