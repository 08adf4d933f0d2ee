/**
 * `vinlookup retry <jobId> [--chunk-size <rows>]`: decode a stopped import's failed rows again
 * (vPIC, offline fallback) and store what now succeeds; recovered rows leave the report and
 * count as added. Answers like `import`, with the whole job's counts plus `retried` and
 * `recovered` (`--json`). Exit 0 when nothing is left failed, 3 when some rows still fail,
 * 2 for an unknown job or one that is queued or running.
 */
import type { Command } from 'commander';
import { retryFailedRows } from '../../core/import/retry-failed';
import { AppFailure } from '../../core/ipc/app-failure';
import { sqliteDatabaseOf } from '../../core/storage/sqlite/sqlite-fleet-store';
import type { CliCommand, CliRuntime } from '../cli-command';
import { EXIT_DECODE_FAILED, EXIT_INVALID_INPUT, EXIT_OK, formatTable, writeJson } from '../output';
import { cliDecoder, importJson, parseChunkSize } from './import';

interface RetryOptions {
  readonly chunkSize?: string;
}

export const retryCommand: CliCommand = {
  name: 'retry',
  register(program: Command, runtime: CliRuntime): void {
    program
      .command('retry')
      .description("decode an import's failed rows again and store the ones that succeed now")
      .argument('<jobId>', 'the job id (see `vinlookup jobs`)')
      .option('--chunk-size <rows>', 'rows per transaction (default 500)')
      .action(async (jobId: string, options: RetryOptions) => {
        await runtime.run(async (ctx, globals) => {
          let result;
          try {
            const chunkSize = options.chunkSize === undefined ? undefined : parseChunkSize(options.chunkSize);
            result = await retryFailedRows(
              { db: sqliteDatabaseOf(ctx.store), decode: cliDecoder(ctx), now: () => new Date(), logger: ctx.logger, ...(chunkSize ? { chunkSize } : {}) },
              jobId,
            );
          } catch (error) {
            if (!(error instanceof AppFailure) || error.code === 'INTERNAL' || error.code === 'STORAGE_ERROR') throw error;
            if (globals.json) writeJson(runtime.io, { errors: [{ input: jobId, code: error.code, message: error.message }] });
            else runtime.io.stderr(`vinlookup: ${error.message}\n`);
            return EXIT_INVALID_INPUT;
          }
          const document = { ...importJson(ctx, result.job), retried: result.retried, recovered: result.recovered };
          if (globals.json) {
            writeJson(runtime.io, document);
          } else {
            runtime.io.stdout(
              formatTable(
                ['Job', 'Retried', 'Recovered', 'Still failed', 'Added', 'Updated'],
                [[jobId, result.retried, result.recovered, result.stillFailed, document.added, document.updated]],
              ),
            );
            for (const r of document.rejects.filter((x) => x.kind === 'failed').slice(0, 50)) {
              runtime.io.stderr(`row ${r.row} (${r.value}): ${r.reason}\n`);
            }
          }
          return result.stillFailed > 0 ? EXIT_DECODE_FAILED : EXIT_OK;
        });
      });
  },
};
