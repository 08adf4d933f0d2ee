import { describe, expect, it } from 'vitest';
import { rowsToTsv } from './copy-rows';

describe('rowsToTsv', () => {
  it('writes a header row, one line per row, tabs between values, and no stray tabs or breaks inside', () => {
    const columns = [
      { label: 'VIN', value: (r: { vin: string; note: string }) => r.vin },
      { label: 'Note', value: (r: { vin: string; note: string }) => r.note },
    ];
    const tsv = rowsToTsv(columns, [
      { vin: '1XPWD40X1ED215307', note: 'a\tb' },
      { vin: '4V4NC9EJXEN171694', note: 'line\r\nbreak' },
    ]);
    expect(tsv).toBe('VIN\tNote\r\n1XPWD40X1ED215307\ta b\r\n4V4NC9EJXEN171694\tline break\r\n');
  });
});
