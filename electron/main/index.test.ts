/**
 * Start-up of the main process against a mocked `electron`: the single-instance lock, the
 * privileged app:// scheme, denied permissions, CSP, secure window options, IPC registration.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { REGISTER_DROPPED_FILES_CHANNEL } from '../../shared/import/import-channels';
import { INVOKE_CHANNELS } from '../../shared/ipc/channels';
import { CONTENT_SECURITY_POLICY } from './security';
import pg from 'pg';
import { createTestDatabase, testPostgresUrl } from '../../testing/postgres-test-database';

interface ElectronMock {
  lock: boolean;
  userData: string;
  calls: string[];
  windowOptions: Array<Record<string, unknown>>;
  handled: string[];
  permissionAnswers: boolean[];
  schemes: unknown[];
  ready: () => void;
  isPackaged: boolean;
  protocolHandler: ((request: { url: string }) => Promise<Response>) | null;
  /** The button index the next message box answers with. */
  messageBoxAnswer: number;
  appHandlers: Record<string, (...args: unknown[]) => void>;
}

const state: ElectronMock = {
  lock: true,
  userData: '',
  calls: [],
  windowOptions: [],
  handled: [],
  permissionAnswers: [],
  schemes: [],
  ready: () => undefined,
  isPackaged: false,
  protocolHandler: null,
  messageBoxAnswer: 2,
  appHandlers: {},
};

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = {
      setWindowOpenHandler: () => undefined,
      on: () => undefined,
      isDestroyed: () => false,
      send: () => undefined,
    };
    constructor(options: Record<string, unknown>) {
      state.windowOptions.push(options);
    }
    once() {}
    on() {}
    maximize() {}
    loadURL(url: string) {
      state.calls.push(`loadURL ${url}`);
      return Promise.resolve();
    }
  }
  return {
    app: {
      requestSingleInstanceLock: () => state.lock,
      quit: () => state.calls.push('quit'),
      exit: (code: number) => state.calls.push(`exit ${code}`),
      on: (name: string, handler: (...args: unknown[]) => void) => {
        state.calls.push(`on ${name}`);
        state.appHandlers[name] = handler;
      },
      whenReady: () => new Promise<void>((resolve) => (state.ready = resolve)),
      getPath: () => state.userData,
      setPath: () => undefined,
      getAppPath: () => process.cwd(),
      getVersion: () => '9.9.9',
      getName: () => 'Fleet VIN Lookup',
      get isPackaged() {
        return state.isPackaged;
      },
      enableSandbox: () => state.calls.push('enableSandbox'),
      showAboutPanel: () => undefined,
    },
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: () => state.calls.push('menu'),
    },
    BrowserWindow,
    dialog: {
      showErrorBox: (title: string, message: string) => state.calls.push(`error ${title}: ${message}`),
      showMessageBoxSync: (options: { message: string; buttons: string[] }) => {
        state.calls.push(`ask ${options.message} [${options.buttons.join(' | ')}]`);
        return state.messageBoxAnswer;
      },
    },
    ipcMain: { handle: (channel: string) => state.handled.push(channel), removeHandler: () => undefined },
    net: { fetch: () => Promise.resolve(new Response('')) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => state.schemes.push(...schemes),
      handle: (scheme: string, handler: (request: { url: string }) => Promise<Response>) => {
        state.calls.push(`protocol ${scheme}`);
        state.protocolHandler = handler;
      },
    },
    screen: { getAllDisplays: () => [] },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: (c: unknown, p: string, cb: (b: boolean) => void) => void) =>
          h(null, 'media', (granted) => state.permissionAnswers.push(granted)),
        setPermissionCheckHandler: () => undefined,
        webRequest: { onHeadersReceived: () => state.calls.push('csp') },
      },
    },
    shell: { openExternal: () => Promise.resolve() },
  };
});

beforeEach(() => {
  vi.resetModules();
  state.lock = true;
  state.userData = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-main-'));
  state.calls = [];
  state.windowOptions = [];
  state.handled = [];
  state.permissionAnswers = [];
  state.schemes = [];
  state.isPackaged = false;
  state.protocolHandler = null;
  state.messageBoxAnswer = 2;
  state.appHandlers = {};
  delete process.env.ELECTRON_RENDERER_URL;
  delete process.env.FLEET_SQLITE_BINDING;
  delete process.env.FLEET_DATABASE_URL;
});

afterEach(() => {
  fs.rmSync(state.userData, { recursive: true, force: true });
  delete process.env.ELECTRON_RENDERER_URL;
  delete process.env.FLEET_SQLITE_BINDING;
  delete process.env.FLEET_DATABASE_URL;
});

const baseUrl = testPostgresUrl();

function saveTeamServer(server: { host: string; port: number; database: string; user: string; sslmode: string }): void {
  fs.writeFileSync(path.join(state.userData, 'team-database.json'), JSON.stringify({ mode: 'team', server }));
}

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/** Quit as Electron would: will-quit closes the core (its database connections), then quits. */
async function closeApp(): Promise<void> {
  state.appHandlers['will-quit']?.({ preventDefault: () => undefined });
  await until(() => state.calls.includes('quit'));
}

