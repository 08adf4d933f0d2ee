/**
 * Runs benchmark scenarios and renders their rows: the logic behind `npm run bench` (run.ts).
 *
 * A benchmark reports, it does not gate: a scenario that throws becomes a failed row carrying its
 * error and the others still run; missed targets are counted in the summary, never turned into
 * an exit code (the tests and the e2e suite are the gates).
 */
import os from 'node:os';
import type { BenchRow } from './bench-row';
import type { BenchScenario } from './scenarios/index';

export interface BenchReport {
  readonly rows: BenchRow[];
  readonly machine: { readonly cpus: string; readonly node: string; readonly platform: string };
  readonly startedAt: string;
}

export interface RunScenariosOptions {
  /** Called before each scenario starts (progress on stderr). */
  readonly onStart?: (name: string) => void;
  readonly now?: () => Date;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The row standing in for a scenario that threw. */
export function failedRow(scenario: string, error: unknown): BenchRow {
  return { scenario, metric: `failed: ${messageOf(error)}`, value: 0, unit: '', target: 'completes', pass: false };
}

export function machineInfo(): BenchReport['machine'] {
  const cpus = os.cpus();
  return {
    cpus: `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}`,
    node: process.version,
    platform: `${process.platform} ${os.release()} ${process.arch}`,
  };
}

export async function runScenarios(scenarios: readonly BenchScenario[], options: RunScenariosOptions = {}): Promise<BenchReport> {
  const startedAt = (options.now ?? (() => new Date()))().toISOString();
  const rows: BenchRow[] = [];
  for (const scenario of scenarios) {
    options.onStart?.(scenario.name);
    try {
      rows.push(...(await scenario.run()));
    } catch (error) {
      rows.push(failedRow(scenario.name, error));
    }
  }
  return { rows, machine: machineInfo(), startedAt };
}

/** Rows with a target, and how many of them passed. */
export function targetSummary(rows: readonly BenchRow[]): { met: number; total: number } {
  const judged = rows.filter((row) => row.pass !== undefined);
  return { met: judged.filter((row) => row.pass).length, total: judged.length };
}

function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** The aligned table: scenario | metric | value | unit | target | pass, then the summary line. */
export function formatBenchTable(rows: readonly BenchRow[]): string {
  const headers = ['scenario', 'metric', 'value', 'unit', 'target', 'pass'];
  const cells = rows.map((row) => [
    row.scenario,
    row.metric,
    formatValue(row.value),
    row.unit,
    row.target ?? '',
    row.pass === undefined ? '' : row.pass ? '✓' : '✗',
  ]);
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  // Values are right-aligned so magnitudes line up.
  const line = (c: readonly string[]): string =>
    c
      .map((text, i) => (i === 2 ? text.padStart(widths[i]!) : text.padEnd(widths[i]!)))
      .join(' | ')
      .trimEnd();
  const { met, total } = targetSummary(rows);
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.map(line), '', `${met} of ${total} targets met`].join('\n') + '\n';
}
