/**
 * `vinlookup export <file.parquet|file.csv|file.xlsx>`: save the whole cache as Parquet, CSV or XLSX.
 *
 * The format follows the extension; anything else is an invalid input (exit 2). The export runs
 * in this process (`runExportJob`), not in a worker: the CLI has no window to keep responsive,
 * and its one-file bundle (vite.cli.config.ts) carries no separate worker entry. The file is
 * written atomically (temporary file + rename), so a failed run leaves an existing file intact.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { formatFromFileName, type ExportFormat } from '../../../shared/export/export-contract';
import { runExportJob } from '../../core/export/export-job';
import type { CliCommand, CliRuntime } from '../cli-command';
import { EXIT_INVALID_INPUT, EXIT_OK, writeJson } from '../output';

export interface ExportJson {
  readonly rows: number;
  readonly path: string;
  readonly format: ExportFormat;
  readonly durationMs: number;
}

export const exportCommand: CliCommand = {
  name: 'export',
  register(program: Command, runtime: CliRuntime): void {
    program
      .command('export')
      .description('save every cached vehicle to a Parquet (.parquet), CSV (.csv) or Excel (.xlsx) file')
      .argument('<file>', 'target file; its extension (.parquet, .csv or .xlsx) chooses the format')
      .action(async (file: string) => {
        await runtime.run(async (ctx, globals) => {
          const format = formatFromFileName(file);
          if (format === null) {
            const message = `cannot tell the format of "${file}": use a .parquet, .csv or .xlsx file name`;
            if (globals.json) writeJson(runtime.io, { errors: [{ input: file, code: 'INVALID_INPUT', message }] });
            else runtime.io.stderr(`vinlookup: ${message}\n`);
            return EXIT_INVALID_INPUT;
          }
          const target = path.resolve(file);
          const started = performance.now();
          const { rows } = await runExportJob({
            storage: ctx.store.location,
            target,
            format,
            tempJournalDir: ctx.paths.pendingWritesDir,
          });
          const result: ExportJson = { rows, path: target, format, durationMs: Math.round(performance.now() - started) };
          if (globals.json) writeJson(runtime.io, { rows: result.rows, path: result.path, format, durationMs: result.durationMs });
          else runtime.io.stdout(`Exported ${rows} vehicle(s) to ${target}\n`);
          return EXIT_OK;
        });
      });
  },
};
