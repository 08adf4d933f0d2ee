/**
 * Make/model/years of the WMI catalog that the simulator answers in a given way, so recall
 * tests can pick "a model with park-it campaigns" or "a model NHTSA has no data for" without
 * hard-coding what the simulator's hash happens to produce.
 */
import { WMI_CATALOG } from '../wmi-catalog';
import { simulateRecalls, type SimulatedRecalls } from './simulated-recalls';

export interface RecallCombo {
  readonly make: string;
  readonly model: string;
  readonly modelYear: number;
  readonly answer: SimulatedRecalls;
}

/** Every catalog make/model for model years 2000-2025, with the simulator's answer. */
export function catalogRecallCombos(): RecallCombo[] {
  const out: RecallCombo[] = [];
  const seen = new Set<string>();
  for (const maker of WMI_CATALOG) {
    for (const m of maker.models) {
      for (let year = 2000; year <= 2025; year += 1) {
        const key = `${maker.make}|${m.model}|${year}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ make: maker.make, model: m.model, modelYear: year, answer: simulateRecalls(maker.make, m.model, year) });
      }
    }
  }
  return out;
}

/** The first `n` combos matching `predicate`; throws when the catalog has fewer. */
export function pickCombos(n: number, predicate: (combo: RecallCombo) => boolean): RecallCombo[] {
  const found = catalogRecallCombos().filter(predicate).slice(0, n);
  if (found.length < n) throw new Error(`the catalog has only ${found.length} such make/model/years, ${n} wanted`);
  return found;
}

export const isFound = (c: RecallCombo): boolean => c.answer.kind === 'listed' && c.answer.results.length > 0;
export const isNone = (c: RecallCombo): boolean => c.answer.kind === 'listed' && c.answer.results.length === 0;
export const isNoData = (c: RecallCombo): boolean => c.answer.kind === 'no-data';
export const hasParkIt = (c: RecallCombo): boolean =>
  c.answer.kind === 'listed' && c.answer.results.some((r) => r.parkIt || r.parkOutSide);
