/**
 * Starts the vPIC simulator from the command line, for e2e runs and manual testing.
 *
 *   npx tsx testing/vpic-simulator/cli.ts --port 0 --latency 20
 *   npx tsx testing/vpic-simulator/cli.ts --down                      # every connection reset
 *   npx tsx testing/vpic-simulator/cli.ts --fault-rate 0.3 --fault-kinds 503,reset,slow --seed 7
 *   npx tsx testing/vpic-simulator/cli.ts --faults 429:5,503,503      # the next three requests
 *
 * Prints `ready http://127.0.0.1:<port>/api` on stdout once listening, so a parent process can
 * wait for that line instead of sleeping; stops on SIGINT/SIGTERM. The recalls API answers at the
 * root URL (`--nhtsa-api-url http://127.0.0.1:<port>` for the app, the CLI and the test host).
 * Faults can also be changed while it runs: POST /__control/down, /__control/faults, /__control/latency.
 */
import { parseArgs } from 'node:util';
import { startVpicSimulator, type Fault } from './vpic-simulator';

function toNumber(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got "${value}"`);
  return n;
}

const STATUSES = [500, 503, 408, 429, 400, 404] as const;

/**
 * One fault from its short name: a status (`503`, `429:5` = with Retry-After 5 s), `slow:<ms>`,
 * `reset`, `malformed-json`, `html` or `partial-batch:<dropped VINs>`.
 */
export function parseFault(text: string): Fault {
  const [name = '', arg] = text.trim().split(':');
  const status = STATUSES.find((s) => String(s) === name);
  if (status !== undefined) {
    return arg === undefined ? { kind: 'status', status } : { kind: 'status', status, retryAfterSeconds: toNumber(arg, 'faults', 0) };
  }
  switch (name) {
    case 'slow':
      return { kind: 'slow', delayMs: toNumber(arg ?? '5000', 'faults', 5000) };
    case 'reset':
      return { kind: 'reset' };
    case 'malformed-json':
      return { kind: 'malformed-json' };
    case 'html':
      return { kind: 'html' };
    case 'partial-batch':
      return { kind: 'partial-batch', drop: toNumber(arg ?? '1', 'faults', 1) };
    default:
      throw new Error(`Unknown fault "${text}": use a status (${STATUSES.join(', ')}[:retry-after s]), slow[:ms], reset, malformed-json, html or partial-batch[:n].`);
  }
}

function parseFaultList(text: string | undefined): Fault[] {
  return text ? text.split(',').filter((f) => f.trim() !== '').map(parseFault) : [];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      latency: { type: 'string', default: '0' },
      down: { type: 'boolean', default: false },
      faults: { type: 'string' },
      'fault-rate': { type: 'string' },
      'fault-kinds': { type: 'string', default: '503,reset' },
      seed: { type: 'string', default: '1' },
    },
  });
  const faults = parseFaultList(values.faults);
  const rate = values['fault-rate'] === undefined ? 0 : Number(values['fault-rate']);
  if (!(rate >= 0 && rate <= 1)) throw new Error(`--fault-rate must be between 0 and 1, got "${values['fault-rate']}"`);
  const kinds = parseFaultList(values['fault-kinds']);

  const simulator = await startVpicSimulator({
    port: toNumber(values.port, 'port', 0),
    latencyMs: toNumber(values.latency, 'latency', 0),
  });
  if (values.down) simulator.setDown(true);
  if (faults.length > 0) simulator.injectFaults(faults);
  if (rate > 0) simulator.setFaultRate(rate, kinds, toNumber(values.seed, 'seed', 1));
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

// Run only as a script (the test imports parseFault without starting a server).
if (process.argv[1] && /vpic-simulator[\\/]cli\.[cm]?[jt]s$/.test(process.argv[1])) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
