/**
 * Start a worker-thread entry file in any of our three runtimes.
 *
 * - electron-vite build: each worker entry is emitted as its own `<name>.js` next to the main
 *   bundle (an input in electron.vite.config.ts), so the built file sits in the caller's folder.
 * - vitest, tsx and the bench run the TypeScript sources: Node 20 does not apply `--import tsx`
 *   hooks to a worker's entry, so the worker first registers tsx's CommonJS hook and then
 *   requires the `.ts` entry. The import and export services both start their workers here.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

export interface WorkerEntry {
  readonly file: string;
  /** True when `file` is TypeScript and must be started through tsx. */
  readonly typescript: boolean;
}

/**
 * The entry `<name>.js` (built) or `<name>.ts` (sources) found in one of `dirs` (in order).
 * Throws when neither exists, naming where it looked.
 */
export function resolveWorkerEntry(
  name: string,
  dirs: readonly string[],
  exists: (file: string) => boolean = fs.existsSync,
): WorkerEntry {
  for (const dir of dirs) {
    const built = path.join(dir, `${name}.js`);
    if (exists(built)) return { file: built, typescript: false };
    const source = path.join(dir, `${name}.ts`);
    if (exists(source)) return { file: source, typescript: true };
  }
  throw new Error(`The worker "${name}" is missing: no ${name}.js or ${name}.ts in ${dirs.join(', ')}.`);
}

export function startWorker(entry: WorkerEntry, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  if (!entry.typescript) return new Worker(entry.file, options);
  const tsxApi = createRequire(__filename).resolve('tsx/cjs/api');
  // tsx's ESM hooks too: a dynamic `import()` in the sources (the PostgreSQL store, loaded on
  // demand) goes through Node's ESM loader, which the CommonJS hook does not reach.
  const tsxEsmApi = pathToFileURL(path.join(path.dirname(tsxApi), '..', '..', 'esm', 'api', 'index.mjs')).href;
  const bootstrap =
    `require(${JSON.stringify(tsxApi)}).register();\n` +
    `import(${JSON.stringify(tsxEsmApi)}).then((esm) => { esm.register(); require(${JSON.stringify(entry.file)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}
