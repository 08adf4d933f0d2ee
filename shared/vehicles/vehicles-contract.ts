/**
 * The vehicles domain of the IPC contract: look up, browse, remove and restore vehicles.
 */
import { z } from 'zod';
import type { DecodeSource, Vehicle } from '../vehicle';
import type { VinIssue } from '../vin/vin-rules';
import { vinSchema } from '../vin/vin-schema';
import type { VpicStatus } from '../vpic-status';
import { vehicleListQuerySchema, type VehicleFacets, type VehicleListPage } from './vehicle-query';

import { MAX_LOOKUP_MANY, MAX_REMOVE } from './vehicle-limits';

export { MAX_LOOKUP_MANY, MAX_REMOVE } from './vehicle-limits';

const ids = z.array(z.number().int().positive());

export const vehicleRequestSchemas = {
  /** Decode one VIN: from the cache when present (`cached: true`), else vPIC or the offline snapshot. `refresh` skips the cache. */
  'vehicles:lookup': z.object({ vin: vinSchema, refresh: z.boolean().optional() }).strict(),
  /** Decode several VINs; misses go through vPIC's batch endpoint. Invalid ones are reported per input. */
  'vehicles:lookupMany': z
    .object({ vins: z.array(z.string().max(64)).min(1).max(MAX_LOOKUP_MANY), refresh: z.boolean().optional() })
    .strict(),
  /** One stored vehicle with its whole vPIC record (details panel). */
  'vehicles:get': z.object({ id: z.number().int().positive() }).strict(),
  /** A page of the fleet table: filtered, searched, sorted and paged in SQLite. */
  'vehicles:list': vehicleListQuerySchema,
  /** Values for the filter controls (makes, year range, count). */
  'vehicles:facets': z.object({}).strict(),
  /** Remove vehicles by id; the answer carries an undo token valid for a while. */
  'vehicles:remove': z.object({ ids: ids.min(1).max(MAX_REMOVE) }).strict(),
  /** Undo a remove: the vehicles come back with the same ids and data. */
  'vehicles:restore': z.object({ undoToken: z.string().min(1).max(100) }).strict(),
  /** The current vPIC state (the `vpic:status` event reports changes). */
  'vpic:status': z.object({}).strict(),
} as const;

export interface LookupAnswer {
  readonly vehicle: Vehicle;
  /** True when answered from the cache without asking vPIC. */
  readonly cached: boolean;
  readonly source: DecodeSource;
  /** Warnings from the VIN rules (a check-digit mismatch). */
  readonly warnings: readonly VinIssue[];
}

export interface LookupManyAnswer {
  readonly results: readonly LookupAnswer[];
  readonly errors: readonly { readonly input: string; readonly code: 'INVALID_INPUT' | 'DECODE_FAILED'; readonly message: string }[];
}

export interface RemoveAnswer {
  readonly removed: number;
  /** Pass to `vehicles:restore` to undo; expires after `undoExpiresAt`. */
  readonly undoToken: string;
  readonly undoExpiresAt: string;
}

export interface VehicleInvokeContract {
  'vehicles:lookup': LookupAnswer;
  'vehicles:lookupMany': LookupManyAnswer;
  'vehicles:get': Vehicle;
  'vehicles:list': VehicleListPage;
  'vehicles:facets': VehicleFacets;
  'vehicles:remove': RemoveAnswer;
  'vehicles:restore': { readonly restored: number };
  'vpic:status': VpicStatus;
}

export interface VehiclesChanged {
  readonly reason: 'lookup' | 'remove' | 'restore' | 'import' | 'redecode' | 'recalls';
  /** How many vehicles were touched. */
  readonly count: number;
}

/** How far a large remove or its undo has got (both run in chunks). */
export interface RemovalProgress {
  readonly operation: 'remove' | 'restore';
  /** Vehicles handled so far, of `total`. */
  readonly done: number;
  readonly total: number;
}

export interface VehicleEventContract {
  /** The cache changed: the table should re-query. */
  'vehicles:changed': VehiclesChanged;
  /** Progress of a running remove or undo. */
  'vehicles:removalProgress': RemovalProgress;
  /** vPIC's state changed (online, retrying, offline/breaker open). */
  'vpic:status': VpicStatus;
}
