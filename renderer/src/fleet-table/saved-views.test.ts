import { describe, expect, it } from 'vitest';
import { EMPTY_LAYOUT } from './grid-layout';
import { loadViews, parseFilter, parseViews, storeViews, withView } from './saved-views';

describe('saved views', () => {
  it('stores views by name and takes them back', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    const tractors = { name: 'Long haul tractors', filter: { bodyClass: 'Truck-Tractor', yearFrom: 2015 }, layout: { ...EMPTY_LAYOUT, sorting: [{ id: 'modelYear', desc: true }] } };
    const redecode = { name: 'Needs re-decode', filter: { source: 'offline' as const }, layout: EMPTY_LAYOUT };
    storeViews(withView(withView([], tractors), redecode), storage);
    expect(loadViews(storage)).toEqual([tractors, redecode]);
  });

  it('saving under an existing name replaces that view', () => {
    const a = { name: 'A', filter: { make: 'FORD' }, layout: EMPTY_LAYOUT };
    const b = { name: 'A', filter: { make: 'MACK' }, layout: EMPTY_LAYOUT };
    expect(withView([a], b)).toEqual([b]);
  });

  it('drops unknown or ill-typed fields and nameless or repeated views', () => {
    expect(parseFilter({ make: 'FORD', yearFrom: 1800, source: 'carrier pigeon', hasErrors: 'yes', drop: 'table' })).toEqual({ make: 'FORD' });
    expect(parseViews([{ name: '  ' }, { name: 'X', filter: null }, { name: 'X' }, 'junk']).map((v) => v.name)).toEqual(['X']);
    expect(parseViews({ not: 'a list' })).toEqual([]);
  });
});
