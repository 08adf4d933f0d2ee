/**
 * `vinlookup list [--search text] [--limit n] [--offset n]`: the cached vehicles.
 *
 * The options go through the same zod schema as the fleet table's IPC query, so the CLI accepts
 * exactly what the app does (search ≤ 100 characters, page ≤ 500 rows); anything else is an
 * invalid input (exit 2).
 */
import { InvalidArgumentError, type Command } from 'commander';
import { vehicleListQuerySchema } from '../../../shared/vehicles/vehicle-query';
import type { CliCommand, CliRuntime } from '../cli-command';
import { EXIT_INVALID_INPUT, EXIT_OK, formatTable, writeJson } from '../output';

function integer(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}

export const listCommand: CliCommand = {
  name: 'list',
  register(program: Command, runtime: CliRuntime): void {
    program
      .command('list')
      .description('list cached vehicles, sorted by VIN')
      .option('--search <words>', 'only vehicles matching every word (VIN, make, model, year, body class, type, fleet fields)')
      .option('--limit <n>', 'at most this many rows (1–500)', integer, 100)
      .option('--offset <n>', 'skip this many rows', integer, 0)
      .action(async (options: { search?: string; limit: number; offset: number }) => {
        await runtime.run(async (ctx, globals) => {
          const parsed = vehicleListQuerySchema.safeParse({
            ...(options.search !== undefined ? { search: options.search } : {}),
            limit: options.limit,
            offset: options.offset,
            sort: { column: 'vin', direction: 'asc' },
          });
          if (!parsed.success) {
            const message = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
            if (globals.json) writeJson(runtime.io, { results: [], errors: [{ input: 'options', code: 'INVALID_INPUT', message }] });
            else runtime.io.stderr(`vinlookup: ${message}\n`);
            return EXIT_INVALID_INPUT;
          }
          const page = await ctx.store.vehicles.list(parsed.data);
          if (globals.json) {
            writeJson(runtime.io, { total: page.total, offset: page.offset, results: page.rows });
          } else {
            runtime.io.stdout(
              formatTable(
                ['VIN', 'Make', 'Model', 'Year', 'Body class', 'Unit', 'Plate', 'Department', 'Source', 'Decoded at'],
                page.rows.map((r) => [
                  r.vin, r.make, r.model, r.modelYear, r.bodyClass, r.fleet.unitNumber, r.fleet.plate, r.fleet.department, r.source, r.decodedAt,
                ]),
              ),
            );
            runtime.io.stdout(`${page.rows.length} of ${page.total} vehicle(s)\n`);
          }
          return EXIT_OK;
        });
      });
  },
};
