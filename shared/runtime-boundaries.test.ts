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
    expect(await ruleIdsFor('renderer/src/x.ts', "import { openDatabase } from '../../electron/core/db/open-database';\nexport const a = openDatabase;\n")).toContain('no-restricted-imports');
  });
});
