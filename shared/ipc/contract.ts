/**
 * The IPC contract: every invoke channel and every event between renderer and main.
 *
 * One place assembles it all (GitHub Desktop's `ipc-shared.ts` pattern); each domain declares its
 * part next to its types (`shared/vehicles/vehicles-contract.ts`, `shared/import/…`, `shared/export/…`):
 * - `requestSchemas` maps each invoke channel (`domain:verb`) to the zod schema its payload must
 *   pass in main before any core code runs; the request type is inferred from it.
 * - `InvokeContract` maps each channel to its response type (always wrapped in `Result`).
 * - `EventContract` maps each main → renderer event to its payload.
 * The preload and the e2e web bridge both build their API from these maps (see `api.ts`).
 */
import { z } from 'zod';
import type { AppInfo, AppNotice, DatabaseBackupResult, MenuCommand } from './app-info';
import type { EventChannel, InvokeChannel } from './channels';
import { exportRequestSchemas, type ExportEventContract, type ExportInvokeContract } from '../export/export-contract';
import { importRequestSchemas, type ImportEventContract, type ImportInvokeContract } from '../import/import-contract';
import { overviewRequestSchemas, type OverviewInvokeContract } from '../overview/overview-contract';
import { recallsRequestSchemas, type RecallsEventContract, type RecallsInvokeContract } from '../recalls/recalls-contract';
import { settingsRequestSchemas, type SettingsInvokeContract } from '../settings/team-database-contract';
import {
  vehicleRequestSchemas,
  type VehicleEventContract,
  type VehicleInvokeContract,
} from '../vehicles/vehicles-contract';

export { EVENT_CHANNELS, INVOKE_CHANNELS, type EventChannel, type InvokeChannel } from './channels';

/** Payload schemas, one per invoke channel. Strict objects: unknown keys are rejected. */
export const requestSchemas = {
  /** App version, data folder and database path; the smallest round trip through every layer. */
  'app:info': z.object({}).strict(),
  /** Save a consistent copy of the database (SQLite online backup) where the user chooses. */
  'app:backup': z.object({}).strict(),
  ...vehicleRequestSchemas,
  ...importRequestSchemas,
  ...exportRequestSchemas,
  ...recallsRequestSchemas,
  ...overviewRequestSchemas,
  ...settingsRequestSchemas,
} as const satisfies { readonly [C in InvokeChannel]: z.ZodType };

export type RequestOf<C extends InvokeChannel> = z.infer<(typeof requestSchemas)[C]>;

/** What a caller may send on a channel: the request before its schema fills in defaults. */
export type PayloadOf<C extends InvokeChannel> = z.input<(typeof requestSchemas)[C]>;

/** Response type of each invoke channel (delivered inside a `Result`). */
export interface InvokeContract
  extends VehicleInvokeContract,
    ImportInvokeContract,
    ExportInvokeContract,
    RecallsInvokeContract,
    OverviewInvokeContract,
    SettingsInvokeContract {
  'app:info': AppInfo;
  'app:backup': DatabaseBackupResult;
}

export type ResponseOf<C extends InvokeChannel> = InvokeContract[C];

/** Main → renderer events and their payloads. */
export interface EventContract extends VehicleEventContract, ImportEventContract, ExportEventContract, RecallsEventContract {
  /** A message from main for the user (a failed background task, a recovery hint). */
  'app:notice': AppNotice;
  /** A menu item or its accelerator was chosen; the renderer carries the command out. */
  'app:menu': { readonly command: MenuCommand };
}

// Compile-time checks: the schema map, the response map and the event map cover exactly the
// channel lists in `channels.ts` — a missing or extra entry fails the typecheck.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemasComplete: Same<keyof typeof requestSchemas, InvokeChannel> = true;
const responsesComplete: Same<keyof InvokeContract, InvokeChannel> = true;
const eventsComplete: Same<keyof EventContract, EventChannel> = true;
void [schemasComplete, responsesComplete, eventsComplete];
