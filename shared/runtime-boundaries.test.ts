/**
 * The lint rules that keep each folder in its runtime actually fire (a rule that never fires
 * would let shared/ grow a Node import unnoticed).
 */
import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: path.resolve(__dirname, '..') });

async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => m.ruleId ?? 'fatal');
}

describe('runtime boundaries', () => {
  it('shared/ may not import Node, Electron or use the DOM', async () => {
    expect(await ruleIdsFor('shared/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n")).toContain('no-restricted-imports');
    expect(await ruleIdsFor('shared/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toContain('no-restricted-imports');
    expect(await ruleIdsFor('shared/x.ts', 'export const a = window.location;\n')).toContain('no-restricted-globals');
    expect(await ruleIdsFor('shared/x.ts', "import { z } from 'zod';\nexport const a = z.string();\n")).toEqual([]);
  });

  it('the core may not import electron', async () => {
    expect(await ruleIdsFor('electron/core/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toContain('no-restricted-imports');
    expect(await ruleIdsFor('electron/core/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n")).toEqual([]);
  });

  it('raw ipcMain/ipcRenderer are banned outside the typed wrappers', async () => {
    expect(await ruleIdsFor('electron/main/menu.ts', "import { ipcMain } from 'electron';\nexport const a = ipcMain;\n")).toContain('no-restricted-imports');
    expect(await ruleIdsFor('electron/main/ipc-main.ts', "import { ipcMain } from 'electron';\nexport const a = ipcMain;\n")).toEqual([]);
  });

  it('the renderer reaches main only through the contract', async () => {
    expect(await ruleIdsFor('renderer/src/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n")).toContain('no-restricted-imports');
    expect(await ruleIdsFor('renderer/src/x.ts', "import { openDatabase } from '../../electron/core/storage/sqlite/db/open-database';\nexport const a = openDatabase;\n")).toContain('no-restricted-imports');
  });

  it('ipcMain is banned under every module name Electron exports it by', async () => {
    expect(await ruleIdsFor('electron/main/menu.ts', "import { ipcMain } from 'electron/main';\nexport const a = ipcMain;\n")).toContain('no-restricted-imports');
    expect(await ruleIdsFor('electron/main/menu.ts', "import { ipcRenderer } from 'electron/renderer';\nexport const a = ipcRenderer;\n")).toContain('no-restricted-imports');
  });

  it('only ipc-main.ts sends events with webContents.send', async () => {
    const code = 'export function f(window: { webContents: { send(c: string): void } }) {\n  window.webContents.send("x");\n}\n';
    expect(await ruleIdsFor('electron/main/window.ts', code)).toContain('no-restricted-syntax');
    expect(await ruleIdsFor('electron/main/window.ts', 'export function f(webContents: { send(c: string): void }) {\n  webContents.send("x");\n}\n')).toContain('no-restricted-syntax');
    expect(await ruleIdsFor('electron/main/ipc-main.ts', code)).toEqual([]);
  });

  it('the core never imports the shell, the CLI, the preload or test support', async () => {
    for (const target of ['../main/ipc-main', '../../main/menu', '../cli/output', '../../cli/commands/list', '../preload/index', '../../../testing/prng', '../../../bench/bench-row']) {
      expect(await ruleIdsFor('electron/core/lookup/x.ts', `import * as m from '${target}';\nexport const a = m;\n`), target).toContain('no-restricted-imports');
    }
    expect(await ruleIdsFor('electron/core/lookup/x.ts', "import * as m from '../storage/fleet-store';\nexport const a = m;\n")).toEqual([]);
  });

  it('the CLI never imports the Electron shell, and no product file imports test support', async () => {
    expect(await ruleIdsFor('electron/cli/commands/x.ts', "import * as m from '../../main/menu';\nexport const a = m;\n")).toContain('no-restricted-imports');
    expect(await ruleIdsFor('electron/cli/commands/x.ts', "import * as m from '../../core/app/app-context';\nexport const a = m;\n")).toEqual([]);
    expect(await ruleIdsFor('electron/main/x.ts', "import * as m from '../../testing/prng';\nexport const a = m;\n")).toContain('no-restricted-imports');
    expect(await ruleIdsFor('renderer/src/x.ts', "import * as m from '../../testing/prng';\nexport const a = m;\n")).toContain('no-restricted-imports');
    expect(await ruleIdsFor('shared/x.ts', "import * as m from '../testing/prng';\nexport const a = m;\n")).toContain('no-restricted-imports');
    expect(await ruleIdsFor('renderer/src/x.test.ts', "import * as m from '../../testing/prng';\nexport const a = m;\n")).toEqual([]);
  });

  it('only the SQLite store, the offline snapshot and tests import better-sqlite3', async () => {
    const driver = "import Database from 'better-sqlite3';\nexport const a = Database;\n";
    for (const file of ['electron/core/lookup/lookup-service.ts', 'electron/core/app/x.ts', 'electron/core/storage/x.ts', 'electron/cli/commands/x.ts', 'electron/main/x.ts', 'electron/main/index.ts']) {
      expect(await ruleIdsFor(file, driver), file).toContain('no-restricted-imports');
    }
    for (const file of ['electron/core/storage/sqlite/x.ts', 'electron/core/storage/sqlite/db/x.ts', 'electron/core/lookup/offline-x.ts', 'electron/core/app/x.test.ts', 'testing/x.ts']) {
      expect(await ruleIdsFor(file, driver), file).toEqual([]);
    }
    // The allowed folders keep the core's other boundaries.
    expect(await ruleIdsFor('electron/core/storage/sqlite/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toContain('no-restricted-imports');
  });
});
