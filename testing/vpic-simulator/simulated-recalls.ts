/**
 * What the simulator "knows" about recalls: deterministic synthetic campaigns per make, model
 * and model year, in the wire shape of NHTSA's `recallsByVehicle`.
 *
 * Test-only. The answer is a pure function of (make, model, year), so tests can predict it:
 * a make/model the WMI catalog does not know answers HTTP 400 (NHTSA has no data), as does
 * about one combination in eight of the known ones; about a quarter of the rest list no
 * campaigns; the others list one to four, some of them "park it" or "park outside".
 */
import { WMI_CATALOG } from '../wmi-catalog';

/** One campaign as NHTSA sends it. */
export interface WireRecall {
  readonly Manufacturer: string;
  readonly NHTSACampaignNumber: string;
  readonly parkIt: boolean;
  readonly parkOutSide: boolean;
  readonly overTheAirUpdate: boolean;
  readonly NHTSAActionNumber: string;
  /** DD/MM/YYYY, as NHTSA writes it. */
  readonly ReportReceivedDate: string;
  readonly Component: string;
  readonly Summary: string;
  readonly Consequence: string;
  readonly Remedy: string;
  readonly Notes: string;
  readonly ModelYear: string;
  readonly Make: string;
  readonly Model: string;
}

export type SimulatedRecalls = { readonly kind: 'no-data' } | { readonly kind: 'listed'; readonly results: readonly WireRecall[] };

const COMPONENTS = [
  'SERVICE BRAKES, AIR',
  'STEERING:LINKAGES',
  'ELECTRICAL SYSTEM:WIRING',
  'FUEL SYSTEM, DIESEL',
  'AIR BAGS',
  'SEAT BELTS',
  'POWER TRAIN:AXLE ASSEMBLY',
  'ENGINE AND ENGINE COOLING',
  'TIRES',
  'EXTERIOR LIGHTING',
];

/** FNV-1a: stable across runs and platforms. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The catalog's manufacturer for a make/model, or undefined when the catalog lacks the pair. */
function knownManufacturer(make: string, model: string): string | undefined {
  const m = make.trim().toUpperCase();
  const name = model.trim().toUpperCase();
  for (const maker of WMI_CATALOG) {
    if (maker.make.toUpperCase() === m && maker.models.some((x) => x.model.toUpperCase() === name)) return maker.manufacturer;
  }
  return undefined;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** NHTSA's answer for one make, model and year. */
export function simulateRecalls(make: string, model: string, modelYear: number): SimulatedRecalls {
  const manufacturer = knownManufacturer(make, model);
  if (manufacturer === undefined || !Number.isInteger(modelYear)) return { kind: 'no-data' };
  const key = `${make.trim().toUpperCase()}|${model.trim().toUpperCase()}|${modelYear}`;
  const h = hash(key);
  if (h % 8 === 0) return { kind: 'no-data' };
  if ((h >>> 3) % 4 === 0) return { kind: 'listed', results: [] };
  const count = 1 + ((h >>> 5) % 4);
  const results: WireRecall[] = [];
  for (let i = 0; i < count; i += 1) {
    const c = hash(`${key}#${i}`);
    const reportYear = Math.min(modelYear + (c % 6), 2025);
    const day = 1 + (c % 28);
    const month = 1 + ((c >>> 5) % 12);
    const campaign = `${String(reportYear % 100).padStart(2, '0')}V${String(100 + (c % 900)).padStart(3, '0')}000`;
    const component = COMPONENTS[(c >>> 9) % COMPONENTS.length] ?? 'UNKNOWN OR OTHER';
    const parkIt = (c >>> 13) % 6 === 0;
    const parkOutSide = !parkIt && (c >>> 16) % 7 === 0;
    results.push({
      Manufacturer: manufacturer,
      NHTSACampaignNumber: campaign,
      parkIt,
      parkOutSide,
      overTheAirUpdate: (c >>> 19) % 9 === 0,
      NHTSAActionNumber: '',
      ReportReceivedDate: `${pad(day)}/${pad(month)}/${reportYear}`,
      Component: component,
      Summary: `${manufacturer} is recalling certain ${modelYear} ${make.trim()} ${model.trim()} vehicles. The ${component.toLowerCase()} may fail (simulated campaign).`,
      Consequence: parkIt
        ? 'A failure increases the risk of a crash or fire; do not drive the vehicle until it is repaired.'
        : parkOutSide
          ? 'The vehicle may catch fire while parked; park it outside and away from structures.'
          : 'A failure increases the risk of a crash.',
      Remedy: 'Dealers will inspect and repair the part, free of charge.',
      Notes: 'Owners may contact NHTSA at 1-888-327-4236 or www.nhtsa.gov.',
      ModelYear: String(modelYear),
      Make: make.trim().toUpperCase(),
      Model: model.trim().toUpperCase(),
    });
  }
  return { kind: 'listed', results };
}
