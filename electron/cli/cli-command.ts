/**
 * The shape every `vinlookup` sub-command has, and what the entry point hands it.
 *
 * A command is a file in `commands/` exporting one `CliCommand`; `commands/index.ts` lists them.
 * Commands never build the core, parse global options or pick exit codes for unexpected errors
 * themselves: they call `runtime.run(...)`, which opens the core once with the global options
 * (`--db`, `--data-dir`, `--vpic-url`, `--offline`), runs the action, closes the core and turns
 * a thrown error into a one-line message and exit code 1. Keeping that in one place means every
 * command behaves the same for scripts (see output.ts for the exit codes).
 */
import type { Command } from 'commander';
import type { AppContext } from '../core/app/app-context';
import type { ExitCode } from './output';

/** Options every command accepts (declared on the root program in vinlookup.ts). */
export interface GlobalOptions {
  /** SQLite cache file; default `<dataDir>/fleet.sqlite`. */
  readonly db?: string;
  /** Folder for logs and the offline snapshot; default the desktop app's data folder. */
  readonly dataDir?: string;
  /** vPIC base URL (tests point it at the simulator). */
  readonly vpicUrl?: string;
  /** NHTSA API base URL for recalls (tests point it at the simulator). */
  readonly nhtsaApiUrl?: string;
  /** Days a cached recalls answer stays fresh (default 7). */
  readonly recallsMaxAge?: number;
  /** Never ask vPIC: decode with the offline snapshot. */
  readonly offline: boolean;
  /** Machine-readable output on stdout. */
  readonly json: boolean;
  /** Also log to stderr. */
  readonly verbose: boolean;
}

/** Where a command writes (injected so output helpers need no process globals). */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export interface CliRuntime {
  readonly io: CliIo;
  /** The global options as parsed; valid inside an action. */
  globals(): GlobalOptions;
  /**
   * Open the core, run `action`, close the core, set the process exit code to what it returned.
   * Thrown errors become `vinlookup: <message>` on stderr and exit 1.
   */
  run(action: (ctx: AppContext, globals: GlobalOptions) => Promise<ExitCode>): Promise<void>;
}

/**
 * One sub-command. `register` adds it to the program (`program.command(name)…action(…)`);
 * its action must go through `runtime.run` so the core is opened and closed the same way.
 */
export interface CliCommand {
  readonly name: string;
  register(program: Command, runtime: CliRuntime): void;
}
