/**
 * `vinlookup resume <jobId> [--key <file>] [--passphrase-env <VAR>]`: continue an interrupted,
 * cancelled or failed import from its last committed row. Answers like `import`, with the whole
 * job's counts (a done job just answers them). Exit 2 for an unknown job or a running one.
 */
import type { Command } from 'commander';
import { getJob } from '../../core/import/import-job-repository';
import { AppFailure } from '../../core/ipc/app-failure';
import { sqliteDatabaseOf } from '../../core/storage/sqlite/sqlite-fleet-store';
import type { CliCommand, CliRuntime } from '../cli-command';
import { EXIT_INVALID_INPUT, writeJson } from '../output';
import { decryptionFromOptions, parseChunkSize, runAndPrint, type DecryptionOptions } from './import';

interface ResumeOptions extends DecryptionOptions {
  readonly chunkSize?: string;
}

export const resumeCommand: CliCommand = {
  name: 'resume',
  register(program: Command, runtime: CliRuntime): void {
    program
      .command('resume')
      .description('continue an interrupted or cancelled import where it stopped')
      .argument('<jobId>', 'the job id (see `vinlookup jobs`)')
      .option('--key <file>', 'armored OpenPGP private key, for encrypted files')
      .option('--passphrase-env <VAR>', "environment variable holding the key's passphrase")
      .option('--chunk-size <rows>', 'rows per transaction (default 500)')
      .action(async (jobId: string, options: ResumeOptions) => {
        await runtime.run(async (ctx, globals) => {
          try {
            const job = getJob(sqliteDatabaseOf(ctx.store), jobId);
            if (!job) throw new AppFailure('NOT_FOUND', `There is no import job ${jobId}.`);
            // A done job has nothing left: answer with its counts, like an import would.
            if (!job.resumable && job.state !== 'done') {
              throw new AppFailure('INVALID_INPUT', `The import ${jobId} is ${job.state}; only interrupted, cancelled or failed imports can be resumed.`);
            }
            const decryption = decryptionFromOptions(job.file, options);
            const chunkSize = options.chunkSize === undefined ? undefined : parseChunkSize(options.chunkSize);
            return await runAndPrint(runtime, ctx, globals.json, jobId, {
              ...(decryption ? { decryption } : {}),
              ...(chunkSize ? { chunkSize } : {}),
            });
          } catch (error) {
            if (!(error instanceof AppFailure) || error.code === 'INTERNAL') throw error;
            if (globals.json) writeJson(runtime.io, { errors: [{ input: jobId, code: error.code, message: error.message }] });
            else runtime.io.stderr(`vinlookup: ${error.message}\n`);
            return EXIT_INVALID_INPUT;
          }
        });
      });
  },
};
