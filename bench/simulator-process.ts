/**
 * The vPIC simulator in a child process of its own (testing/vpic-simulator/cli.ts), for benches
 * that compare stores: an in-process simulator shares the event loop with the store's writes, so
 * a synchronous store (better-sqlite3) would stall the simulator's answers while a server-backed
 * one (PostgreSQL, whose writes run in the server's process) would not, and the comparison would
 * measure that rather than the stores.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface SimulatorProcess {
  /** Base URL of the simulated vPIC API, `http://127.0.0.1:<port>/api`. */
  readonly url: string;
  close(): Promise<void>;
}

const REPOSITORY = path.resolve(__dirname, '..');

export async function startSimulatorProcess(latencyMs: number): Promise<SimulatorProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'testing/vpic-simulator/cli.ts', '--port', '0', '--latency', String(latencyMs)], {
    cwd: REPOSITORY,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    const ready = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`the vPIC simulator exited with ${String(code)} before it was ready`)));
      child.once('error', reject);
    });
    const match = /^ready (http:\/\/127\.0\.0\.1:\d+\/api)$/.exec(ready);
    if (!match) throw new Error(`the vPIC simulator printed "${ready}" instead of its ready line`);
    return { url: match[1]!, close };
  } catch (error) {
    await close();
    throw error;
  }
}
