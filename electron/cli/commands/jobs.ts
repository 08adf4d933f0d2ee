/**
 * `vinlookup jobs`: the import history with states and counts (`--json`: `{"jobs":[{jobId,
 * state,file,total,added,updated,duplicates,invalid,failed,rowsCommitted,createdAt,
 * finishedAt,error}]}`), newest first.
 */
import type { Command } from 'commander';
import type { CliCommand, CliRuntime } from '../cli-command';
import { EXIT_OK, formatTable, writeJson } from '../output';

export const jobsCommand: CliCommand = {
  name: 'jobs',
  register(program: Command, runtime: CliRuntime): void {
    program
      .command('jobs')
      .description('list imports (running, interrupted, done, cancelled, failed) with their counts')
      .action(async () => {
        await runtime.run(async (ctx, globals) => {
          const jobs = (await ctx.services.imports.jobs(1000)).map((j) => ({
            jobId: j.jobId,
            state: j.state,
            file: j.file,
            ...j.counts,
            rowsCommitted: j.rowsCommitted,
            createdAt: j.createdAt,
            finishedAt: j.finishedAt,
            error: j.error,
          }));
          if (globals.json) {
            writeJson(runtime.io, { jobs });
          } else {
            runtime.io.stdout(
              formatTable(
                ['Job', 'State', 'File', 'Rows', 'Added', 'Updated', 'Dup', 'Invalid', 'Failed', 'Started'],
                jobs.map((j) => [j.jobId, j.state, j.file, j.total, j.added, j.updated, j.duplicates, j.invalid, j.failed, j.createdAt]),
              ),
            );
          }
          return EXIT_OK;
        });
      });
  },
};
