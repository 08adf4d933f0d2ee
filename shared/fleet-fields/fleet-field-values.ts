/**
 * Stored values of the standard fleet fields, as every layer sees them.
 *
 * Files write odometers as `123,456 km` or `123.456` and dates as `2024-03-01`, `01.03.2024` or
 * an Excel date; the table sorts and the spreadsheet export types them only when they are stored
 * as numbers and ISO dates. A value that does not read as its type is kept as a custom field
 * under its header, so nothing the file said is lost.
 */
import { FLEET_FIELDS, type FleetFieldKey, type FleetFieldValues } from './fleet-fields';

/** One vehicle's standard fields; null where the files said nothing. */
export interface FleetFieldRecord {
  readonly unitNumber: string | null;
  readonly plate: string | null;
  readonly plateRegion: string | null;
  readonly department: string | null;
  readonly driver: string | null;
  readonly odometer: number | null;
  /** ISO date (YYYY-MM-DD), or the text as the file had it when it named no unambiguous date. */
  readonly inServiceDate: string | null;
  readonly notes: string | null;
}

export const EMPTY_FLEET_FIELDS: FleetFieldRecord = {
  unitNumber: null,
  plate: null,
  plateRegion: null,
  department: null,
  driver: null,
  odometer: null,
  inServiceDate: null,
  notes: null,
};

/** An odometer reading as a whole number, or null when the text is not one (`12,345 km`, `12.345`, `12345.6`). */
export function parseOdometer(text: string): number | null {
  const compact = text.trim().replace(/\s*(km|mi|miles|kilometers|kilometres|meilen)\.?$/i, '').replace(/[\s\u00a0']/g, '');
  if (/^\d{1,3}([.,])\d{3}(\1\d{3})*$/.test(compact)) return Number(compact.replace(/[.,]/g, ''));
  if (/^\d+([.,]\d+)?$/.test(compact)) return Math.round(Number(compact.replace(',', '.')));
  return null;
}

function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  if (year < 1900 || year > 2200) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A date as YYYY-MM-DD when the text names one unambiguously, else null.
 *
 * ISO (`2024-03-01`, with or without a time), German/European dotted (`01.03.2024`), and slashed
 * dates whose order the numbers themselves decide (`25/03/2024` is day first, `03/25/2024` month
 * first); `03/04/2024` could be either and is left as text rather than guessed.
 */
export function parseFleetDate(text: string): string | null {
  const t = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(t);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
  if (m) return isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(t);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const year = Number(m[3]);
    if (a > 12 && b <= 12) return isoDate(year, b, a);
    if (b > 12 && a <= 12) return isoDate(year, a, b);
    if (a === b) return isoDate(year, a, b);
    return null;
  }
  return null;
}

/** Column values to store for one row's standard fields: typed where they read as their type. */
export interface StoredFleetValues {
  readonly values: Partial<Record<FleetFieldKey, string | number>>;
  /** Fields whose text did not read as their type (kept as custom fields by the caller). */
  readonly unreadable: readonly FleetFieldKey[];
}

export function storedFleetValues(fields: FleetFieldValues): StoredFleetValues {
  const values: Partial<Record<FleetFieldKey, string | number>> = {};
  const unreadable: FleetFieldKey[] = [];
  for (const field of FLEET_FIELDS) {
    const text = fields[field.key]?.trim();
    if (text === undefined || text === '') continue;
    if (field.type === 'integer') {
      const n = parseOdometer(text);
      if (n === null) unreadable.push(field.key);
      else values[field.key] = n;
    } else if (field.type === 'date') {
      // A date the numbers do not decide is kept as written: still the file's own words.
      values[field.key] = parseFleetDate(text) ?? text;
    } else {
      values[field.key] = text;
    }
  }
  return { values, unreadable };
}
