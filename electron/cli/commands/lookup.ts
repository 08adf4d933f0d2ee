/**
 * `vinlookup lookup <vin…> [--refresh]`: decode VINs through the cache, vPIC or the snapshot.
 *
 * One VIN goes through the service's single lookup (vPIC's one-VIN GET); several go through
 * `lookupMany`, so cache misses reach vPIC in batches of 50 (its batch endpoint) instead of one
 * request per VIN. Invalid VINs never reach vPIC: they are listed in `errors` (exit 2).
 */
import type { Command } from 'commander';
import type { Vehicle } from '../../../shared/vehicle';
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

function resultJson(answer: LookupAnswer): LookupResultJson {
  const v = answer.vehicle;
  return {
    vin: v.vin,
    make: v.make,
    model: v.model,
    modelYear: v.modelYear,
    bodyClass: v.bodyClass,
    cached: answer.cached,
    source: answer.source,
    errorCode: v.errorCodes.join(','),
    errorText: v.errorText,
    id: v.id,
    manufacturer: v.manufacturer,
    series: v.series,
    trim: v.trim,
    vehicleType: v.vehicleType,
    gvwr: v.gvwr,
    driveType: v.driveType,
    fuelType: v.fuelType,
    engineModel: v.engineModel,
    engineCylinders: v.engineCylinders,
    displacementL: v.displacementL,
    plantCountry: v.plantCountry,
    plantCity: v.plantCity,
    decodedAt: v.decodedAt,
    snapshotVersion: v.snapshotVersion,
    warnings: answer.warnings.map((w) => w.message),
  };
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
        ['VIN', 'Make', 'Model', 'Year', 'Body class', 'Source', 'Cached', 'Errors'],
        document.results.map((r) => [
          r.vin,
          r.make,
          r.model,
          r.modelYear,
          r.bodyClass,
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
