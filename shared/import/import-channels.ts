/**
 * Channel names of the import domain: fleet CSV imports, their history and reports, and the
 * OpenPGP key used for encrypted files (Settings).
 *
 * The settings channels live here because they exist only for imports.
 */
export const IMPORT_INVOKE_CHANNELS = [
  'import:preview',
  'import:start',
  'import:cancel',
  'import:resume',
  'import:restart',
  'import:retryFailed',
  'import:jobs',
  'import:report',
  'import:saveReport',
  'import:chooseFiles',
  'settings:importKey',
  'settings:keyStatus',
  'settings:removeKey',
] as const;

export const IMPORT_EVENT_CHANNELS = ['import:progress', 'import:finished'] as const;

/**
 * The preload → main message registering files the user dropped (or picked with the page's file
 * input). Not a contract channel: the page cannot call it; only the preload sends it, with paths
 * it resolved itself from real `File` objects (`webUtils.getPathForFile`), so the page never
 * names a path. Kept here, free of zod, for the preload bundle.
 */
export const REGISTER_DROPPED_FILES_CHANNEL = 'files:registerDropped';
/** Most files one drop may register. */
export const MAX_DROPPED_FILES = 100;
