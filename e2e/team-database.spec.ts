/**
 * Two desks on one team database: what one desk changes appears in the other desk's table within
 * 2 seconds, without a reload (PostgreSQL LISTEN/NOTIFY through the core, `vehicles:changed` to
 * the window). Each desk is a web test host of its own (`npm run harness -- --database-url …`), so
 * the two share nothing but the server (and the PostgreSQL store, which the core loads on demand
 * with a dynamic import, does not load inside Playwright's own test process). A throwaway PostgreSQL server is started for this spec
 * only (once per worker, on first use): the other specs neither wait for it nor need PostgreSQL.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { createTestDatabase } from '../testing/postgres-database';
import { findPostgresBinaries, startPostgresServer, type PostgresServer } from '../testing/postgres-server';
import { expect, saveScreenshot, test as base } from './fixtures';
import { startHarnessProcess } from './harness/harness-process';

/** The promise of team mode: another desk's change shows within this long. */
const PROMISED_MS = 2000;

const NO_POSTGRES = 'PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin; Debian: apt-get install postgresql)';
// The desks here are web hosts started with --database-url; the Electron app takes the same
// FLEET_DATABASE_URL, but two Electron instances on one server are not driven by this spec.
const ELECTRON_SKIP = 'the team-database spec drives two web test hosts (two desks) on one server; it has no two-window Electron variant';

interface Desk {
  readonly page: Page;
}

interface Team {
  readonly a: Desk;
  readonly b: Desk;
}

const test = base.extend<{ team: Team }, { teamServer: PostgresServer | null }>({
  // The server, or null where PostgreSQL is not installed (the test then skips and says why).
  teamServer: [
    // Playwright reads a fixture's dependencies from its first parameter's pattern: none here.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const binaries = findPostgresBinaries();
      if (binaries === null) {
        await use(null);
        return;
      }
      const server = await startPostgresServer(binaries);
      try {
        await use(server);
      } finally {
        await server.stop();
      }
    },
    { scope: 'worker' },
  ],
  // Two desks, each its own host process and data folder, on one fresh database.
  team: async ({ browser, simulator, teamServer }, use) => {
    if (teamServer === null) {
      console.log(`[e2e] team-database spec skipped: ${NO_POSTGRES}`);
      test.skip(true, NO_POSTGRES);
      return;
    }
    simulator.setDown(false);
    simulator.clearFaults();
    simulator.resetStats();
    const database = await createTestDatabase(teamServer.baseUrl);
    const cleanups: (() => Promise<void>)[] = [];
    try {
      const desk = async (): Promise<Desk> => {
        const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-e2e-desk-'));
        cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
        const host = await startHarnessProcess([
          '--data-dir', dataDir,
          '--vpic-url', simulator.url,
          '--nhtsa-api-url', simulator.nhtsaApiUrl,
          '--database-url', database.url,
        ]);
        cleanups.push(host.stop);
        const page = await browser.newPage();
        cleanups.push(() => page.close());
        await page.goto(host.url);
        return { page };
      };
      const [a, b] = await Promise.all([desk(), desk()]);
      await use({ a, b });
    } finally {
      for (const cleanup of cleanups.reverse()) await cleanup();
      await database.drop();
    }
  },
});

test.beforeEach(() => {
  if (test.info().project.metadata.target !== 'electron') return;
  console.log(`[e2e] team-database spec skipped on the electron target: ${ELECTRON_SKIP}`);
  test.skip(true, ELECTRON_SKIP);
});

// Two host processes (each compiling its TypeScript and bundling its bridge) and a PostgreSQL
// server start before the test body runs: on a busy machine that alone may take most of a minute.
test.describe.configure({ timeout: 180_000 });

const fleetRow = (page: Page, vin: string) => page.getByRole('grid', { name: 'Fleet' }).getByRole('row').filter({ hasText: vin });

/** A mark in the page's memory: still there later means the page was never reloaded. */
const NOT_RELOADED = 'not reloaded';
const markPage = (page: Page): Promise<void> => page.evaluate((mark) => void ((window as unknown as { deskMark?: string }).deskMark = mark), NOT_RELOADED);
const pageMark = (page: Page): Promise<string | undefined> => page.evaluate(() => (window as unknown as { deskMark?: string }).deskMark);

/** Both desks side by side in one image (saved under out/screenshots/). */
async function screenshotDesks(browser: Browser, team: Team): Promise<string> {
  const [left, right] = await Promise.all([team.a.page.screenshot(), team.b.page.screenshot()]);
  const board = await browser.newPage({ viewport: { width: 2 * 1280 + 24, height: 800 + 32 } });
  try {
    const desk = (name: string, png: Buffer): string =>
      `<figure style="margin:0"><figcaption style="font:16px sans-serif;color:#fff;padding:4px 8px">${name}</figcaption>` +
      `<img alt="${name}" width="1280" src="data:image/png;base64,${png.toString('base64')}"></figure>`;
    await board.setContent(`<body style="margin:0;display:flex;gap:24px;background:#333">${desk('Desk A', left)}${desk('Desk B', right)}</body>`);
    return await saveScreenshot(board, 'team-database', 'web');
  } finally {
    await board.close();
  }
}

test('a lookup at one desk appears at the other within 2 s, and a removal there disappears here', async ({ team, browser }) => {
  const { a, b } = team;
  const vin = '1XPWD40X1ED215307';
  const lookup = a.page.getByRole('textbox', { name: 'VIN', exact: true });
  await expect(lookup).toBeVisible();
  await expect(b.page.getByRole('status', { name: 'Status' })).toContainText('0 vehicles');
  // Each desk says it is on the team's server (never with a password).
  await expect(a.page.getByRole('status', { name: 'Status' })).toContainText(/Team database: postgres:\/\/[^:@/]+@127\.0\.0\.1:\d+\/fleet_test_/);
  await markPage(a.page);
  await markPage(b.page);

  // Desk A looks the VIN up; once A has it (the change is made), desk B's table shows it within
  // 2 s, on its own. (The clock starts at A's answer: the lookup's own time is vPIC's, not the team's.)
  await lookup.fill(vin);
  await lookup.press('Enter');
  await expect(a.page.getByRole('region', { name: 'Lookup result' })).toContainText('Decoded online');
  await expect(fleetRow(b.page, vin)).toContainText('PETERBILT', { timeout: PROMISED_MS });
  await expect(fleetRow(a.page, vin)).toHaveCount(1);
  await expect(b.page.getByRole('status', { name: 'Status' })).toContainText('1 vehicle');
  await screenshotDesks(browser, team);

  // Desk B removes it; once B says so, it leaves desk A's table within 2 s.
  await fleetRow(b.page, vin).click();
  await b.page.keyboard.press('Delete');
  await expect(b.page.getByRole('status', { name: 'Removed vehicles' })).toContainText('Removed 1 vehicle');
  await expect(fleetRow(a.page, vin)).toHaveCount(0, { timeout: PROMISED_MS });
  await expect(fleetRow(b.page, vin)).toHaveCount(0);

  expect(await pageMark(a.page)).toBe(NOT_RELOADED);
  expect(await pageMark(b.page)).toBe(NOT_RELOADED);
});
