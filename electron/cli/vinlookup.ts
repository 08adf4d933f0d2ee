/**
 * `vinlookup`: the administrators' and scripts' shell around the same core the desktop app uses.
 *
 * It builds the core with `createAppContext` (runtime 'cli') on the desktop app's data folder by
 * default, so both share one cache; logs go to the data folder's `logs/` (and stderr with
 * `--verbose`); events have no listener here. Sub-commands live in `commands/` (see
 * `commands/index.ts`); exit codes and output formats are in `output.ts`.
 */
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { version } from '../../package.json';
import { createAppContext } from '../core/app/app-context';
import { dataPaths } from '../core/app/data-paths';
import { defaultDataDir } from '../core/app/default-data-dir';
import { AppFailure } from '../core/ipc/app-failure';
import { createLogger } from '../core/logging/logger';
import { DATABASE_URL_ENV } from '../core/storage/database-url';
import { resolveStorageLocation } from '../core/storage/resolve-storage-location';
import { describeLocation } from '../core/storage/storage-location';
import type { CliIo, CliRuntime, GlobalOptions } from './cli-command';
import { commands } from './commands/index';
import { commandFailure, EXIT_INVALID_INPUT, EXIT_UNEXPECTED, unexpectedMessage, type ExitCode } from './output';

function nonNegativeInteger(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}

interface ParsedGlobals extends GlobalOptions {
  readonly databaseUrl?: string;
  readonly vpicTimeout?: number;
  readonly vpicRetries?: number;
  readonly busyTimeout?: number;
}

/** Builds the program; `run` resolves with the exit code (the caller decides how to exit). */
export function createProgram(io: CliIo): { program: Command; exitCode: () => ExitCode } {
  let exitCode: ExitCode = 0;
  const program = new Command('vinlookup');
  program
    .description('Decode VINs through NHTSA vPIC with the Fleet VIN Lookup cache')
    .version(version)
    .option('--db <file>', 'SQLite cache file (default: <data dir>/fleet.sqlite)')
    .option('--database-url <url>', 'a team database: postgres://user[:password]@host:5432/database[?sslmode=require] (default: FLEET_DATABASE_URL, else the SQLite file)')
    .option('--data-dir <dir>', 'folder for logs and the offline snapshot (default: the desktop app’s data folder)')
    .option('--vpic-url <url>', 'vPIC API base URL (default: NHTSA’s)')
    .option('--vpic-timeout <ms>', 'timeout of one vPIC request', nonNegativeInteger)
    .option('--vpic-retries <n>', 'retries of a failed vPIC request before decoding offline', nonNegativeInteger)
    .option('--nhtsa-api-url <url>', 'NHTSA API base URL for recalls (default: https://api.nhtsa.gov)')
    .option('--recalls-max-age <days>', 'fetch recalls again when the cached answer is older than this (default 7)', nonNegativeInteger)
    .option('--busy-timeout <ms>', 'how long to wait for another program writing to the database (default 30000)', nonNegativeInteger)
    .option('--offline', 'never ask vPIC: decode with the offline snapshot', false)
    .option('--json', 'machine-readable output on stdout', false)
    .option('--verbose', 'also write the log to stderr', false)
    .showHelpAfterError()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    // Commander would call process.exit itself; we want its usage errors to be exit code 2.
    .exitOverride();

  const globals = (): ParsedGlobals => program.opts<ParsedGlobals>();

  const runtime: CliRuntime = {
    io,
    globals,
    async run(action) {
      const options = globals();
      const dataDir = path.resolve(options.dataDir ?? defaultDataDir());
      const paths = dataPaths(dataDir, options.db ? path.resolve(options.db) : undefined);
      const logger = createLogger({ logDir: paths.logDir, level: 'info', stderr: options.verbose });
      let ctx: Awaited<ReturnType<typeof createAppContext>> | null = null;
      let where = paths.databasePath;
      try {
        if (options.db !== undefined && (options.databaseUrl ?? process.env[DATABASE_URL_ENV])) {
          throw new AppFailure('INVALID_INPUT', `--db names a SQLite file and ${options.databaseUrl ? '--database-url' : DATABASE_URL_ENV} a server: give one of them.`);
        }
        // The flag, then the environment, then the SQLite file. Settings' saved team server is the
        // desktop app's (its password is sealed by the desktop's keychain, which a script has not).
        const { location } = resolveStorageLocation({
          cliUrl: options.databaseUrl,
          envUrl: process.env[DATABASE_URL_ENV],
          saved: null,
          defaultSqlitePath: paths.databasePath,
        });
        where = describeLocation(location);
        ctx = await createAppContext({
          dataDir,
          databasePath: paths.databasePath,
          storage: location,
          runtime: 'cli',
          importsInProcess: true,
          version,
          logger,
          emit: () => undefined,
          ...(options.vpicUrl ? { vpicUrl: options.vpicUrl } : {}),
          vpicOptions: {
            ...(options.vpicTimeout !== undefined ? { timeoutMs: options.vpicTimeout } : {}),
            ...(options.vpicRetries !== undefined ? { retries: options.vpicRetries } : {}),
          },
          ...(options.nhtsaApiUrl ? { nhtsaApiUrl: options.nhtsaApiUrl } : {}),
          ...(options.recallsMaxAge !== undefined ? { recallsMaxAgeMs: options.recallsMaxAge * 24 * 60 * 60 * 1000 } : {}),
          offline: options.offline,
          ...(options.busyTimeout !== undefined ? { busyTimeoutMs: options.busyTimeout } : {}),
        });
        exitCode = await action(ctx, options);
      } catch (error) {
        logger.error({ err: error }, 'vinlookup failed');
        const failure = commandFailure(error, where);
        io.stderr(`vinlookup: ${failure.line}\n`);
        exitCode = failure.code;
      } finally {
        await ctx?.close().catch(() => undefined);
        logger.flush();
      }
    },
  };

  for (const command of commands) command.register(program, runtime);
  return { program, exitCode: () => exitCode };
}

/** Parses argv, runs the command, resolves with the process exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const { program, exitCode } = createProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version "fail" with exit code 0; usage errors are invalid input.
      return error.exitCode === 0 ? 0 : EXIT_INVALID_INPUT;
    }
    io.stderr(`vinlookup: ${unexpectedMessage(error)}\n`);
    return EXIT_UNEXPECTED;
  }
  return exitCode();
}

const io: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

main(process.argv.slice(2), io).then(
  (code) => {
    // Exit explicitly: the log file's rotation timer must not keep a finished command alive.
    process.stdout.write('', () => process.exit(code));
  },
  (error: unknown) => {
    process.stderr.write(`vinlookup: ${unexpectedMessage(error)}\n`);
    process.exit(EXIT_UNEXPECTED);
  },
);
