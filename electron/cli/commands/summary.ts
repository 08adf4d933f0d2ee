/**
 * `vinlookup summary`: the fleet at a glance (the overview's counts), computed in SQL.
 *
 * Every list's counts add up to `total`; vehicles whose value is unknown are counted under null.
 */
import type { Command } from 'commander';
import { RECALL_STATUS_LABELS } from '../../../shared/recalls/recall-types';
import type { CliCommand, CliRuntime } from '../cli-command';
import { EXIT_OK, formatTable, writeJson } from '../output';

export const summaryCommand: CliCommand = {
  name: 'summary',
  register(program: Command, runtime: CliRuntime): void {
    program
      .command('summary')
      .description('counts of the fleet by make, model year, body class, source and recall status')
      .action(async () => {
        await runtime.run(async (ctx, globals) => {
          const o = await ctx.store.overview();
          const recalls = {
            ...Object.fromEntries(o.recalls.byStatus.map((s) => [s.status, s.count])),
            withParkIt: o.recalls.withParkIt,
          };
          if (globals.json) {
            writeJson(runtime.io, {
              total: o.total,
              byMake: o.byMake,
              byModelYear: o.byModelYear,
              byBodyClass: o.byBodyClass,
              bySource: o.bySource,
              recalls,
              byVehicleType: o.byVehicleType,
              byGvwrClass: o.byGvwrClass,
              byQuality: o.byQuality,
            });
            return EXIT_OK;
          }
          const section = (title: string, rows: readonly (readonly [string | number | null, number])[]): void => {
            runtime.io.stdout(`\n${title}\n`);
            runtime.io.stdout(formatTable(['', 'Vehicles'], rows.map(([k, n]) => [k ?? '(unknown)', n])));
          };
          runtime.io.stdout(`${o.total} vehicle(s)\n`);
          section('By make', o.byMake.map((r) => [r.make, r.count]));
          section('By model year', o.byModelYear.map((r) => [r.modelYear, r.count]));
          section('By body class', o.byBodyClass.map((r) => [r.bodyClass, r.count]));
          section('By source', o.bySource.map((r) => [r.source, r.count]));
          section('Recalls (listed per make/model/year, not confirmed per VIN)', [
            ...o.recalls.byStatus.map((r) => [RECALL_STATUS_LABELS[r.status], r.count] as const),
            ['With park-it / park-outside campaigns', o.recalls.withParkIt] as const,
          ]);
          return EXIT_OK;
        });
      });
  },
};
