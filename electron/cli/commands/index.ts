/**
 * Every `vinlookup` sub-command, in the order `--help` lists them.
 *
 * To add a command: create `commands/<name>.ts` exporting a `CliCommand` (see `../cli-command.ts`
 * and `lookup.ts` for a complete example: arguments, options, `runtime.run`, JSON and table
 * output through `../output.ts`), import it here and append it to this array. Nothing else needs
 * to change — vinlookup.ts registers whatever this list holds.
 */
import type { CliCommand } from '../cli-command';
import { exportCommand } from './export';
import { importCommand } from './import';
import { jobsCommand } from './jobs';
import { listCommand } from './list';
import { recallsCommand } from './recalls';
import { summaryCommand } from './summary';
import { lookupCommand } from './lookup';
import { migrateCommand } from './migrate';
import { removeCommand } from './remove';
import { resumeCommand } from './resume';
import { retryCommand } from './retry';

export const commands: readonly CliCommand[] = [
  lookupCommand,
  removeCommand,
  listCommand,
  exportCommand,
  importCommand,
  jobsCommand,
  resumeCommand,
  retryCommand,
  recallsCommand,
  summaryCommand,
  migrateCommand,
];
