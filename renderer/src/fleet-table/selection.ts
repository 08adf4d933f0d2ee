/**
 * Multi-select in a virtualised table: click, Ctrl/Cmd-click, Shift-click and select-all.
 *
 * Select-all cannot list 100,000 ids from the rows on screen, so it is its own mode ("every row
 * of the query except these"); the ids are walked from SQLite only when an action needs them.
 */

export type Selection =
  | { readonly mode: 'some'; readonly ids: ReadonlySet<number>; readonly anchor: number | null; readonly active: number | null }
  | { readonly mode: 'all'; readonly except: ReadonlySet<number>; readonly anchor: number | null; readonly active: number | null };

export const EMPTY_SELECTION: Selection = { mode: 'some', ids: new Set(), anchor: null, active: null };

export function isSelected(selection: Selection, id: number): boolean {
  return selection.mode === 'all' ? !selection.except.has(id) : selection.ids.has(id);
}

export function selectedCount(selection: Selection, total: number): number {
  return selection.mode === 'all' ? Math.max(0, total - selection.except.size) : selection.ids.size;
}

export interface ClickModifiers {
  readonly toggle: boolean;
  readonly range: boolean;
}

/**
 * The selection after a click on row `index` (id `id`).
 *
 * `idAt` gives the id of a loaded row, so a Shift range covers the rows the user has seen.
 */
export function clickRow(
  selection: Selection,
  index: number,
  id: number,
  modifiers: ClickModifiers,
  idAt: (index: number) => number | undefined,
): Selection {
  if (modifiers.range && selection.anchor !== null) {
    const ids = new Set<number>(modifiers.toggle && selection.mode === 'some' ? selection.ids : []);
    const [from, to] = selection.anchor <= index ? [selection.anchor, index] : [index, selection.anchor];
    for (let i = from; i <= to; i += 1) {
      const rowId = idAt(i);
      if (rowId !== undefined) ids.add(rowId);
    }
    return { mode: 'some', ids, anchor: selection.anchor, active: id };
  }
  if (modifiers.toggle) {
    if (selection.mode === 'all') {
      const except = new Set(selection.except);
      if (except.has(id)) except.delete(id);
      else except.add(id);
      return { mode: 'all', except, anchor: index, active: id };
    }
    const ids = new Set(selection.ids);
    if (ids.has(id)) ids.delete(id);
    else ids.add(id);
    return { mode: 'some', ids, anchor: index, active: ids.has(id) ? id : null };
  }
  return { mode: 'some', ids: new Set([id]), anchor: index, active: id };
}

export function selectAll(selection: Selection): Selection {
  return { mode: 'all', except: new Set(), anchor: selection.anchor, active: selection.active };
}

/** Ids that are gone (removed) leave the selection. */
export function withoutIds(selection: Selection, gone: ReadonlySet<number>): Selection {
  if (selection.mode === 'all') return EMPTY_SELECTION;
  const ids = new Set([...selection.ids].filter((id) => !gone.has(id)));
  const active = selection.active !== null && gone.has(selection.active) ? null : selection.active;
  return { mode: 'some', ids, anchor: active === null ? null : selection.anchor, active };
}
