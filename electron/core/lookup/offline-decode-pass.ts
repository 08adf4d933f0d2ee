/**
 * One decode of a VIN for one model year, as NHTSA's decoder (`spVinDecode`) does it.
 *
 * Every pattern of the WMI's VIN schemas for that year whose keys match the VIN yields a
 * decoding item; the WMI adds vehicle type and manufacturer, the year its own item. Where
 * several items fill one element, the one with the highest priority wins (a pattern's priority
 * is its schema's first year, so newer schemas win), then the newest, then the least specific
 * key, then the lowest pattern id. Make comes from the model's make (Make_Model), else from the
 * WMI when it has exactly one make.
 */
import { formulaKeys, formulaValue, matchesKeys } from './offline-key-pattern';
import type { SnapshotData, WmiInfo } from './offline-snapshot-data';

export const ELEMENT = {
  bodyClass: 5,
  engineModel: 18,
  make: 26,
  manufacturer: 27,
  model: 28,
  modelYear: 29,
  vehicleType: 39,
  manufacturerId: 157,
} as const;

export type ItemSource = 'Pattern' | 'EngineModelPattern' | 'Formula Pattern' | 'pattern - model' | 'Make' | 'WMI' | 'ModelYear';

export interface DecodingItem {
  readonly elementId: number;
  readonly attributeId: string;
  /** A value fixed when the item is made; null = resolved from the element's lookup table. */
  readonly value: string | null;
  readonly source: ItemSource;
  readonly priority: number;
  readonly createdOn: string | null;
  readonly patternId: number | null;
  readonly keys: string;
}

/** Elements vPIC keeps every value of (free-text notes) instead of picking one. */
const MULTI_VALUED: ReadonlySet<number> = new Set([114, 121, 129, 150, 154, 155, 169, 186]);

function keysWithoutStars(keys: string): number {
  let n = 0;
  for (const c of keys) if (c !== '*') n += 1;
  return n;
}

/** Negative when `a` beats `b` for its element. */
function compareItems(a: DecodingItem, ai: number, b: DecodingItem, bi: number): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  // Newest first, items without a date before dated ones.
  if (a.createdOn !== b.createdOn) {
    if (a.createdOn === null) return -1;
    if (b.createdOn === null) return 1;
    return a.createdOn < b.createdOn ? 1 : -1;
  }
  const specificity = keysWithoutStars(a.keys) - keysWithoutStars(b.keys);
  if (specificity !== 0) return specificity;
  const ak = a.keys.replace(/[[\]]/g, '');
  const bk = b.keys.replace(/[[\]]/g, '');
  if (ak !== bk) return ak < bk ? -1 : 1;
  return ai - bi;
}

function keepBestPerElement(items: readonly DecodingItem[]): DecodingItem[] {
  const best = new Map<number, number>();
  items.forEach((item, i) => {
    if (MULTI_VALUED.has(item.elementId)) return;
    const current = best.get(item.elementId);
    if (current === undefined || compareItems(item, i, items[current], current) < 0) best.set(item.elementId, i);
  });
  return items.filter((item, i) => MULTI_VALUED.has(item.elementId) || best.get(item.elementId) === i);
}

/** The engine-model item that pulls in the engine's own fields, by the same precedence. */
function engineItem(items: readonly DecodingItem[]): DecodingItem | null {
  let best: DecodingItem | null = null;
  let bestIndex = -1;
  items.forEach((item, i) => {
    if (item.elementId !== ELEMENT.engineModel) return;
    if (best === null || compareItems(item, i, best, bestIndex) < 0) {
      best = item;
      bestIndex = i;
    }
  });
  return best;
}

export interface PassInput {
  readonly data: SnapshotData;
  readonly wmiCode: string;
  readonly wmi: WmiInfo;
  readonly keys: string;
  readonly modelYear: number | null;
}

/** The decoding items of one pass (before error codes). */
export function decodeItems(input: PassInput): DecodingItem[] {
  const { data, wmi, wmiCode, keys, modelYear } = input;
  const { patterns } = data.yearPatterns(wmi, wmiCode, modelYear);
  const items: DecodingItem[] = [];
  const formula = formulaKeys(keys);
  const formulaItems: DecodingItem[] = [];
  for (const p of patterns) {
    if (p.formula) {
      if (matchesKeys(p.matcher, formula)) {
        formulaItems.push({
          elementId: p.elementId,
          attributeId: formulaValue(keys, p.keys),
          value: formulaValue(keys, p.keys),
          source: 'Formula Pattern',
          priority: 100,
          createdOn: p.createdOn,
          patternId: p.id,
          keys: p.keys,
        });
      }
      continue;
    }
    if (!matchesKeys(p.matcher, keys)) continue;
    items.push({
      elementId: p.elementId,
      attributeId: p.attributeId,
      value: null,
      source: 'Pattern',
      priority: p.priority,
      createdOn: p.createdOn,
      patternId: p.id,
      keys: p.keys,
    });
  }

  const engine = engineItem(items);
  if (engine !== null) {
    for (const child of data.engineModelPatterns(engine.attributeId)) {
      items.push({ ...engine, elementId: child.elementId, attributeId: child.attributeId, value: null, source: 'EngineModelPattern', priority: 50, createdOn: child.createdOn });
    }
  }

  const fromWmi = (elementId: number, attributeId: string, value: string | null, createdOn: string | null): DecodingItem => ({
    elementId,
    attributeId,
    value,
    source: 'WMI',
    priority: 100,
    createdOn,
    patternId: null,
    keys: wmiCode,
  });
  if (wmi.vehicleTypeId !== null) {
    const name = data.lookup('VehicleType', wmi.vehicleTypeId);
    if (name) items.push(fromWmi(ELEMENT.vehicleType, String(wmi.vehicleTypeId), name.toUpperCase(), wmi.createdOn));
  }
  if (wmi.manufacturerId !== null) {
    const name = data.lookup('Manufacturer', wmi.manufacturerId) ?? '';
    items.push(fromWmi(ELEMENT.manufacturer, String(wmi.manufacturerId), name.toUpperCase(), null));
    items.push(fromWmi(ELEMENT.manufacturerId, String(wmi.manufacturerId), String(wmi.manufacturerId), null));
  }
  if (modelYear !== null) {
    items.push({ ...fromWmi(ELEMENT.modelYear, String(modelYear), String(modelYear), null), source: 'ModelYear', keys: '' });
  }
  items.push(...formulaItems);

  const decoded = keepBestPerElement(items);
  const makeName = (makeId: number): string => (data.lookup('Make', makeId) ?? '').toUpperCase();
  const model = decoded.find((i) => i.elementId === ELEMENT.model);
  if (model) {
    const modelId = Number(model.attributeId);
    if (Number.isInteger(modelId)) {
      for (const makeId of data.makesOfModel(modelId)) {
        decoded.push({ ...model, elementId: ELEMENT.make, attributeId: String(makeId), value: makeName(makeId), source: 'pattern - model', priority: 1000, createdOn: null });
      }
    }
  } else if (wmi.makeIds.length === 1) {
    const makeId = wmi.makeIds[0];
    decoded.push({ ...fromWmi(ELEMENT.make, String(makeId), makeName(makeId), wmi.createdOn), source: 'Make', priority: -100 });
  }
  return decoded;
}
