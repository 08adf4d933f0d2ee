import { describe, expect, it } from 'vitest';
import { EMPTY_LAYOUT, loadLayout, moveColumn, parseLayout, saveLayout } from './grid-layout';

describe('grid layout', () => {
  it('takes back what it stored', () => {
    const layout = {
      columnOrder: ['vin', 'bodyClass', 'make'],
      columnSizing: { make: 220 },
      columnVisibility: { source: false },
      sorting: [{ id: 'modelYear', desc: true }, { id: 'make', desc: false }],
    };
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    saveLayout(layout, storage);
    expect(loadLayout(storage)).toEqual(layout);
  });

  it('drops what it cannot trust: wrong types, absurd widths, a hidden VIN, too many sort keys', () => {
    expect(parseLayout('nonsense')).toEqual(EMPTY_LAYOUT);
    expect(
      parseLayout({
        columnOrder: ['vin', 7, ''],
        columnSizing: { make: 1e9, model: -4, year: 'wide' },
        columnVisibility: { vin: false, source: 'no', model: false },
        sorting: [{ id: 'make', desc: 'yes' }, ...Array.from({ length: 6 }, (_, i) => ({ id: `c${i}`, desc: false }))],
      }),
    ).toEqual({
      columnOrder: ['vin'],
      columnSizing: { make: 1200, model: 40 },
      columnVisibility: { model: false },
      sorting: [0, 1, 2].map((i) => ({ id: `c${i}`, desc: false })),
    });
    expect(loadLayout({ getItem: () => '{not json' })).toEqual(EMPTY_LAYOUT);
  });

  it('moves a dragged column onto the target: after it going right, before it going left', () => {
    const order = ['vin', 'make', 'model', 'modelYear', 'bodyClass'];
    expect(moveColumn(order, 'bodyClass', 'make')).toEqual(['vin', 'bodyClass', 'make', 'model', 'modelYear']);
    expect(moveColumn(order, 'make', 'modelYear')).toEqual(['vin', 'model', 'modelYear', 'make', 'bodyClass']);
    expect(moveColumn(order, 'make', 'nowhere')).toEqual(order);
  });
});
