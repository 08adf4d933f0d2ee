/**
 * `vinlookup import <file> [--key <file>] [--passphrase-env <VAR>] [--vin-column <name>] [--map field=header]… [--refresh]`
 *
 * Prints the proposed column mapping (stderr) before importing; `--map` corrects it and is
 * remembered for files with the same headers.
 *
 * Goes through the same import service as the desktop app (queue, job ownership, the vPIC →
 * offline fallback), which runs the job in this process: the CLI has no window to keep
 * responsive. Waits for the job's end and prints the counts (`--json`: `{jobId,total,added,updated,
 * duplicates,invalid,failed,rejects:[{row,value,reason,code,kind}]}`). Exit 0 when done, 2 when
 * the file cannot be imported (unreadable, undecryptable, no VIN column), 3 when some VINs
 * could not be decoded (vPIC and the offline snapshot both failed). Ctrl-C cancels after the
 * current chunk; `vinlookup resume <jobId>` continues.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { ImportReject } from '../../../shared/import/import-contract';
import type { AppContext } from '../../core/app/app-context';
import { mappedVinColumn, type ColumnMapping } from '../../../shared/fleet-fields/column-mapping';
import { applyMappingOverrides, describeMapping } from '../../core/import/column-mapping';
import type { ImportJobRecord } from '../../core/import/import-job-record';
import type { ImportStartAnswer } from '../../../shared/import/import-contract';
import { isEncryptedPath, type Decryption } from '../../core/import/openpgp-file';
import { AppFailure } from '../../core/ipc/app-failure';
import type { CliCommand, CliRuntime } from '../cli-command';
import { EXIT_DECODE_FAILED, EXIT_INVALID_INPUT, EXIT_OK, formatTable, writeJson, type ExitCode } from '../output';

export interface ImportJson {
  readonly jobId: string;
  readonly state: string;
  readonly total: number;
  readonly added: number;
  readonly updated: number;
  readonly duplicates: number;
  readonly invalid: number;
  readonly failed: number;
  readonly rejects: readonly ImportReject[];
}

export interface DecryptionOptions {
  readonly key?: string;
  readonly passphraseEnv?: string;
}

/** Key file + passphrase from the environment, for encrypted files (never from argv: it shows in `ps`). */
export function decryptionFromOptions(file: string, options: DecryptionOptions): Decryption | undefined {
  if (!isEncryptedPath(file)) return undefined;
  if (!options.key) throw new AppFailure('INVALID_INPUT', `${file} is encrypted: pass your private key with --key <file>.`);
  let armoredKey: string;
  try {
    // A FIFO or device given as the key would block the read (or never end): regular files only.
    if (!fs.statSync(options.key).isFile()) throw new Error('it is not a regular file');
    armoredKey = fs.readFileSync(options.key, 'utf8');
  } catch (error) {
    throw new AppFailure('INVALID_INPUT', `The key file ${options.key} cannot be read: ${(error as Error).message}`);
  }
  const variable = options.passphraseEnv;
  const passphrase = variable ? process.env[variable] : undefined;
  if (variable && passphrase === undefined) {
    throw new AppFailure('INVALID_INPUT', `The environment variable ${variable} (--passphrase-env) is not set.`);
  }
  return { armoredKey, passphrase: passphrase ?? '' };
}

async function allRejects(ctx: AppContext, jobId: string): Promise<ImportReject[]> {
  const out: ImportReject[] = [];
  for (let offset = 0; ; ) {
    const page = await ctx.services.imports.report(jobId, offset, 1000);
    out.push(...page.rejects);
    offset += page.rejects.length;
    if (page.rejects.length === 0 || offset >= page.total) return out;
  }
}

export async function importJson(ctx: AppContext, job: ImportJobRecord): Promise<ImportJson> {
  const c = job.counts;
  return {
    jobId: job.jobId,
    state: job.state,
    total: c.total,
    added: c.added,
    updated: c.updated,
    duplicates: c.duplicates,
    invalid: c.invalid,
    failed: c.failed,
    rejects: await allRejects(ctx, job.jobId),
  };
}

