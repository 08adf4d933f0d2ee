import { describe, expect, it } from 'vitest';
import { MAX_PAGE_SIZE, vehicleListQuerySchema } from './vehicle-query';

describe('vehicleListQuerySchema', () => {
  it('fills in offset and limit', () => {
    expect(vehicleListQuerySchema.parse({})).toEqual({ offset: 0, limit: 100 });
  });

  it('accepts a full query', () => {
    const query = {
      search: 'peter',
      make: 'PETERBILT',
      yearFrom: 2000,
      yearTo: 2025,
      source: 'offline',
      hasErrors: true,
      sort: { column: 'modelYear', direction: 'desc' },
      offset: 200,
      limit: MAX_PAGE_SIZE,
    };
    expect(vehicleListQuerySchema.parse(query)).toEqual(query);
  });

  it.each([
    ['an unknown key', { where: '1=1' }],
    ['an unknown key in sort', { sort: { column: 'vin', direction: 'asc', nulls: 'last' } }],
    ['a column outside the whitelist', { sort: { column: 'raw_json', direction: 'asc' } }],
    ['a bad direction', { sort: { column: 'vin', direction: 'up' } }],
    ['a search over 100 characters', { search: 'x'.repeat(101) }],
    ['a page too large', { limit: MAX_PAGE_SIZE + 1 }],
    ['an empty page', { limit: 0 }],
    ['a negative offset', { offset: -1 }],
    ['a fractional offset', { offset: 1.5 }],
    ['a year before 1900', { yearFrom: 1899 }],
    ['a year after 2100', { yearTo: 2101 }],
    ['an unknown source', { source: 'carfax' }],
    ['a string for hasErrors', { hasErrors: 'true' }],
  ])('rejects %s', (_, input) => {
    expect(vehicleListQuerySchema.safeParse(input).success).toBe(false);
  });
});
