/**
 * Saved views: a filter, a sort and a column layout under a name ("Long haul tractors").
 *
 * Kept in localStorage beside the layout, for the same reason (a preference of this window,
 * nothing the CLI or another desk reads). Entries are checked field by field on the way in, so a
 * damaged entry is dropped rather than breaking the table.
 */
import { parseLayout, type GridLayout } from './grid-layout';
import type { FleetFilter } from './use-fleet-query';

export interface SavedView {
  readonly name: string;
  readonly filter: FleetFilter;
  readonly layout: GridLayout;
}

export const VIEWS_STORAGE_KEY = 'fleet.grid.views.v1';
export const MAX_VIEW_NAME = 60;
const MAX_VIEWS = 50;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= 100 ? value : undefined;
}

function year(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1900 && value <= 2100 ? value : undefined;
}

/** A filter from untrusted JSON: known fields of the right type only. */
export function parseFilter(value: unknown): FleetFilter {
  if (!isRecord(value)) return {};
  const filter: Record<string, unknown> = {
    search: text(value.search),
    make: text(value.make),
    yearFrom: year(value.yearFrom),
    yearTo: year(value.yearTo),
    source: value.source === 'vpic' || value.source === 'offline' ? value.source : undefined,
    hasErrors: value.hasErrors === true ? true : undefined,
    vinContains: text(value.vinContains),
    modelContains: text(value.modelContains),
    bodyClass: text(value.bodyClass),
  };
  for (const key of Object.keys(filter)) if (filter[key] === undefined) delete filter[key];
  return filter as FleetFilter;
}

export function parseViews(value: unknown): SavedView[] {
  if (!Array.isArray(value)) return [];
  const views: SavedView[] = [];
  for (const entry of value.slice(0, MAX_VIEWS)) {
    if (!isRecord(entry)) continue;
    const name = typeof entry.name === 'string' ? entry.name.trim().slice(0, MAX_VIEW_NAME) : '';
    if (name === '' || views.some((v) => v.name === name)) continue;
    views.push({ name, filter: parseFilter(entry.filter), layout: parseLayout(entry.layout) });
  }
  return views;
}

export function loadViews(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): SavedView[] {
  try {
    const stored = storage?.getItem(VIEWS_STORAGE_KEY);
    return stored ? parseViews(JSON.parse(stored)) : [];
  } catch {
    return [];
  }
}

export function storeViews(views: readonly SavedView[], storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(VIEWS_STORAGE_KEY, JSON.stringify(views));
  } catch {
    // Storage full or disabled: the views still work for this session.
  }
}

/** The list with `view` added, replacing a view of the same name, sorted by name. */
export function withView(views: readonly SavedView[], view: SavedView): SavedView[] {
  return [...views.filter((v) => v.name !== view.name), view].sort((a, b) => a.name.localeCompare(b.name));
}
