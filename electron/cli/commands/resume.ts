/**
 * `vinlookup resume <jobId> [--key <file>] [--passphrase-env <VAR>]`: continue an interrupted,
 * cancelled or failed import from its last committed row. Answers like `import`, with the whole
 * job's counts (a done job just answers them). Exit 2 for an unknown job or a running one.
 */
import type { Command } from 'commander';
import { AppFailure } from '../../core/ipc/app-failure';
import type { CliCommand, CliRuntime } from '../cli-command';
import { EXIT_DECODE_FAILED, EXIT_OK, writeJson } from '../output';
import { decryptionFromOptions, importJson, parseChunkSize, printRefusal, waitAndPrint, type DecryptionOptions } from './import';

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
          let answer;
          try {
            const job = await ctx.services.imports.job(jobId);
            if (job.state === 'done') {
              // A done job has nothing left: answer with its counts, like an import would.
              const document = await importJson(ctx, job);
              if (globals.json) writeJson(runtime.io, document);
              return document.failed > 0 ? EXIT_DECODE_FAILED : EXIT_OK;
            }
            const decryption = decryptionFromOptions(job.file, options);
            const chunkSize = options.chunkSize === undefined ? undefined : parseChunkSize(options.chunkSize);
            answer = await ctx.services.imports.resume(jobId, { ...(decryption ? { decryption } : {}), ...(chunkSize ? { chunkSize } : {}) });
          } catch (error) {
            if (!(error instanceof AppFailure) || error.code === 'INTERNAL' || error.code === 'STORAGE_ERROR') throw error;
            return printRefusal(runtime, globals.json, jobId, error);
          }
          return waitAndPrint(runtime, ctx, globals.json, answer);
        });
      });
  },
};
