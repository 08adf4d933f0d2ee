/**
 * e2e: the same specs against two targets.
 * - web: the built renderer in Chromium, served by the loopback test host over the real core.
 * - electron: the built app through `_electron.launch`, where an Electron binary exists.
 */
import { defineConfig, type PlaywrightTestProject } from '@playwright/test';
import { chromiumExecutable, CHROMIUM_ARGS, electronBinary } from './e2e/targets';

const executablePath = chromiumExecutable();
const electron = electronBinary();

const projects: PlaywrightTestProject[] = [
  {
    name: 'web',
    use: {
      browserName: 'chromium',
      launchOptions: { args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) },
    },
    metadata: { target: 'web' },
  },
];
if ('path' in electron) {
  projects.push({ name: 'electron', metadata: { target: 'electron' } });
} else if (!process.env.PLAYWRIGHT_QUIET_TARGETS) {
  process.env.PLAYWRIGHT_QUIET_TARGETS = '1';
  console.log(`[e2e] electron target skipped: no Electron binary on this machine (${electron.missing}).`);
}

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e/global-setup.ts',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: { trace: 'retain-on-failure', viewport: { width: 1280, height: 800 } },
  projects,
});
