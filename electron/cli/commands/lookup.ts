/**
 * `vinlookup lookup <vin…> [--refresh]`: decode VINs through the cache, vPIC or the snapshot.
 *
 * One VIN goes through the service's single lookup (vPIC's one-VIN GET); several go through
 * `lookupMany`, so cache misses reach vPIC in batches of 50 (its batch endpoint) instead of one
 * request per VIN. Invalid VINs never reach vPIC: they are listed in `errors` (exit 2).
 */
import type { Command } from 'commander';
import type { Vehicle } from '../../../shared/vehicle';
import { HEADLINE_COLUMNS, VEHICLE_COLUMNS, vehicleColumn, vehicleColumnValue } from '../../../shared/vehicles/vehicle-columns';
import type { LookupAnswer, LookupManyAnswer } from '../../../shared/vehicles/vehicles-contract';
import { AppFailure } from '../../core/ipc/app-failure';
import type { LookupService } from '../../core/lookup/lookup-service';
import type { CliCommand, CliRuntime } from '../cli-command';
import { exitCodeForErrors, formatTable, writeErrorLines, writeJson, type CliInputError } from '../output';

/**
 * One lookup result in the JSON document: the vehicle's own fields (the brief's four first when
 * written out, see `resultJson`) without the raw record and fleet attributes, plus how it was
 * answered. `errorCode` is vPIC's ErrorCode as it sends it: comma-separated, "0" when clean.
 */
export type LookupResultJson = Omit<Vehicle, 'raw' | 'attributes' | 'fleet' | 'errorCodes' | 'createdAt' | 'updatedAt' | 'source'> & {
  readonly cached: boolean;
  readonly source: LookupAnswer['source'];
  readonly errorCode: string;
  readonly warnings: readonly string[];
};

export interface LookupJson {
  readonly results: readonly LookupResultJson[];
  readonly errors: readonly CliInputError[];
}

/**
 * The columns written after the headline and how the lookup was answered: the id and the rest of
 * the decode as the record holds them. The cache's timestamps are left out (they say when this
 * copy was stored, not what the VIN is), and so is everything `LookupResultJson` words its own way.
 */
const DETAIL_COLUMNS = VEHICLE_COLUMNS.filter(
  (c) => !c.headline && c.storage === 'plain' && c.key !== 'errorText' && c.key !== 'createdAt' && c.key !== 'updatedAt',
);

function resultJson(answer: LookupAnswer): LookupResultJson {
  const v = answer.vehicle;
  const json: Record<string, unknown> = {};
  for (const column of HEADLINE_COLUMNS) json[column.key] = vehicleColumnValue(v, column);
  json['cached'] = answer.cached;
  json['source'] = answer.source;
  json['errorCode'] = v.errorCodes.join(',');
  json['errorText'] = v.errorText;
  for (const column of DETAIL_COLUMNS) json[column.key] = vehicleColumnValue(v, column);
  json['warnings'] = answer.warnings.map((w) => w.message);
  return json as LookupResultJson;
}

/** One VIN through `lookup` (errors become entries), several through `lookupMany`. */
async function lookupAll(service: LookupService, inputs: readonly string[], refresh: boolean): Promise<LookupManyAnswer> {
  if (inputs.length !== 1) return service.lookupMany(inputs, { refresh });
  const input = inputs[0]!;
  try {
    return { results: [await service.lookup(input, { refresh })], errors: [] };
  } catch (error) {
    if (error instanceof AppFailure && (error.code === 'INVALID_INPUT' || error.code === 'DECODE_FAILED')) {
      return { results: [], errors: [{ input, code: error.code, message: error.message }] };
    }
    throw error;
  }
}

export function printLookup(runtime: CliRuntime, json: boolean, document: LookupJson): void {
  if (json) {
    writeJson(runtime.io, document);
    return;
  }
  if (document.results.length > 0) {
    runtime.io.stdout(
      formatTable(
        [...HEADLINE_COLUMNS.map((c) => c.label), vehicleColumn('source').label, 'Cached', 'Errors'],
        document.results.map((r) => [
          ...HEADLINE_COLUMNS.map((c) => r[c.key as keyof LookupResultJson] as string | number | null),
          r.source,
          r.cached,
          r.errorCode === '0' ? '' : (r.errorText ?? r.errorCode),
        ]),
      ),
    );
  }
  writeErrorLines(runtime.io, document.errors);
}

export const lookupCommand: CliCommand = {
  name: 'lookup',
  register(program: Command, runtime: CliRuntime): void {
    program
      .command('lookup')
      .description('decode VINs: from the cache when stored, else vPIC (batched), else the offline snapshot')
      .argument('<vin...>', 'one or more VINs (17 characters; spaces and dashes are ignored)')
      .option('--refresh', 'decode again even when cached', false)
      .action(async (vins: string[], options: { refresh: boolean }) => {
        await runtime.run(async (ctx, globals) => {
          const answer = await lookupAll(ctx.services.lookup, vins, options.refresh);
          const document: LookupJson = { results: answer.results.map(resultJson), errors: answer.errors };
          printLookup(runtime, globals.json, document);
          return exitCodeForErrors(document.errors);
        });
      });
  },
};
