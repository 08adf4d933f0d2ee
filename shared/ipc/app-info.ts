/** What `app:info` answers: enough for the status bar and for support. */
export interface AppInfo {
  readonly name: string;
  readonly version: string;
  /** Folder holding the database, logs and the offline snapshot. */
  readonly dataDir: string;
  /** The SQLite file, or the team server as `postgres://user@host:port/database` (never a password). */
  readonly databasePath: string;
  /** Where the fleet is: this computer's SQLite file or a team's PostgreSQL server. */
  readonly storage: 'sqlite' | 'postgres';
  /** Folder of the rotating log files (Help › Open logs folder). */
  readonly logDir: string;
  /** `electron` inside the desktop app, `web-harness` in the e2e loopback host, `cli` for vinlookup. */
  readonly runtime: 'electron' | 'web-harness' | 'cli';
}

/** What `app:backup` answers: where the database copy was saved and its size. */
export interface DatabaseBackupResult {
  readonly path: string;
  readonly bytes: number;
}

/** A message main wants the user to see. */
export interface AppNotice {
  readonly level: 'info' | 'warning' | 'error';
  readonly message: string;
}

/** Commands the application menu sends to the renderer. */
export const MENU_COMMANDS = [
  'focusLookup',
  'find',
  'deleteSelected',
  'selectAll',
  'refreshTable',
  'import',
  'export',
  'toggleDetails',
  'saveBackup',
  /** Undo the last removal (Edit › Undo outside a text field). */
  'undo',
  /** File › Team Database…: where the fleet is stored (this computer or a team's server). */
  'teamDatabase',
] as const;

export type MenuCommand = (typeof MENU_COMMANDS)[number];
