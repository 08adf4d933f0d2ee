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
