/**
 * The window opens, the page reaches main through the contract, and nothing leaks into it.
 */
import { expect, saveScreenshot, test } from './fixtures';

test('the window opens and app:info makes a round trip through the contract', async ({ app }) => {
  const { page } = app;
  await expect(page.getByRole('heading', { name: 'Fleet VIN Lookup' })).toBeVisible();
  const status = page.getByRole('status', { name: 'Status' });
  await expect(status).toContainText(`Data folder: ${app.dataDir}`);

  const info = await page.evaluate(async () => window.fleet.appInfo({}));
  expect(info.ok).toBe(true);
  if (info.ok) {
    expect(info.value.dataDir).toBe(app.dataDir);
    expect(info.value.databasePath.startsWith(app.dataDir)).toBe(true);
    expect(info.value.runtime).toBe(app.target === 'electron' ? 'electron' : 'web-harness');
    console.log(`[e2e:${app.target}] app:info round trip ok: version ${info.value.version}, db ${info.value.databasePath}`);
  }
  const shot = await saveScreenshot(page, 'main-window', app.target);
  console.log(`[e2e:${app.target}] screenshot saved: ${shot}`);
});

test('an invalid payload comes back as INVALID_INPUT, not an exception', async ({ app }) => {
  const result = await app.page.evaluate(async () =>
    (window.fleet.appInfo as (request: unknown) => Promise<unknown>)({ unexpected: true }),
  );
  expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
});

test('the page has no Node and only the contract API', async ({ app }) => {
  const surface = await app.page.evaluate(() => ({
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
    api: Object.keys(window.fleet).sort(),
  }));
  expect(surface.require).toBe('undefined');
  expect(surface.process).toBe('undefined');
  expect(surface.api).toContain('appInfo');
  expect(surface.api.every((name) => /^(on)?[A-Z]?[a-z]+[A-Za-z]*$/.test(name))).toBe(true);
});
