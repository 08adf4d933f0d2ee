/**
 * "Re-decode from vPIC": the selected vehicles, or every vehicle of the current view.
 *
 * Offline decodes carry partial data, and a record decoded long ago may predate vPIC's current
 * answer; this asks vPIC again for each VIN (`vehicles:lookupMany` with `refresh`, which stores
 * the new decode in place, same id). Where vPIC is still unreachable the offline snapshot
 * answers again, and the summary says how many are still offline.
 */
import type { AppNotice } from '../../../shared/ipc/app-info';
import { MAX_LOOKUP_MANY } from '../../../shared/vehicles/vehicle-limits';
import type { VehicleListQueryInput } from '../../../shared/vehicles/vehicle-query';
import type { Selection } from './selection';

export interface RedecodeOutcome {
  readonly online: number;
  readonly offline: number;
  readonly failed: number;
}

function failure(error: { readonly code: string; readonly message: string }): Error {
  return Object.assign(new Error(error.message), { code: error.code });
}

/** The VINs a selection covers in the current view (all rows but the exceptions, or the chosen ids). */
export async function collectSelectedVins(query: VehicleListQueryInput, selection: Selection | null): Promise<string[]> {
  const vins: string[] = [];
  const limit = 500;
  for (let offset = 0; ; offset += limit) {
    const result = await window.fleet.vehiclesList({ ...query, offset, limit });
    if (!result.ok) throw failure(result.error);
    for (const row of result.value.rows) {
      const chosen =
        selection === null ? true : selection.mode === 'all' ? !selection.except.has(row.id) : selection.ids.has(row.id);
      if (chosen) vins.push(row.vin);
    }
    if (result.value.rows.length < limit) return vins;
  }
}

/** Asks vPIC again for every VIN, a batch at a time. */
export async function redecodeFromVpic(vins: readonly string[]): Promise<RedecodeOutcome> {
  let online = 0;
  let offline = 0;
  let failed = 0;
  for (let start = 0; start < vins.length; start += MAX_LOOKUP_MANY) {
    const result = await window.fleet.vehiclesLookupMany({ vins: vins.slice(start, start + MAX_LOOKUP_MANY), refresh: true });
    if (!result.ok) throw failure(result.error);
    for (const answer of result.value.results) {
      if (answer.source === 'vpic') online += 1;
      else offline += 1;
    }
    failed += result.value.errors.length;
  }
  return { online, offline, failed };
}

/** The notice for an outcome. */
export function redecodeNotice(outcome: RedecodeOutcome): AppNotice {
  const parts = [`Re-decoded ${outcome.online.toLocaleString('en-US')} from vPIC.`];
  if (outcome.offline > 0) {
    parts.push(`${outcome.offline.toLocaleString('en-US')} still decoded offline: vPIC could not be reached; they are re-checked when it is back.`);
  }
  if (outcome.failed > 0) parts.push(`${outcome.failed.toLocaleString('en-US')} could not be decoded.`);
  return { level: outcome.offline > 0 || outcome.failed > 0 ? 'warning' : 'info', message: parts.join(' ') };
}
