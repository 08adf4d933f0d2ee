/**
 * The channel names, as plain data.
 *
 * Kept apart from the zod schemas so the preload bundle (which must be tiny and self-contained)
 * gets the list without pulling in zod. Each domain declares its own names next to its contract;
 * `contract.ts` checks at compile time that schemas and response types cover exactly these.
 */
import { EXPORT_EVENT_CHANNELS, EXPORT_INVOKE_CHANNELS } from '../export/export-channels';
import { IMPORT_EVENT_CHANNELS, IMPORT_INVOKE_CHANNELS } from '../import/import-channels';
import { OVERVIEW_INVOKE_CHANNELS } from '../overview/overview-channels';
import { RECALLS_EVENT_CHANNELS, RECALLS_INVOKE_CHANNELS } from '../recalls/recalls-channels';
import { SETTINGS_INVOKE_CHANNELS } from '../settings/settings-channels';
import { VEHICLE_EVENT_CHANNELS, VEHICLE_INVOKE_CHANNELS } from '../vehicles/vehicles-channels';

export const APP_INVOKE_CHANNELS = ['app:info', 'app:backup'] as const;
export const APP_EVENT_CHANNELS = ['app:notice', 'app:menu'] as const;

/** Invoke channels (renderer → main, answered with a `Result`). */
export const INVOKE_CHANNELS = [
  ...APP_INVOKE_CHANNELS,
  ...VEHICLE_INVOKE_CHANNELS,
  ...IMPORT_INVOKE_CHANNELS,
  ...EXPORT_INVOKE_CHANNELS,
  ...RECALLS_INVOKE_CHANNELS,
  ...OVERVIEW_INVOKE_CHANNELS,
  ...SETTINGS_INVOKE_CHANNELS,
] as const;

/** Events (main → renderer). */
export const EVENT_CHANNELS = [
  ...APP_EVENT_CHANNELS,
  ...VEHICLE_EVENT_CHANNELS,
  ...IMPORT_EVENT_CHANNELS,
  ...EXPORT_EVENT_CHANNELS,
  ...RECALLS_EVENT_CHANNELS,
] as const;

export type InvokeChannel = (typeof INVOKE_CHANNELS)[number];
export type EventChannel = (typeof EVENT_CHANNELS)[number];
