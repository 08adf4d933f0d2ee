import { describe, expect, it } from 'vitest';
import { splitVinList } from './split-vins';

describe('splitVinList', () => {
  it('splits lines, commas, semicolons, tabs and spaces, and drops repeats', () => {
    const text = '1XPWD40X1ED215307\r\n4V4NC9EJXEN171694,1XKWDB0X57J211825;\t1XP5DB9X7YN526158  1xpwd40x1ed215307\n';
    expect(splitVinList(text)).toEqual(['1XPWD40X1ED215307', '4V4NC9EJXEN171694', '1XKWDB0X57J211825', '1XP5DB9X7YN526158']);
  });

  it('keeps one VIN typed with spaces as one VIN', () => {
    expect(splitVinList('1XP WD40X 1ED215307')).toBeNull();
    expect(splitVinList('1XPWD40X1ED215307')).toBeNull();
    expect(splitVinList('  1XPWD40X1ED215307 \n')).toBeNull();
  });

  it('keeps bad parts of a list for the batch to report', () => {
    expect(splitVinList('1XPWD40X1ED215307, 123')).toEqual(['1XPWD40X1ED215307', '123']);
  });
});
