/**
 * `vinlookup list [--search text] [--limit n] [--offset n]`: the cached vehicles.
 *
 * The options go through the same zod schema as the fleet table's IPC query, so the CLI accepts
 * exactly what the app does (search ≤ 100 characters, page ≤ 500 rows); anything else is an
 * invalid input (exit 2).
 */
import { InvalidArgumentError, type Command } from 'commander';
import { vehicleColumn, vehicleColumnValue, type VehicleColumnKey } from '../../../shared/vehicles/vehicle-columns';
import { vehicleListQuerySchema } from '../../../shared/vehicles/vehicle-query';
import type { CliCommand, CliRuntime } from '../cli-command';
import { EXIT_INVALID_INPUT, EXIT_OK, formatTable, writeJson } from '../output';

/** The table's columns: the headline, the fleet fields that tell vehicles apart, and where each decode came from. */
const TABLE_COLUMNS = (
  ['vin', 'make', 'model', 'modelYear', 'bodyClass', 'unitNumber', 'plate', 'department', 'source', 'decodedAt'] as const satisfies readonly VehicleColumnKey[]
).map(vehicleColumn);

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
                TABLE_COLUMNS.map((c) => c.label),
                page.rows.map((r) => TABLE_COLUMNS.map((c) => vehicleColumnValue(r, c) as string | number | null)),
              ),
            );
            runtime.io.stdout(`${page.rows.length} of ${page.total} vehicle(s)\n`);
          }
          return EXIT_OK;
        });
      });
  },
};
