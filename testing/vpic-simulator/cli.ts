/**
 * Starts the vPIC simulator from the command line, for e2e runs and manual testing.
 *
 *   npx tsx testing/vpic-simulator/cli.ts --port 0 --latency 20
 *
 * Prints `ready http://127.0.0.1:<port>/api` on stdout once listening, so a parent process can
 * wait for that line instead of sleeping; stops on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { startVpicSimulator } from './vpic-simulator';

function toNumber(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got "${value}"`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      latency: { type: 'string', default: '0' },
    },
  });
  const simulator = await startVpicSimulator({
    port: toNumber(values.port, 'port', 0),
    latencyMs: toNumber(values.latency, 'latency', 0),
  });
  process.stdout.write(`ready ${simulator.url}\n`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void simulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