async function until(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !predicate(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(predicate()).toBe(true);
}

describe('main process start-up', () => {
  it('quits at once when another instance holds the lock', async () => {
    state.lock = false;
    await import('./index');
    expect(state.calls).toContain('quit');
    expect(state.windowOptions).toHaveLength(0);
  });

  it('starts securely: privileged app scheme, permissions denied, CSP, sandboxed window, every channel handled', async () => {
    await import('./index');
    expect(state.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    state.ready();
    await until(() => state.windowOptions.length === 1);
    expect(state.calls).toContain('protocol app');
    // Every web contents is hardened as it is created; the core is closed before quitting.
    expect(state.calls).toContain('on web-contents-created');
    expect(state.calls).toContain('on will-quit');
    expect(state.calls).toContain('csp');
    expect(state.permissionAnswers).toEqual([false]);
    const prefs = state.windowOptions[0]!.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String(prefs.preload)).toMatch(/preload[\\/]index\.cjs$/);
    expect(state.calls).toContain('loadURL app://fleet/index.html');
    // Every contract channel, plus the preload's drop registration (not a contract channel).
    expect([...state.handled].sort()).toEqual([...INVOKE_CHANNELS, REGISTER_DROPPED_FILES_CHANNEL].sort());
    expect(fs.existsSync(path.join(state.userData, 'fleet.sqlite'))).toBe(true);
  });

  it('sandboxes every renderer before ready and turns the spellchecker off', async () => {
    await import('./index');
    expect(state.calls).toContain('enableSandbox');
    expect(state.windowOptions).toHaveLength(0); // not ready yet: enableSandbox came first
    state.ready();
    await until(() => state.windowOptions.length === 1);
    expect(state.calls.indexOf('enableSandbox')).toBeLessThan(state.calls.indexOf('protocol app'));
    expect(state.windowOptions[0]!.webPreferences).toMatchObject({ spellcheck: false });
  });

  it('answers a malformed % escape with 400 and sets the CSP on app:// responses itself', async () => {
    await import('./index');
    state.ready();
    await until(() => state.protocolHandler !== null);
    const bad = await state.protocolHandler!({ url: 'app://fleet/%E0%A4%A' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    const page = await state.protocolHandler!({ url: 'app://fleet/index.html' });
    expect(page.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('ignores ELECTRON_RENDERER_URL and FLEET_SQLITE_BINDING in a packaged app', async () => {
    process.env.ELECTRON_RENDERER_URL = 'http://127.0.0.1:5999/';
    process.env.FLEET_SQLITE_BINDING = path.join(state.userData, 'evil.node');
    state.isPackaged = true;
    await import('./index');
    state.ready();
    await until(() => state.windowOptions.length === 1);
    expect(state.calls).toContain('loadURL app://fleet/index.html');
    expect(state.calls.filter((c) => c.startsWith('error') || c.startsWith('exit'))).toEqual([]);
  });

  it('honours both in development', async () => {
    process.env.ELECTRON_RENDERER_URL = 'http://127.0.0.1:5999/';
    process.env.FLEET_SQLITE_BINDING = path.join(state.userData, 'missing.node');
    await import('./index');
    state.ready();
    // The missing binding stops start-up with a dialog naming it.
    await until(() => state.calls.includes('exit 1'));
    expect(state.calls.find((c) => c.startsWith('error'))).toContain('missing.node');
  });

  it('refuses a FLEET_DATABASE_URL that is not PostgreSQL with a dialog that does not show the URL', async () => {
    process.env.FLEET_DATABASE_URL = 'mysql://ops:hunter2@db.example.com/fleet';
    await import('./index');
    state.ready();
    await until(() => state.calls.includes('exit 1'));
    const error = state.calls.find((c) => c.startsWith('error'));
    expect(error).toBe('error Fleet VIN Lookup cannot start: FLEET_DATABASE_URL must start with postgres:// or postgresql:// (it starts with mysql://).');
    expect(state.windowOptions).toHaveLength(0);
  });

  // Skipped, with the reason printed by testPostgresUrl, where PostgreSQL is not installed.
  it.skipIf(baseUrl === null)('starts on the team server saved in Settings (no password saved: the keychain is not asked)', async () => {
    const database = await createTestDatabase(baseUrl!);
    try {
      const url = new URL(database.url);
      saveTeamServer({ host: url.hostname, port: Number(url.port), database: database.name, user: decodeURIComponent(url.username), sslmode: 'disable' });
      await import('./index');
      state.ready();
      await until(() => state.windowOptions.length === 1);
      expect(state.calls.filter((c) => c.startsWith('error') || c.startsWith('exit') || c.startsWith('ask'))).toEqual([]);
      // The store migrated the team database: the app really runs on it.
      const check = new pg.Client({ connectionString: database.url });
      await check.connect();
      const { rows } = await check.query<{ n: string }>("SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'vehicles'");
      await check.end();
      expect(Number(rows[0]!.n)).toBe(1);
    } finally {
      await closeApp();
      await database.drop();
    }
  });

  it('asks what to do when the saved team server cannot be reached, and can work on this computer', async () => {
    saveTeamServer({ host: '127.0.0.1', port: await closedPort(), database: 'fleet', user: 'ops', sslmode: 'disable' });
    state.messageBoxAnswer = 1; // Use This Computer's Database
    await import('./index');
    state.ready();
    await until(() => state.windowOptions.length === 1);
    const asked = state.calls.filter((c) => c.startsWith('ask'));
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatch(/^ask The team database \(postgres:\/\/ops@127\.0\.0\.1:\d+\/fleet\) cannot be used right now\. \[Try Again \| Use This Computer's Database \| Quit\]$/);
    expect(fs.existsSync(path.join(state.userData, 'fleet.sqlite'))).toBe(true);
    await closeApp();
  });

  it('quits when the team server cannot be reached and the user chooses Quit', async () => {
    saveTeamServer({ host: '127.0.0.1', port: await closedPort(), database: 'fleet', user: 'ops', sslmode: 'disable' });
    state.messageBoxAnswer = 2;
    await import('./index');
    state.ready();
    await until(() => state.calls.includes('exit 1'));
    expect(state.windowOptions).toHaveLength(0);
    expect(fs.existsSync(path.join(state.userData, 'fleet.sqlite'))).toBe(false);
  });
});
