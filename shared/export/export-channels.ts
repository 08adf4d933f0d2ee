/** Channel names of the export domain. */
export const EXPORT_INVOKE_CHANNELS = ['export:run', 'export:showInFolder'] as const;
export const EXPORT_EVENT_CHANNELS = ['export:progress'] as const;
