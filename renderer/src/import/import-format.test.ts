import { describe, expect, it } from 'vitest';
import { baseName, formatOfflineNote, formatPageRange, formatSummary, formatTimeLeft, progressPercent } from './import-format';

describe('import-format', () => {
  it('says how long is left in words people read at a glance', () => {
    expect(formatTimeLeft(null)).toBeNull();
    expect(formatTimeLeft(0.4)).toBe('less than a second left');
    expect(formatTimeLeft(12.2)).toBe('about 13 s left');
    expect(formatTimeLeft(95)).toBe('about 2 min left');
    expect(formatTimeLeft(3900)).toBe('about 1 h 5 min left');
    expect(formatTimeLeft(7200)).toBe('about 2 h left');
  });

  it('writes the summary with every count, singular when one', () => {
    expect(formatSummary({ total: 1306, added: 1200, updated: 3, duplicates: 1, invalid: 100, failed: 2 })).toBe(
      '1,200 added, 3 updated, 1 duplicate, 100 invalid, 2 failed',
    );
  });

  it('says how many vehicles were decoded offline, first, when vPIC was down', () => {
    const counts = { total: 1200, added: 1200, updated: 0, duplicates: 0, invalid: 0, failed: 0 };
    expect(formatOfflineNote(counts)).toBeNull();
    expect(formatOfflineNote({ ...counts, offline: 1200 })).toBe('1,200 decoded offline (partial data, will be re-checked online)');
    expect(formatSummary({ ...counts, offline: 1200 })).toBe(
      '1,200 decoded offline (partial data, will be re-checked online), 1,200 added, 0 updated, 0 duplicates, 0 invalid, 0 failed',
    );
  });

  it('turns progress into a bar value: done is full, unknown is indeterminate', () => {
    expect(progressPercent({ state: 'running', fraction: 0.426 })).toBe(43);
    expect(progressPercent({ state: 'running', fraction: null })).toBeNull();
    expect(progressPercent({ state: 'queued', fraction: null })).toBe(0);
    expect(progressPercent({ state: 'done', fraction: 0.9 })).toBe(100);
    expect(progressPercent({ state: 'running', fraction: 1.7 })).toBe(100);
  });

  it('names report pages and file names', () => {
    expect(formatPageRange(100, 30, 130)).toBe('Rows 101–130 of 130');
    expect(formatPageRange(0, 0, 0)).toBe('No rows of 0');
    expect(baseName('C:\\Users\\ops\\fleet.csv')).toBe('fleet.csv');
    expect(baseName('/home/ops/fleet.csv')).toBe('fleet.csv');
  });
});
