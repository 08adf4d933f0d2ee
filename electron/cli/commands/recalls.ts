/**
 * `vinlookup recalls <vin…>`: recalls NHTSA lists for each vehicle's make, model and year.
 *
 * VINs not in the cache are decoded first (like `lookup`). Then NHTSA is asked once per
 * distinct make/model/year whose cached answer is missing or stale; fresh cached answers are
 * used without asking again. Recalls are listed per model, not confirmed for the VIN: the text
 * output says so, and `status` never claims more than NHTSA's list does.
 */
import type { Command } from 'commander';
import { RECALLS_CAVEAT, RECALL_STATUS_LABELS, type RecallStatus, type VehicleRecalls } from '../../../shared/recalls/recall-types';
import type { CliCommand, CliRuntime } from '../cli-command';
import { exitCodeForErrors, formatTable, writeErrorLines, writeJson, type CliInputError } from '../output';

export interface RecallsResultJson {
  readonly vin: string;
  readonly status: RecallStatus;
  readonly campaigns: readonly {
    readonly campaignNumber: string;
    readonly reportReceivedDate: string | null;
    readonly component: string | null;
    readonly summary: string | null;
    readonly consequence: string | null;
    readonly remedy: string | null;
    readonly parkIt: boolean;
    readonly parkOutside: boolean;
  }[];
  readonly fetchedAt: string | null;
}

export interface RecallsJson {
  readonly results: readonly RecallsResultJson[];
  /** Present only when some input could not be looked up. */
  readonly errors?: readonly CliInputError[];
}

function resultJson(recalls: VehicleRecalls): RecallsResultJson {
  return {
    vin: recalls.vin,
    status: recalls.status,
    campaigns: recalls.campaigns.map((c) => ({
      campaignNumber: c.campaignNumber,
      reportReceivedDate: c.reportReceivedDate,
      component: c.component,
      summary: c.summary,
      consequence: c.consequence,
      remedy: c.remedy,
      parkIt: c.parkIt,
      parkOutside: c.parkOutside,
    })),
    fetchedAt: recalls.fetchedAt,
  };
}

function printText(runtime: CliRuntime, recalls: readonly VehicleRecalls[]): void {
  runtime.io.stdout(
    formatTable(
      ['VIN', 'Make', 'Model', 'Year', 'Recalls', 'Park it', 'Campaigns', 'Fetched at'],
      recalls.map((r) => [
        r.vin,
        r.make,
        r.model,
        r.modelYear,
        r.status === 'found' ? `${r.campaigns.length} listed for the model` : RECALL_STATUS_LABELS[r.status],
        r.campaigns.some((c) => c.parkIt || c.parkOutside) ? 'yes' : '',
        r.campaigns.map((c) => c.campaignNumber).join(' '),
        r.fetchedAt,
      ]),
    ),
  );
  runtime.io.stdout(`${RECALLS_CAVEAT}\n`);
}

export const recallsCommand: CliCommand = {
  name: 'recalls',
  register(program: Command, runtime: CliRuntime): void {
    program
      .command('recalls')
      .description('recalls NHTSA lists for each vehicle’s make, model and year (decoding uncached VINs first)')
      .argument('<vin...>', 'one or more VINs')
      .option('--refresh', 'ask NHTSA again even when the cached answer is fresh', false)
      .action(async (vins: string[], options: { refresh: boolean }) => {
        await runtime.run(async (ctx, globals) => {
          const looked = await ctx.services.lookup.lookupMany(vins);
          const ids = [...new Set(looked.results.map((r) => r.vehicle.id))];
          const refreshed = ids.length > 0 ? await ctx.services.recalls.refresh({ ids, force: options.refresh }) : null;
          if (refreshed?.error) runtime.io.stderr(`vinlookup: ${refreshed.failed} make/model/year request(s) to NHTSA failed: ${refreshed.error}\n`);
          const recalls = await Promise.all(ids.map((id) => ctx.services.recalls.forVehicle(id)));
          if (globals.json) {
            const document: RecallsJson = {
              results: recalls.map(resultJson),
              ...(looked.errors.length > 0 ? { errors: looked.errors } : {}),
            };
            writeJson(runtime.io, document);
          } else {
            printText(runtime, recalls);
            writeErrorLines(runtime.io, looked.errors);
          }
          return exitCodeForErrors(looked.errors);
        });
      });
  },
};
