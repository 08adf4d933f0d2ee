/**
 * Make/model/years of the WMI catalog that the simulator answers in a given way, so recall
 * tests can pick "a model with park-it campaigns" or "a model NHTSA has no data for" without
 * hard-coding what the simulator's hash happens to produce.
 */
import { generateVins } from '../fleet-generator';
import { WMI_CATALOG } from '../wmi-catalog';
import { simulateDecode } from './simulated-decode';
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

/**
 * `n` generated VINs whose simulated decode lands on a make/model/year matching `predicate`,
 * each from a different make/model/year, for tests that go through decoding (the e2e suite).
 */
export function vinsForRecallCombos(n: number, predicate: (combo: RecallCombo) => boolean, seed = 7): { vin: string; combo: RecallCombo }[] {
  const referenceYear = new Date().getFullYear();
  const out: { vin: string; combo: RecallCombo }[] = [];
  const used = new Set<string>();
  for (const vin of generateVins(seed, 2000)) {
    const decoded = simulateDecode(vin, { referenceYear });
    const modelYear = Number(decoded.ModelYear);
    if (!decoded.Make || !decoded.Model || !Number.isInteger(modelYear)) continue;
    const key = `${decoded.Make}|${decoded.Model}|${modelYear}`;
    if (used.has(key)) continue;
    const combo = { make: decoded.Make, model: decoded.Model, modelYear, answer: simulateRecalls(decoded.Make, decoded.Model, modelYear) };
    if (!predicate(combo)) continue;
    used.add(key);
    out.push({ vin, combo });
    if (out.length === n) return out;
  }
  throw new Error(`only ${out.length} of ${n} VINs found for the predicate`);
}
