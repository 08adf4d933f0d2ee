/**
 * `npm run harness -- --port <port> --data-dir <dir> --vpic-url <url> [--nhtsa-api-url <url>] [--offline]
 *   [--database-url postgres://…]`
 *
 * Starts the e2e web host and prints `ready http://127.0.0.1:<port>/` once it listens, so other
 * tools can wait for that line. Stops on SIGINT/SIGTERM. `--database-url` (else FLEET_DATABASE_URL)
 * puts the fleet on a team's PostgreSQL server, as the app and `vinlookup` do; two hosts on one
 * database are two desks of one team.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { dataPaths } from '../../electron/core/app/data-paths';
import { DATABASE_URL_ENV } from '../../electron/core/storage/database-url';
import { resolveStorageLocation } from '../../electron/core/storage/resolve-storage-location';
import { startTestHost } from './test-host';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'data-dir': { type: 'string' },
      'vpic-url': { type: 'string' },
      'nhtsa-api-url': { type: 'string' },
      'database-url': { type: 'string' },
      offline: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, got "${values.port}"`);
  const dataDir = path.resolve(values['data-dir'] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-harness-')));
  fs.mkdirSync(dataDir, { recursive: true });
  // The app's own rule (flag over variable, else the data folder's SQLite file); the host has no Settings.
  const storage = resolveStorageLocation({
    cliUrl: values['database-url'],
    envUrl: process.env[DATABASE_URL_ENV],
    saved: null,
    defaultSqlitePath: dataPaths(dataDir).databasePath,
  });
  const host = await startTestHost({
    port,
    dataDir,
    storage: storage.location,
    ...(values['vpic-url'] ? { vpicUrl: values['vpic-url'] } : {}),
    ...(values['nhtsa-api-url'] ? { nhtsaApiUrl: values['nhtsa-api-url'] } : {}),
    offline: values.offline ?? false,
    verbose: values.verbose ?? false,
  });
  process.stdout.write(`ready ${host.url}\n`);
  const stop = (): void => {
    void host.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`harness: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
