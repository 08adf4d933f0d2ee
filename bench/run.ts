/**
 * `npm run bench [-- --only <name>] [-- --json]`: runs the scenarios in scenarios/index.ts.
 *
 * Prints one aligned table and "N of M targets met" (or, with --json, one JSON document
 * `{rows, machine, startedAt}` on stdout; progress always goes to stderr). Exit code 0 even when
 * targets are missed: this is a measurement, not a test. Exit 2 only for a bad command line.
 */
import { parseArgs } from 'node:util';
import { formatBenchTable, runScenarios } from './bench-runner';
import { scenarios } from './scenarios/index';

async function main(): Promise<number> {
  let values: { only?: string; json?: boolean };
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: { only: { type: 'string' }, json: { type: 'boolean', default: false } },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const names = scenarios.map((s) => s.name);
  const selected = values.only === undefined ? scenarios : scenarios.filter((s) => s.name === values.only);
  if (selected.length === 0) {
    process.stderr.write(`bench: no scenario named "${values.only}"; known: ${names.join(', ')}\n`);
    return 2;
  }
  const report = await runScenarios(selected, {
    onStart: (name) => process.stderr.write(`bench: running ${name}…\n`),
  });
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatBenchTable(report.rows));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
