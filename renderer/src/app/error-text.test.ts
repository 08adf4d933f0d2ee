import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../shared/ipc/result';
import { describeError } from './error-text';

describe('describeError', () => {
  it('gives every code a next step, so no message is a bare code', () => {
    for (const code of ERROR_CODES) {
      const text = describeError({ code, message: '' });
      expect(text, code).not.toContain(code);
      expect(text.split('. ').length, code).toBeGreaterThanOrEqual(2);
    }
  });

  it('keeps main\'s message first, ending as a sentence, then says what to do', () => {
    expect(describeError({ code: 'FILE_ERROR', message: 'The file fleet.csv could not be read' })).toBe(
      'The file fleet.csv could not be read. Check that it exists, that you may read or write it, and that no other program has it open, then try again.',
    );
    expect(describeError({ code: 'STORAGE_ERROR', message: 'Disk full.' })).toMatch(/^Disk full\. Check that the data folder/);
  });
});
