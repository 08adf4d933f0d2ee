/**
 * A throwaway PostgreSQL cluster for tests: initdb in a fresh temporary folder, a free port on
 * 127.0.0.1 with trust authentication, the unix socket in that folder; stopped and deleted on
 * teardown. PostgreSQL refuses to run as root, so under root the binaries run as the `postgres`
 * user (runuser) and the folder is handed to that user.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PostgresBinaries {
  readonly initdb: string;
  readonly pgCtl: string;
}

export interface PostgresServer {
  /** `postgres://postgres@127.0.0.1:<port>` (no database: append `/<name>`). */
  readonly baseUrl: string;
  /**
   * Shut the server down the way an administrator restarting it would (`pg_ctl stop -m fast`:
   * sessions are terminated, the data stays) until `resume`.
   */
  halt(): Promise<void>;
  /** Start a halted server again on the same port with the same data. */
  resume(): Promise<void>;
  stop(): Promise<void>;
}

/** The newest installed `initdb`/`pg_ctl` under /usr/lib/postgresql/<version>/bin, or null. */
export function findPostgresBinaries(root = '/usr/lib/postgresql'): PostgresBinaries | null {
  let versions: string[];
  try {
    versions = fs.readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  } catch {
    return null;
  }
  for (const version of versions) {
    const bin = path.join(root, version, 'bin');
    const initdb = path.join(bin, 'initdb');
    const pgCtl = path.join(bin, 'pg_ctl');
    if (fs.existsSync(initdb) && fs.existsSync(pgCtl)) return { initdb, pgCtl };
  }
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const asRoot = (): boolean => process.getuid?.() === 0;

/** Run a PostgreSQL binary, as the `postgres` user when we are root. */
async function runPostgresTool(file: string, args: readonly string[]): Promise<void> {
  if (asRoot()) await run('runuser', ['-u', 'postgres', '--', file, ...args]);
  else await run(file, [...args]);
}

async function chownToPostgres(dir: string): Promise<void> {
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  fs.chownSync(dir, uid, gid);
}

export async function startPostgresServer(binaries: PostgresBinaries): Promise<PostgresServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-pg-'));
  fs.chmodSync(dir, 0o700);
  if (asRoot()) await chownToPostgres(dir);
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'server.log');
  const remove = (): void => fs.rmSync(dir, { recursive: true, force: true });
  try {
    await runPostgresTool(binaries.initdb, ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
    const port = await freePort();
    // Durability is pointless for a throwaway cluster; the settings make tests fast.
    const serverOptions = [
      `-p ${port}`,
      `-k ${dir}`,
      "-c listen_addresses='127.0.0.1'",
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
    ].join(' ');
    const start = (): Promise<void> => runPostgresTool(binaries.pgCtl, ['-D', data, '-l', log, '-o', serverOptions, '-w', '-t', '60', 'start']);
    await start();
    let running = true;
    return {
      baseUrl: `postgres://postgres@127.0.0.1:${port}`,
      async halt() {
        await runPostgresTool(binaries.pgCtl, ['-D', data, '-m', 'fast', '-w', 'stop']);
        running = false;
      },
      async resume() {
        await start();
        running = true;
      },
      async stop() {
        try {
          // A halted server has nothing to stop (pg_ctl would fail on it).
          if (running) await runPostgresTool(binaries.pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']);
        } finally {
          remove();
        }
      },
    };
  } catch (error) {
    const logText = fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '';
    remove();
    throw new Error(`Could not start a test PostgreSQL server: ${(error as Error).message}\n${logText}`, { cause: error });
  }
}
