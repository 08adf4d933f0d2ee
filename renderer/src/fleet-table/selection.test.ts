/**
 * The fleet table's selection model: what each click does, what select-all means for the count
 * and for each row, and what removal leaves selected.
 */
import { describe, expect, it } from 'vitest';
import {
  clickRow,
  EMPTY_SELECTION,
  isSelected,
  selectAll,
  selectedCount,
  withoutIds,
  type ClickModifiers,
  type Selection,
} from './selection';

const PLAIN: ClickModifiers = { toggle: false, range: false };
const TOGGLE: ClickModifiers = { toggle: true, range: false };
const RANGE: ClickModifiers = { toggle: false, range: true };
const TOGGLE_RANGE: ClickModifiers = { toggle: true, range: true };

/** Row index i shows vehicle id 100 + i; rows at and beyond `loaded` are not loaded yet. */
function idAtFor(loaded: number): (index: number) => number | undefined {
  return (index) => (index >= 0 && index < loaded ? 100 + index : undefined);
}
const idAt = idAtFor(1000);

function click(selection: Selection, index: number, modifiers: ClickModifiers = PLAIN): Selection {
  return clickRow(selection, index, 100 + index, modifiers, idAt);
}

function selectedIds(selection: Selection, total: number): number[] {
  return Array.from({ length: total }, (_, i) => 100 + i).filter((id) => isSelected(selection, id));
}

describe('selection', () => {
  it('starts empty', () => {
    expect(selectedCount(EMPTY_SELECTION, 50)).toBe(0);
    expect(isSelected(EMPTY_SELECTION, 100)).toBe(false);
  });

  it('a plain click selects exactly that row and makes it the anchor', () => {
    const s = click(click(EMPTY_SELECTION, 3), 7);
    expect(selectedIds(s, 20)).toEqual([107]);
    expect(selectedCount(s, 20)).toBe(1);
    expect(s.anchor).toBe(7);
    expect(s.active).toBe(107);
  });

  it('Ctrl/Cmd-click adds and removes single rows', () => {
    let s = click(EMPTY_SELECTION, 2);
    s = click(s, 5, TOGGLE);
    s = click(s, 9, TOGGLE);
    expect(selectedIds(s, 20)).toEqual([102, 105, 109]);
    s = click(s, 5, TOGGLE);
    expect(selectedIds(s, 20)).toEqual([102, 109]);
    expect(selectedCount(s, 20)).toBe(2);
    // The row toggled off is not the active one any more.
    expect(s.active).toBeNull();
  });

  it('Shift-click selects the range from the anchor, in either direction', () => {
    const down = click(click(EMPTY_SELECTION, 4), 8, RANGE);
    expect(selectedIds(down, 20)).toEqual([104, 105, 106, 107, 108]);
    expect(down.anchor).toBe(4);
    const up = click(click(EMPTY_SELECTION, 8), 5, RANGE);
    expect(selectedIds(up, 20)).toEqual([105, 106, 107, 108]);
    expect(selectedCount(up, 20)).toBe(4);
  });

  it('Shift-click replaces the selection; Ctrl+Shift-click adds the range to it', () => {
    const base = click(click(EMPTY_SELECTION, 0), 15, TOGGLE);
    const replaced = clickRow(base, 17, 117, RANGE, idAt);
    expect(selectedIds(replaced, 20)).toEqual([115, 116, 117]);
    const added = clickRow(base, 17, 117, TOGGLE_RANGE, idAt);
    expect(selectedIds(added, 20)).toEqual([100, 115, 116, 117]);
  });

  it('a Shift range covers only rows that are loaded', () => {
    const s = clickRow(click(EMPTY_SELECTION, 2), 8, 108, RANGE, idAtFor(5));
    expect(selectedIds(s, 20)).toEqual([102, 103, 104]);
  });

  it('Shift-click without an anchor is a plain click', () => {
    const s = click(EMPTY_SELECTION, 6, RANGE);
    expect(selectedIds(s, 20)).toEqual([106]);
  });

  it('select-all selects every row of the query, loaded or not', () => {
    const s = selectAll(click(EMPTY_SELECTION, 1));
    expect(selectedCount(s, 100_000)).toBe(100_000);
    expect(isSelected(s, 100)).toBe(true);
    expect(isSelected(s, 99_999)).toBe(true);
    // The anchor survives, so a Shift-click right after still has a start.
    expect(s.anchor).toBe(1);
  });

  it('rows deselected after select-all leave the count and the selection', () => {
    let s = selectAll(EMPTY_SELECTION);
    s = click(s, 3, TOGGLE);
    s = click(s, 11, TOGGLE);
    s = click(s, 12, TOGGLE);
    expect(selectedCount(s, 20)).toBe(17);
    expect(selectedIds(s, 20)).toHaveLength(17);
    expect(isSelected(s, 103)).toBe(false);
    expect(isSelected(s, 104)).toBe(true);
    // Toggled back on: counted again.
    s = click(s, 11, TOGGLE);
    expect(selectedCount(s, 20)).toBe(18);
    expect(isSelected(s, 111)).toBe(true);
  });

  it('the count after select-all agrees with isSelected row by row', () => {
    let s = selectAll(EMPTY_SELECTION);
    for (const index of [0, 7, 7, 9, 30, 31, 49, 30]) s = click(s, index, TOGGLE);
    expect(selectedCount(s, 50)).toBe(selectedIds(s, 50).length);
  });

  it('the count never goes below zero when every row was deselected', () => {
    let s = selectAll(EMPTY_SELECTION);
    for (let i = 0; i < 3; i += 1) s = click(s, i, TOGGLE);
    expect(selectedCount(s, 3)).toBe(0);
    // The query shrank below the number of exceptions (rows removed elsewhere).
    expect(selectedCount(s, 2)).toBe(0);
  });

  it('a plain click after select-all goes back to one row', () => {
    const s = click(selectAll(EMPTY_SELECTION), 4);
    expect(s.mode).toBe('some');
    expect(selectedCount(s, 1000)).toBe(1);
  });

  it('removed ids leave the selection; the rest stays', () => {
    let s = click(EMPTY_SELECTION, 1);
    s = click(s, 2, TOGGLE);
    s = click(s, 3, TOGGLE);
    const after = withoutIds(s, new Set([102, 999]));
    expect(selectedIds(after, 20)).toEqual([101, 103]);
    expect(after.active).toBe(103);
    expect(after.anchor).toBe(3);
  });

  it('removing the active row clears the active row and the anchor', () => {
    let s = click(EMPTY_SELECTION, 1);
    s = click(s, 2, TOGGLE);
    const after = withoutIds(s, new Set([102]));
    expect(selectedIds(after, 20)).toEqual([101]);
    expect(after.active).toBeNull();
    expect(after.anchor).toBeNull();
  });

  it('after removing a select-all selection nothing stays selected', () => {
    const after = withoutIds(selectAll(EMPTY_SELECTION), new Set([100, 101]));
    expect(selectedCount(after, 20)).toBe(0);
  });

  it('clicks never mutate the selection they were given', () => {
    const s = click(click(EMPTY_SELECTION, 1), 2, TOGGLE);
    const all = selectAll(s);
    click(s, 1, TOGGLE);
    click(all, 1, TOGGLE);
    expect(selectedIds(s, 5)).toEqual([101, 102]);
    expect(selectedCount(all, 5)).toBe(5);
  });
});
