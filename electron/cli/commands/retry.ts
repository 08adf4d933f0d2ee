/**
 * `vinlookup retry <jobId> [--chunk-size <rows>]`: decode a stopped import's failed rows again
 * (vPIC, offline fallback) and store what now succeeds; recovered rows leave the report and
 * count as added. Answers like `import`, with the whole job's counts plus `retried` and
 * `recovered` (`--json`). Exit 0 when nothing is left failed, 3 when some rows still fail,
 * 2 for an unknown job or one that is queued or running.
 */
import type { Command } from 'commander';
import { AppFailure } from '../../core/ipc/app-failure';
import type { CliCommand, CliRuntime } from '../cli-command';
import { EXIT_DECODE_FAILED, EXIT_OK, formatTable, writeJson } from '../output';
import { importJson, parseChunkSize, printRefusal, waitForJob } from './import';

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
          let failedBefore: number;
          try {
            const chunkSize = options.chunkSize === undefined ? undefined : parseChunkSize(options.chunkSize);
            failedBefore = (await ctx.services.imports.job(jobId)).counts.failed;
            await ctx.services.imports.retryFailed(jobId, chunkSize ? { chunkSize } : {});
          } catch (error) {
            if (!(error instanceof AppFailure) || error.code === 'INTERNAL' || error.code === 'STORAGE_ERROR') throw error;
            return printRefusal(runtime, globals.json, jobId, error);
          }
          const job = await waitForJob(ctx, jobId);
          // Every failed row is tried once: what is no longer failed was recovered.
          const result = { job, retried: failedBefore, recovered: failedBefore - job.counts.failed, stillFailed: job.counts.failed };
          const document = { ...(await importJson(ctx, result.job)), retried: result.retried, recovered: result.recovered };
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
