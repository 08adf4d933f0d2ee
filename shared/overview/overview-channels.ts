/** Channel names of the fleet overview domain. */
export const OVERVIEW_INVOKE_CHANNELS = ['fleet:overview'] as const;
