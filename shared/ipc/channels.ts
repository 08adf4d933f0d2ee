/**
 * The channel names, as plain data.
 *
 * Kept apart from the zod schemas so the preload bundle (which must be tiny and self-contained)
 * gets the list without pulling in zod. `contract.ts` checks at compile time that its schema map
 * and response map cover exactly these names.
 */

/** Invoke channels (renderer → main, answered with a `Result`). */
export const INVOKE_CHANNELS = ['app:info'] as const;

/** Events (main → renderer). */
export const EVENT_CHANNELS = ['app:notice'] as const;

export type InvokeChannel = (typeof INVOKE_CHANNELS)[number];
export type EventChannel = (typeof EVENT_CHANNELS)[number];
