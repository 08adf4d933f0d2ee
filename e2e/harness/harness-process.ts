/**
 * The web test host as a process of its own (`npm run harness`'s entry point), for specs that need
 * two separate desks: each process has its own core and its own database connections, as two
 * people's computers would. Resolves once the host prints `ready <url>`.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

export interface HarnessProcess {
  readonly url: string;
  /** SIGTERM, and wait until the host has closed its core and exited. */
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '../..');

/** Start `e2e/harness/cli.ts` with these arguments (see its header); fails with its stderr if it exits before it is ready. */
export function startHarnessProcess(args: readonly string[], readyWithinMs = 90_000): Promise<HarnessProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'e2e/harness/cli.ts'), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  // The tail is enough to say why a start failed.
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr = (stderr + text).slice(-8192)));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => {
      void stop();
      reject(new Error(`the harness was not ready within ${readyWithinMs} ms\n${stderr}`));
    }, readyWithinMs);
    child.once('exit', (code) => {
      clearTimeout(deadline);
      reject(new Error(`the harness exited (${code ?? 'signal'}) before it was ready\n${stderr}`));
    });
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      const ready = /^ready (\S+)$/.exec(line);
      if (ready === null) return;
      clearTimeout(deadline);
      resolve({ url: ready[1]!, stop });
    });
  });
}
