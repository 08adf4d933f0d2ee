/**
 * `vinlookup migrate --to <postgres URL>` | `vinlookup migrate --to-file <fleet.sqlite>`
 *
 * Moves a fleet between stores: the current store (the `--db` SQLite file by default, or the
 * `--database-url` server) is copied into the target, a team's PostgreSQL server or a SQLite file
 * to take offline. The copy goes through the store interface (`copyFleet`): the target assigns
 * ids, never stores a VIN twice, and a second run adds nothing. Prints `read, added, updated,
 * unchanged, recallModels` (`--json`: that document); progress goes to stderr for big fleets.
 * Exit 2 for a bad target (none, both, the source itself, an unreadable URL), 6 when the server
 * cannot be reached.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { copyFleet, type CopyFleetProgress } from '../../core/storage/copy-fleet';
import { DatabaseUrlError, parseDatabaseUrl } from '../../core/storage/database-url';
import type { FleetStore } from '../../core/storage/fleet-store';
import { openFleetStore } from '../../core/storage/open-fleet-store';
import { describeLocation, type StorageLocation } from '../../core/storage/storage-location';
import type { CliCommand, CliIo, CliRuntime } from '../cli-command';
import { EXIT_INVALID_INPUT, EXIT_OK, formatTable, writeJson } from '../output';

interface MigrateOptions {
  readonly to?: string;
  readonly toFile?: string;
}

/** Below this many vehicles a copy takes a moment: no progress lines. */
const PROGRESS_FROM = 5000;

const NOT_COPIED =
  'Not copied: import history (jobs and rejects reports), remembered column mappings and pending undos; ' +
  'ids and first-stored times are assigned by the target.';

/** The target the options name, or the sentence saying why they name none. */
function targetOf(options: MigrateOptions): StorageLocation | string {
  if ((options.to === undefined) === (options.toFile === undefined)) return 'migrate needs one target: --to <postgres URL> or --to-file <fleet.sqlite>.';
  if (options.toFile !== undefined) return { kind: 'sqlite', path: path.resolve(options.toFile) };
  try {
    return parseDatabaseUrl(options.to!, '--to');
  } catch (error) {
    if (error instanceof DatabaseUrlError) return error.message;
    throw error;
  }
}

/** A progress line per tenth of a big fleet. */
function progressReporter(io: CliIo): (progress: CopyFleetProgress) => void {
  let lastTenth = 0;
  return ({ read, total }) => {
    if (total < PROGRESS_FROM) return;
    const tenth = Math.floor((read * 10) / total);
    if (tenth <= lastTenth) return;
    lastTenth = tenth;
    io.stderr(`copied ${read} of ${total} vehicle(s)\n`);
  };
}

export const migrateCommand: CliCommand = {
  name: 'migrate',
  register(program: Command, runtime: CliRuntime): void {
    program
      .command('migrate')
      .description('copy the fleet into a team database (--to) or into a SQLite file to take offline (--to-file)')
      .option('--to <url>', 'the team database: postgres://user[:password]@host:5432/database')
      .option('--to-file <file>', 'a SQLite file (created if missing)')
      .addHelpText(
        'after',
        `\nCopies every vehicle (decode, raw vPIC record, fleet fields, custom attributes) and the cached recalls answers.\n` +
          `${NOT_COPIED}\nA VIN the target already holds keeps its id there; running it again adds nothing.\n`,
      )
      .action(async (options: MigrateOptions) => {
        await runtime.run(async (ctx, globals) => {
          const target = targetOf(options);
          if (typeof target === 'string' || describeLocation(target) === describeLocation(ctx.store.location)) {
            const message = typeof target === 'string' ? target : `the target ${describeLocation(target)} is the fleet being copied.`;
            if (globals.json) writeJson(runtime.io, { errors: [{ input: options.to ?? options.toFile ?? '', code: 'INVALID_INPUT', message }] });
            else runtime.io.stderr(`vinlookup: ${message}\n`);
            return EXIT_INVALID_INPUT;
          }
          let store: FleetStore | null = null;
          try {
            store = await openFleetStore(target);
            const result = await copyFleet(ctx.store, store, { onProgress: progressReporter(runtime.io) });
            const to = describeLocation(store.location);
            if (globals.json) writeJson(runtime.io, { ...result, from: describeLocation(ctx.store.location), to });
            else {
              runtime.io.stdout(`Copied the fleet to ${to}\n`);
              runtime.io.stdout(
                formatTable(['Read', 'Added', 'Updated', 'Unchanged', 'Recall answers'], [[result.read, result.added, result.updated, result.unchanged, result.recallModels]]),
              );
            }
            return EXIT_OK;
          } finally {
            await store?.close();
          }
        });
      });
  },
};
