/**
 * Copy one store's fleet into another (a desk's SQLite file into the team's server, or the
 * server's fleet into a file to take offline), through the `FleetStore` interface only.
 *
 * What moves: every vehicle (its decode with the raw vPIC record, its standard fleet fields and
 * custom attributes) and the cached recalls answers of the fleet's makes/models/years. What does
 * not: import history (jobs, rejects reports), remembered column mappings, pending undos, and
 * the ids and first-stored times, which the target assigns (an id names a row in its own store).
 *
 * The target's upsert keeps its ids and never duplicates a VIN, so a second run adds nothing:
 * vehicles the target already holds exactly as the source has them are not written again
 * (`unchanged`), and where both hold a VIN the newer decode wins while the source's fleet fields
 * and attributes are merged in.
 */
import { isDeepStrictEqual } from 'node:util';
import { FLEET_FIELDS } from '../../../shared/fleet-fields/fleet-fields';
import type { DecodedVehicle, Vehicle } from '../../../shared/vehicle';
import type { RecallModelKey } from '../recalls/recalls-client';
import { decodeParams } from '../vehicles/vehicle-row-mapping';
import type { FleetStore, UpsertItem } from './fleet-store';

export interface CopyFleetProgress {
  /** Vehicles read from the source so far. */
  readonly read: number;
  /** Vehicles in the source when the copy started (rows added meanwhile are copied too). */
  readonly total: number;
}

export interface CopyFleetResult {
  readonly read: number;
  readonly added: number;
  readonly updated: number;
  /** Already in the target exactly as in the source: not written. */
  readonly unchanged: number;
  /** Cached recalls answers written to the target (absent there, or older there). */
  readonly recallModels: number;
}

export interface CopyFleetOptions {
  readonly now?: () => Date;
  /** Vehicles per read and per write transaction. */
  readonly pageSize?: number;
  readonly onProgress?: (progress: CopyFleetProgress) => void;
}

const DEFAULT_PAGE_SIZE = 500;

/**
 * A stored vehicle's fleet fields and custom attributes as the columns of a file row, which the
 * target's upsert routes back to the same fields (the name it routes by is the field's own key,
 * or another of its names when a custom attribute already uses that key).
 */
export function rowColumnsOf(vehicle: Vehicle): Record<string, string> {
  const columns: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const field of FLEET_FIELDS) {
    const value = vehicle.fleet[field.key];
    if (value === null) continue;
    const name = [field.key, field.column, field.label, ...field.synonyms].find((n) => !(n in vehicle.attributes));
    if (name !== undefined) columns[name] = String(value);
  }
  // After the standard fields: a custom attribute whose header also names a field (a second
  // "Unit #" column) stays custom, as it did when the file was first imported.
  for (const [header, value] of Object.entries(vehicle.attributes)) columns[header] = value;
  return columns;
}

function decodeOf(vehicle: DecodedVehicle): Record<string, unknown> {
  // The raw record as an object: stores may keep its keys in different orders.
  return { ...decodeParams(vehicle), raw_json: vehicle.raw };
}

/** True when upserting `source` (with the newer of the two decodes) would leave `target` as it is. */
function alreadyCopied(source: Vehicle, target: Vehicle): boolean {
  if (!isDeepStrictEqual(decodeOf(newerDecode(source, target)), decodeOf(target))) return false;
  if (FLEET_FIELDS.some((f) => source.fleet[f.key] !== null && source.fleet[f.key] !== target.fleet[f.key])) return false;
  return Object.entries(source.attributes).every(([header, value]) => target.attributes[header] === value);
}

/** The decode to store: the target's when it is newer (another desk looked the VIN up since). */
function newerDecode(source: Vehicle, target: Vehicle | undefined): DecodedVehicle {
  return target !== undefined && target.decodedAt > source.decodedAt ? target : source;
}

const modelKeyOf = (k: RecallModelKey): string => `${k.make.toUpperCase()}\u0000${k.model.toUpperCase()}\u0000${k.modelYear}`;

export async function copyFleet(source: FleetStore, target: FleetStore, options: CopyFleetOptions = {}): Promise<CopyFleetResult> {
  const now = options.now ?? (() => new Date());
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const total = await source.vehicles.count();
  const models = new Map<string, RecallModelKey>();
  let read = 0;
  let added = 0;
  let updated = 0;
  let unchanged = 0;
  for (let afterId = 0; ; ) {
    const page = await source.vehicles.pageAfterId(afterId, pageSize);
    if (page.length === 0) break;
    afterId = page[page.length - 1]!.id;
    read += page.length;
    const existing = await target.vehicles.getManyByVin(page.map((v) => v.vin));
    const items: UpsertItem[] = [];
    for (const vehicle of page) {
      const stored = existing.get(vehicle.vin);
      if (stored !== undefined && alreadyCopied(vehicle, stored)) unchanged += 1;
      else items.push({ vehicle: newerDecode(vehicle, stored), attributes: rowColumnsOf(vehicle) });
      if (vehicle.make !== null && vehicle.model !== null && vehicle.modelYear !== null) {
        const key = { make: vehicle.make, model: vehicle.model, modelYear: vehicle.modelYear };
        models.set(modelKeyOf(key), key);
      }
    }
    if (items.length > 0) {
      for (const result of await target.vehicles.upsertManyDecoded(items, now())) {
        if (result.created) added += 1;
        else updated += 1;
      }
    }
    options.onProgress?.({ read, total });
  }
  const recallModels = await copyRecalls(source, target, [...models.values()]);
  return { read, added, updated, unchanged, recallModels };
}

/** The source's cached recalls answers for these models, where the target has none or an older one. */
async function copyRecalls(source: FleetStore, target: FleetStore, keys: readonly RecallModelKey[]): Promise<number> {
  let copied = 0;
  for (const key of keys) {
    const answer = await source.recalls.get(key);
    if (answer === null) continue;
    const there = await target.recalls.get(key);
    if (there !== null && there.fetchedAt >= answer.fetchedAt) continue;
    await target.recalls.save(key, { status: answer.status, campaigns: answer.campaigns }, new Date(answer.fetchedAt));
    copied += 1;
  }
  return copied;
}
