import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultExportName, exportRequestSchemas, formatFromFileName, nextFreeName } from '../../../shared/export/export-contract';
import type { ExportProgress } from '../../../shared/export/export-contract';
import { createExportHandlers, saveIntoExportsFolder, withExtension, type SaveDialogRequest } from './export-handlers';
import { createTestFleet, type TestFleet } from '../../../testing/export-test-fleet';

let fleet: TestFleet | null = null;
afterEach(() => {
  fleet?.close();
  fleet = null;
});

const NOW = new Date(2025, 2, 7, 23, 59); // local time: the name uses the user's date

function setup(choose: (request: SaveDialogRequest) => string | null) {
  fleet = createTestFleet(true);
  const dialogs: SaveDialogRequest[] = [];
  const shown: string[] = [];
  const progress: ExportProgress[] = [];
  const handlers = createExportHandlers({
    storage: { kind: 'sqlite', path: fleet.databasePath },
    chooseSavePath: async (request) => {
      dialogs.push(request);
      return choose(request);
    },
    showItemInFolder: (file) => shown.push(file),
    emitProgress: (p) => progress.push(p),
    now: () => NOW,
  });
  return { handlers, dialogs, shown, progress, dir: fleet.dir };
}

describe('export:run', () => {
  it('asks for a path with a dated default name, exports there, and reports rows, path and progress', async () => {
    const t = setup((r) => path.join(fleet!.dir, r.defaultName));
    const answer = await t.handlers['export:run']({ format: 'parquet', scope: 'all' });
    expect(t.dialogs).toEqual([{ defaultName: 'fleet-2025-03-07.parquet', filters: [{ name: 'Parquet', extensions: ['parquet'] }] }]);
    expect(answer).toMatchObject({ rows: 5, path: path.join(t.dir, 'fleet-2025-03-07.parquet'), format: 'parquet' });
    expect(answer.durationMs).toBeGreaterThanOrEqual(0);
    expect(t.progress.at(-1)).toEqual({ rows: 5, total: 5 });
    const duck = await DuckDBInstance.create(':memory:');
    const con = await duck.connect();
    const count = (await con.runAndReadAll(`SELECT COUNT(*)::INTEGER AS n FROM read_parquet('${answer.path}')`)).getRowObjectsJS();
    expect(count[0]!.n).toBe(5);
    con.closeSync();
    duck.closeSync();
  });

  it('exports the current view with its filter, and ignores the filter for "all"', async () => {
    const t = setup((r) => path.join(fleet!.dir, r.defaultName));
    const view = await t.handlers['export:run']({ format: 'csv', scope: 'view', filter: { make: 'KENWORTH' } });
    expect(view.rows).toBe(1);
    const all = await t.handlers['export:run']({ format: 'csv', scope: 'all', filter: { make: 'KENWORTH' } });
    expect(all.rows).toBe(5);
  });

  it('adds the extension when the dialog returned a name without one', async () => {
    const t = setup(() => path.join(fleet!.dir, 'my-fleet'));
    const answer = await t.handlers['export:run']({ format: 'csv', scope: 'all' });
    expect(answer.path).toBe(path.join(t.dir, 'my-fleet.csv'));
    expect(fs.existsSync(answer.path)).toBe(true);
    expect(withExtension('/a/b.parquet', 'csv')).toBe('/a/b.parquet');
  });

  it('answers CANCELLED when the user closes the dialog, and writes nothing', async () => {
    const t = setup(() => null);
    await expect(t.handlers['export:run']({ format: 'parquet', scope: 'all' })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(fs.readdirSync(t.dir).filter((f) => !f.startsWith('fleet.sqlite'))).toEqual([]);
  });

  it.each(['fleet.sqlite', 'fleet.sqlite-shm'])('refuses %s (the live database) before starting an export', async (name) => {
    fleet = createTestFleet(true);
    const live = fleet.databasePath;
    const target = path.join(path.dirname(live), name);
    const before = fs.existsSync(target) ? fs.readFileSync(target) : null;
    const mainBefore = fs.readFileSync(live);
    const started: string[] = [];
    const handlers = createExportHandlers({
      storage: { kind: 'sqlite', path: live },
      chooseSavePath: async () => target,
      showItemInFolder: () => undefined,
      emitProgress: () => undefined,
      runExport: async (job) => {
        started.push(job.target);
        return { rows: 0 };
      },
    });
    await expect(handlers['export:run']({ format: 'csv', scope: 'all' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: "That is the app's own database; choose another file name.",
    });
    expect(started).toEqual([]);
    expect(fs.existsSync(target) ? fs.readFileSync(target) : null).toEqual(before);
    expect(fs.readFileSync(live).equals(mainBefore)).toBe(true);
    expect(fleet.db.prepare('SELECT COUNT(*) AS n FROM vehicles').get()).toEqual({ n: 5 });
  });

  it('passes a FILE_ERROR through when the chosen folder is a file', async () => {
    const t = setup(() => path.join(fleet!.dir, 'fleet.sqlite', 'x.parquet'));
    await expect(t.handlers['export:run']({ format: 'parquet', scope: 'all' })).rejects.toMatchObject({
      code: 'FILE_ERROR',
      message: expect.stringContaining('part of the path is a file') as unknown as string,
    });
  });
});

describe('export:showInFolder', () => {
  it('reveals only files exported in this session', async () => {
    const t = setup((r) => path.join(fleet!.dir, r.defaultName));
    expect(() => t.handlers['export:showInFolder']({ path: fleet!.databasePath })).toThrow(/Only files exported/);
    const answer = await t.handlers['export:run']({ format: 'csv', scope: 'all' });
    expect(t.handlers['export:showInFolder']({ path: answer.path })).toEqual({ shown: true });
    expect(t.shown).toEqual([answer.path]);
    fs.rmSync(answer.path);
    expect(() => t.handlers['export:showInFolder']({ path: answer.path })).toThrow(/no longer exists/);
  });
});

describe('the export contract', () => {
  it('validates requests strictly', () => {
    const run = exportRequestSchemas['export:run'];
    expect(run.safeParse({ format: 'parquet', scope: 'view', filter: { make: 'FORD', yearFrom: 2010 } }).success).toBe(true);
    expect(run.safeParse({ format: 'xlsx', scope: 'all' }).success).toBe(true);
    expect(run.safeParse({ format: 'ods', scope: 'all' }).success).toBe(false);
    const view = { format: 'xlsx', scope: 'view', columns: ['vin', 'attr:Colour'], sort: { column: 'unitNumber', direction: 'desc' } };
    expect(run.safeParse(view).success).toBe(true);
    expect(run.safeParse({ ...view, columns: [] }).success).toBe(false);
    expect(run.safeParse({ ...view, sort: { column: 'raw_json', direction: 'asc' } }).success).toBe(false);
    expect(run.safeParse({ format: 'csv', scope: 'all', path: '/etc/passwd' }).success).toBe(false);
    expect(run.safeParse({ format: 'csv', scope: 'view', filter: { sort: { column: 'vin', direction: 'asc' } } }).success).toBe(false);
  });

  it('names files fleet-YYYY-MM-DD and tells the format from the extension', () => {
    expect(defaultExportName('csv', new Date(2024, 0, 5))).toBe('fleet-2024-01-05.csv');
    expect(formatFromFileName('/x/Fleet.PARQUET')).toBe('parquet');
    expect(formatFromFileName('a.csv')).toBe('csv');
    expect(formatFromFileName('a.XLSX')).toBe('xlsx');
    expect(formatFromFileName('a.xls')).toBeNull();
    expect(formatFromFileName('noext')).toBeNull();
  });

  it('saves into <dataDir>/exports by default', async () => {
    fleet = createTestFleet(false);
    const file = (await saveIntoExportsFolder(fleet.dir)({ defaultName: 'fleet-2025-01-01.csv', filters: [] })) ?? '';
    expect(file).toBe(path.join(fleet.dir, 'exports', 'fleet-2025-01-01.csv'));
    expect(fs.statSync(path.dirname(file)).isDirectory()).toBe(true);
    // A second proposal never names the file already there.
    fs.writeFileSync(file, 'earlier export');
    const second = (await saveIntoExportsFolder(fleet.dir)({ defaultName: 'fleet-2025-01-01.csv', filters: [] })) ?? '';
    expect(second).toBe(path.join(fleet.dir, 'exports', 'fleet-2025-01-01 (2).csv'));
  });

  it('numbers a taken name before its extension, skipping every taken number', () => {
    const taken = new Set(['fleet.csv', 'fleet (2).csv', 'fleet (3).csv', 'notes']);
    expect(nextFreeName('fleet.csv', (n) => taken.has(n))).toBe('fleet (4).csv');
    expect(nextFreeName('fleet.xlsx', (n) => taken.has(n))).toBe('fleet.xlsx');
    expect(nextFreeName('notes', (n) => taken.has(n))).toBe('notes (2)');
  });
});