/** One line (or a JSON error document) for a request the import could not take; exit 2. */
export function printRefusal(runtime: CliRuntime, json: boolean, input: string, error: AppFailure): ExitCode {
  if (json) writeJson(runtime.io, { errors: [{ input, code: error.code, message: error.message }] });
  else runtime.io.stderr(`vinlookup: ${error.message}\n`);
  return EXIT_INVALID_INPUT;
}

/**
 * Wait for a queued job (Ctrl-C cancels it after the chunk being committed) and return its
 * final record. The service has recorded how it ended.
 */
export async function waitForJob(ctx: AppContext, jobId: string): Promise<ImportJobRecord> {
  const onSigint = (): void => {
    // A failed cancel leaves the job running to its end: the wait below still ends.
    ctx.services.imports.cancel(jobId).catch((error: unknown) => ctx.logger.warn({ err: error, jobId }, 'cancelling the import failed'));
  };
  process.once('SIGINT', onSigint);
  try {
    await ctx.services.imports.whenIdle();
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
  return ctx.services.imports.job(jobId);
}

/** Wait for a queued import or resume and print it; the exit code per the CLI contract. */
export async function waitAndPrint(runtime: CliRuntime, ctx: AppContext, json: boolean, answer: ImportStartAnswer): Promise<ExitCode> {
  const job = await waitForJob(ctx, answer.jobId);
  if (job.state === 'failed' && job.error) {
    // The user's file problems are refusals (exit 2); the store's or ours are unexpected.
    if (job.error.code === 'INTERNAL' || job.error.code === 'STORAGE_ERROR') {
      // The error itself, so a locked database or a full disk gets its own exit code.
      throw ctx.services.imports.failureCause(job.jobId) ?? new AppFailure(job.error.code, job.error.message);
    }
    // A changed file cannot be resumed: say how to import it afresh.
    const message = job.error.code === 'FILE_CHANGED' ? `${job.error.message} Run: vinlookup import ${JSON.stringify(job.file)}` : job.error.message;
    if (json) writeJson(runtime.io, { jobId: job.jobId, errors: [{ input: job.jobId, code: job.error.code, message }] });
    else runtime.io.stderr(`vinlookup: ${message}\n`);
    return EXIT_INVALID_INPUT;
  }
  const document = await importJson(ctx, job);
  if (json) {
    writeJson(runtime.io, document);
  } else {
    runtime.io.stdout(
      formatTable(
        ['Job', 'State', 'Rows', 'Added', 'Updated', 'Duplicates', 'Invalid', 'Failed'],
        [[job.jobId, job.state, document.total, document.added, document.updated, document.duplicates, document.invalid, document.failed]],
      ),
    );
    for (const r of document.rejects.slice(0, 50)) runtime.io.stderr(`row ${r.row} (${r.value === '' ? 'empty' : r.value}): ${r.reason}\n`);
    if (document.rejects.length > 50) runtime.io.stderr(`… and ${document.rejects.length - 50} more rejected rows (use --json)\n`);
    if (job.state === 'cancelled') runtime.io.stderr(`Cancelled; continue with: vinlookup resume ${job.jobId}\n`);
  }
  return document.failed > 0 ? EXIT_DECODE_FAILED : EXIT_OK;
}

export function parseChunkSize(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new AppFailure('INVALID_INPUT', `--chunk-size must be 1-100000, not "${value}"`);
  return n;
}

interface ImportOptions extends DecryptionOptions {
  readonly vinColumn?: string;
  readonly map: readonly string[];
  readonly sheet?: string;
  readonly refresh: boolean;
  readonly chunkSize?: string;
}

/** `--sheet 2` is the second sheet; any other text is a sheet name. */
function sheetOf(value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** The VIN column: --vin-column, else the one a --map vin=… names. */
function vinColumnOf(vinColumn: string | undefined, mapping: ColumnMapping | undefined): string | undefined {
  if (vinColumn !== undefined) return vinColumn;
  return mapping !== undefined ? (mappedVinColumn(mapping) ?? undefined) : undefined;
}

export const importCommand: CliCommand = {
  name: 'import',
  register(program: Command, runtime: CliRuntime): void {
    program
      .command('import')
      .description('import a fleet CSV or Excel (.xlsx) file (or an OpenPGP-encrypted .gpg/.pgp/.asc CSV): store valid VINs, report the rest')
      .argument('<file>', 'CSV file (comma, semicolon or tab separated) or Excel workbook (.xlsx)')
      .option('--key <file>', 'armored OpenPGP private key, for encrypted files')
      .option('--passphrase-env <VAR>', "environment variable holding the key's passphrase")
      .option('--vin-column <name>', 'header of the VIN column (when it cannot be detected)')
      .option(
        '--map <field=header>',
        'put a column into a field (vin, unitNumber, plate, plateRegion, department, driver, odometer, inServiceDate, notes, custom, ignore); repeatable',
        (value: string, previous: string[]) => [...previous, value],
        [] as string[],
      )
      .option('--sheet <name|number>', 'Excel files: the sheet to import (default: the first)')
      .option('--refresh', 'decode VINs again even when already stored', false)
      .option('--chunk-size <rows>', 'rows per transaction (default 500)')
      .action(async (file: string, options: ImportOptions) => {
        await runtime.run(async (ctx, globals) => {
          let answer: ImportStartAnswer;
          try {
            // The CLI's argument is the user's choice: granted like a file from the open dialog,
            // which resolves symlinks and refuses folders, FIFOs, devices and sockets up front.
            const { grantId } = await ctx.grants.grant(path.resolve(file));
            const target = await ctx.grants.resolve(grantId);
            const decryption = decryptionFromOptions(target, options);
            const chunkSize = options.chunkSize === undefined ? undefined : parseChunkSize(options.chunkSize);
            const sheet = sheetOf(options.sheet);
            // The mapping the app would propose (remembered, else by synonyms), with --map applied;
            // printed so the user sees where each column goes and can correct it next time.
            const preview = await ctx.services.imports.preview(target, { ...(decryption ? { decryption } : {}), ...(sheet !== undefined ? { sheet } : {}) });
            let mapping: ColumnMapping | undefined;
            if (preview.hasHeader && preview.mapping) {
              const vinFirst = options.vinColumn !== undefined ? [`vin=${options.vinColumn}`] : [];
              mapping = applyMappingOverrides(preview.mapping, preview.columns, [...vinFirst, ...options.map]);
              if (!globals.json) runtime.io.stderr(`Column mapping:\n${describeMapping(mapping).map((l) => `  ${l}\n`).join('')}`);
            } else if (options.map.length > 0) {
              throw new AppFailure('INVALID_INPUT', 'This file has no header row, so --map has no column names to use; use --vin-column "Column N".');
            }
            const vinColumn = vinColumnOf(options.vinColumn, mapping);
            answer = await ctx.services.imports.start({
              path: target,
              ...(vinColumn !== undefined ? { vinColumn } : {}),
              refresh: options.refresh,
              ...(decryption ? { decryption } : {}),
              // Only a mapping the user gave is the job's (and remembered); the proposal is not.
              ...(mapping !== undefined && (options.map.length > 0 || options.vinColumn !== undefined) ? { mapping } : {}),
              ...(sheet !== undefined ? { sheet } : {}),
              ...(chunkSize ? { chunkSize } : {}),
            });
          } catch (error) {
            if (!(error instanceof AppFailure) || error.code === 'INTERNAL' || error.code === 'STORAGE_ERROR') throw error;
            return printRefusal(runtime, globals.json, file, error);
          }
          return waitAndPrint(runtime, ctx, globals.json, answer);
        });
      });
  },
};
