import { describe, expect, it } from 'vitest';
import type { BenchRow } from './bench-row';
import { formatBenchTable, runScenarios, targetSummary } from './bench-runner';

const row = (metric: string, value: number, pass?: boolean): BenchRow => ({
  scenario: 's',
  metric,
  value,
  unit: 'ms',
  ...(pass === undefined ? {} : { target: '≤ 1', pass }),
});

describe('bench runner', () => {
  it('reports a throwing scenario as a failed row and still runs the others', async () => {
    const started: string[] = [];
    const report = await runScenarios(
      [
        { name: 'boom', run: () => Promise.reject(new Error('simulator would not start')) },
        { name: 'ok', run: () => Promise.resolve([row('fast', 1, true)]) },
      ],
      { onStart: (name) => started.push(name), now: () => new Date('2025-01-02T03:04:05Z') },
    );
    expect(started).toEqual(['boom', 'ok']);
    expect(report.startedAt).toBe('2025-01-02T03:04:05.000Z');
    expect(report.rows[0]).toMatchObject({ scenario: 'boom', metric: 'failed: simulator would not start', pass: false });
    expect(report.rows[1]).toMatchObject({ scenario: 's', metric: 'fast', pass: true });
    expect(report.machine.node).toBe(process.version);
    expect(targetSummary(report.rows)).toEqual({ met: 1, total: 2 });
  });

  it('prints an aligned table with ✓/✗ and the summary line', () => {
    const text = formatBenchTable([row('a', 12345, true), row('longer metric', 1.5, false), row('untargeted', 7)]);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^scenario \| metric\s+\| +value \| unit \| target \| pass$/);
    const bars = lines.slice(0, 5).map((l) => [...l.matchAll(/\|/g)].map((m) => m.index));
    for (const b of bars) expect(b).toEqual(bars[0]);
    expect(lines[2]).toContain('12,345');
    expect(lines[2]).toMatch(/✓$/);
    expect(lines[3]).toMatch(/✗$/);
    expect(lines.at(-1)).toBe('1 of 2 targets met');
  });
});
