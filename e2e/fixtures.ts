/**
 * One fixture, two targets: `app` is the running app with a fresh data folder, whichever target
 * the project names. Specs use only `app.page` and roles/labels, so they cannot tell web from
 * Electron. Everything a test opens is closed after it.
 */
import { _electron, test as base, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startVpicSimulator, type VpicSimulator } from '../testing/vpic-simulator/vpic-simulator';
import { startTestHost, type TestHost } from './harness/test-host';
import { electronBinary } from './targets';

export interface RunningApp {
  readonly page: Page;
  readonly target: 'web' | 'electron';
  readonly dataDir: string;
  /** The vPIC simulator this app talks to (fresh stats and no faults at the start of each test). */
  readonly simulator: VpicSimulator;
}

export interface AppFixtureOptions {
  /** Another vPIC URL instead of the worker's simulator. */
  readonly vpicUrl?: string;
}

/**
 * e2e politeness: the real retry and breaker mechanisms with short waits, so "vPIC is down"
 * shows within a second instead of after a minute of backoff.
 */
export const E2E_VPIC_OPTIONS = {
  retries: 1,
  retryMinDelayMs: 50,
  retryMaxDelayMs: 100,
  timeoutMs: 2000,
  breaker: { failureThreshold: 2, resetTimeoutMs: 1500 },
};

const ROOT = path.resolve(__dirname, '..');

export async function launchApp(
  target: 'web' | 'electron',
  newPage: () => Promise<Page>,
  simulator: VpicSimulator,
  options: AppFixtureOptions,
): Promise<{ app: RunningApp; close: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-e2e-'));
  const vpicUrl = options.vpicUrl ?? simulator.url;
  if (target === 'web') {
    const host: TestHost = await startTestHost({ dataDir, vpicUrl, nhtsaApiUrl: simulator.nhtsaApiUrl, vpicOptions: E2E_VPIC_OPTIONS });
    const page = await newPage();
    await page.goto(host.url);
    return {
      app: { page, target, dataDir, simulator },
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
      FLEET_VPIC_URL: vpicUrl,
      FLEET_NHTSA_API_URL: simulator.nhtsaApiUrl,
      FLEET_VPIC_OPTIONS: JSON.stringify(E2E_VPIC_OPTIONS),
    },
  });
  const page = await electronApp.firstWindow();
  return {
    app: { page, target, dataDir, simulator },
    close: async () => {
      await electronApp.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const test = base.extend<{ appOptions: AppFixtureOptions; app: RunningApp }, { simulator: VpicSimulator }>({
  appOptions: [{}, { option: true }],
  // One simulator per worker, reset before each test.
  simulator: [
    // Playwright reads a fixture's dependencies from its first parameter's pattern: none here.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const simulator = await startVpicSimulator({ latencyMs: 10 });
      await use(simulator);
      await simulator.close();
    },
    { scope: 'worker' },
  ],
  app: async ({ browser, appOptions, simulator }, use, testInfo) => {
    simulator.setDown(false);
    simulator.clearFaults();
    simulator.resetStats();
    const target = testInfo.project.metadata.target === 'electron' ? 'electron' : 'web';
    const { app, close } = await launchApp(target, () => browser.newPage(), simulator, appOptions);
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
