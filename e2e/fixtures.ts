/**
 * One fixture, two targets: `app` is the running app with a fresh data folder, whichever target
 * the project names. Specs use only `app.page` and roles/labels, so they cannot tell web from
 * Electron. Everything a test opens is closed after it.
 */
import { _electron, test as base, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestHost, type TestHost } from './harness/test-host';
import { electronBinary } from './targets';

export interface RunningApp {
  readonly page: Page;
  readonly target: 'web' | 'electron';
  readonly dataDir: string;
}

export interface AppFixtureOptions {
  readonly vpicUrl?: string;
}

const ROOT = path.resolve(__dirname, '..');

export async function launchApp(
  target: 'web' | 'electron',
  newPage: () => Promise<Page>,
  options: AppFixtureOptions,
): Promise<{ app: RunningApp; close: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-e2e-'));
  if (target === 'web') {
    const host: TestHost = await startTestHost({ dataDir, ...(options.vpicUrl ? { vpicUrl: options.vpicUrl } : {}) });
    const page = await newPage();
    await page.goto(host.url);
    return {
      app: { page, target, dataDir },
      close: async () => {
        await page.close();
        await host.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const binary = electronBinary();
  if (!('path' in binary)) throw new Error(`electron target without a binary: ${binary.missing}`);
  const electronApp = await _electron.launch({
    executablePath: binary.path,
    args: [path.join(ROOT, 'out/main/index.js')],
    env: {
      ...process.env,
      FLEET_DATA_DIR: dataDir,
      ...(options.vpicUrl ? { FLEET_VPIC_URL: options.vpicUrl } : {}),
    },
  });
  const page = await electronApp.firstWindow();
  return {
    app: { page, target, dataDir },
    close: async () => {
      await electronApp.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const test = base.extend<{ appOptions: AppFixtureOptions; app: RunningApp }>({
  appOptions: [{}, { option: true }],
  app: async ({ browser, appOptions }, use, testInfo) => {
    const target = testInfo.project.metadata.target === 'electron' ? 'electron' : 'web';
    const { app, close } = await launchApp(target, () => browser.newPage(), appOptions);
    try {
      await use(app);
    } finally {
      await close();
    }
  },
});

export { expect } from '@playwright/test';

/** Save a screenshot under out/screenshots/ (kept out of git) and return its path. */
export async function saveScreenshot(page: Page, name: string, target: string): Promise<string> {
  const file = path.join(ROOT, 'out', 'screenshots', `${name}-${target}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file });
  return file;
}
