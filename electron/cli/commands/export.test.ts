import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Command } from 'commander';
import readXlsxFile from 'read-excel-file/node';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppContext } from '../../core/app/app-context';
import { createTestFleet, type TestFleet } from '../../../testing/export-test-fleet';
import { createLogger } from '../../core/logging/logger';
import type { CliRuntime, GlobalOptions } from '../cli-command';
import type { ExitCode } from '../output';
import { exportCommand } from './export';

let fleet: TestFleet | null = null;
afterEach(() => {
  fleet?.close();
  fleet = null;
});

/** Runs `vinlookup [--json] export <file>` against the test fleet's cache, in-process. */
async function runExport(file: string, json: boolean): Promise<{ code: ExitCode | null; stdout: string; stderr: string }> {
  const f = fleet!;
  let stdout = '';
  let stderr = '';
  let code: ExitCode | null = null;
  const globals: GlobalOptions = { offline: true, json, verbose: false, db: f.databasePath, dataDir: f.dir };
  const runtime: CliRuntime = {
    io: { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
    globals: () => globals,
    async run(action) {
      const ctx = await createAppContext({
        dataDir: f.dir,
        databasePath: f.databasePath,
        runtime: 'cli',
        version: '0.0.0',
        logger: createLogger({ level: 'silent' }),
        emit: () => undefined,
        offline: true,
      });
      try {
        code = await action(ctx, globals);
      } finally {
        await ctx.close();
      }
    },
  };
  const program = new Command('vinlookup').exitOverride();
  exportCommand.register(program, runtime);
  await program.parseAsync(['export', file], { from: 'user' });
  return { code, stdout, stderr };
}

describe('vinlookup export', () => {
  it('writes the format the extension names and prints {rows, path} as JSON', async () => {
    fleet = createTestFleet(true);
    const file = path.join(fleet.dir, 'out.parquet');
    const run = await runExport(file, true);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ rows: 5, path: file, format: 'parquet' });
    const duck = await DuckDBInstance.create(':memory:');
    const con = await duck.connect();
    const rows = (await con.runAndReadAll(`SELECT COUNT(*)::INTEGER AS n FROM read_parquet('${file}')`)).getRowObjectsJS();
    expect(rows[0]!.n).toBe(5);
    con.closeSync();
    duck.closeSync();

    const csv = path.join(fleet.dir, 'out.csv');
    const csvRun = await runExport(csv, false);
    expect(csvRun.code).toBe(0);
    expect(csvRun.stdout).toBe(`Exported 5 vehicle(s) to ${csv}\n`);
    expect(fs.readFileSync(csv, 'utf8').startsWith('\uFEFFVIN,Make,Model,Year,')).toBe(true);

    const xlsx = path.join(fleet.dir, 'fleet.xlsx');
    const xlsxRun = await runExport(xlsx, true);
    expect(xlsxRun.code).toBe(0);
    expect(JSON.parse(xlsxRun.stdout)).toMatchObject({ rows: 5, path: xlsx, format: 'xlsx' });
    const [sheet] = await readXlsxFile(xlsx);
    expect(sheet!.data.length).toBe(6);
    expect(sheet!.data[0]!.slice(0, 2)).toEqual(['VIN', 'Make']);
  });

  it('refuses an unknown extension with exit 2 and writes nothing', async () => {
    fleet = createTestFleet(true);
    const run = await runExport(path.join(fleet.dir, 'out.xls'), false);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/use a \.parquet, \.csv or \.xlsx file name/);
    expect(fs.existsSync(path.join(fleet.dir, 'out.xls'))).toBe(false);
  });
});
