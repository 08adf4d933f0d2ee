/** What `app:info` answers: enough for the status bar and for support. */
export interface AppInfo {
  readonly name: string;
  readonly version: string;
  /** Folder holding the database, logs and the offline snapshot. */
  readonly dataDir: string;
  readonly databasePath: string;
  /** `electron` inside the desktop app, `web-harness` in the e2e loopback host. */
  readonly runtime: 'electron' | 'web-harness';
}

/** A message main wants the user to see. */
export interface AppNotice {
  readonly level: 'info' | 'warning' | 'error';
  readonly message: string;
}
