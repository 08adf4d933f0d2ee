/**
 * Channel names of the settings domain: where the fleet is stored (this computer, or a team's
 * PostgreSQL server).
 *
 * The import key's settings channels stay with the import domain, which is their only user.
 */
export const SETTINGS_INVOKE_CHANNELS = [
  'settings:teamDatabase',
  'settings:testTeamDatabase',
  'settings:saveTeamDatabase',
  'settings:useLocalDatabase',
] as const;
