/**
 * `vinlookup remove <vin…>`: delete cached vehicles by VIN.
 *
 * Inputs are normalised like everywhere else (case, spaces, dashes), so `remove 1xp-wd40…` hits
 * the row `lookup 1xp-wd40…` stored. Invalid VINs are reported (exit 2) and never touch the
 * database; a valid VIN that is not cached is `removed: false`, which is not an error (a script
 * removing twice should succeed twice).
 */
import type { Command } from 'commander';
import { validateVin } from '../../../shared/vin/vin-rules';
import type { FleetStore } from '../../core/storage/fleet-store';
import type { CliCommand, CliRuntime } from '../cli-command';
import { exitCodeForErrors, formatTable, writeErrorLines, writeJson, type CliInputError } from '../output';

export interface RemoveJson {
  readonly results: readonly { readonly vin: string; readonly removed: boolean }[];
  readonly errors: readonly CliInputError[];
}

/**
 * Remove for good: the store's removal, whose undo a one-shot command never offers, then its undo
 * discarded. Says per VIN (in input order) whether it was stored.
 */
async function removeForGood(store: FleetStore, vins: readonly string[]): Promise<{ vin: string; removed: boolean }[]> {
  const stored = await store.vehicles.getManyByVin(vins);
  const ids = [...stored.values()].map((vehicle) => vehicle.id);
  if (ids.length > 0) {
    const { token } = await store.removals.remove(ids, () => undefined);
    await store.removals.discard(token);
  }
  const reported = new Set<string>();
  return vins.map((vin) => {
    // A VIN given twice is removed once; the second mention finds it gone, as a second run would.
    const removed = stored.has(vin) && !reported.has(vin);
    reported.add(vin);
    return { vin, removed };
  });
}

export const removeCommand: CliCommand = {
  name: 'remove',
  register(program: Command, runtime: CliRuntime): void {
    program
      .command('remove')
      .description('remove cached vehicles by VIN')
      .argument('<vin...>', 'one or more VINs')
      .action(async (inputs: string[]) => {
        await runtime.run(async (ctx, globals) => {
          const errors: CliInputError[] = [];
          const vins: string[] = [];
          for (const input of inputs) {
            const validation = validateVin(input);
            const firstError = validation.issues.find((issue) => issue.severity === 'error');
            if (firstError) errors.push({ input, code: 'INVALID_INPUT', message: firstError.message });
            else vins.push(validation.vin);
          }
          const results = vins.length > 0 ? await removeForGood(ctx.store, vins) : [];
          const document: RemoveJson = { results, errors };
          if (globals.json) writeJson(runtime.io, document);
          else {
            if (results.length > 0) {
              runtime.io.stdout(
                formatTable(
                  ['VIN', 'Removed'],
                  results.map((r) => [r.vin, r.removed ? 'removed' : 'not cached']),
                ),
              );
            }
            writeErrorLines(runtime.io, errors);
          }
          return exitCodeForErrors(errors);
        });
      });
  },
};
