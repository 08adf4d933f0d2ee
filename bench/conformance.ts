/**
 * Agreement of the offline decoder with NHTSA's own decoder, field by field.
 *
 * The conformance set (`../shared/conformance/nhtsa-decodes.jsonl`) holds what NHTSA's
 * `vpic.spvindecode` answered for VINs built to exercise its rules. Only VINs of 17 valid
 * characters are scored: the others carry placeholders the app rejects before decoding.
 * Values compare case- and whitespace-insensitively, with "Not Applicable" as empty, because
 * those differences carry no meaning for a fleet user. Used by `npm run conformance` and by
 * the test that keeps the agreement from sliding back.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { DecodedVehicle } from '../shared/vehicle';
import { validateVin } from '../shared/vin/vin-rules';

/** Where the conformance set lives, relative to the repository root. */
export const CONFORMANCE_FILE = path.resolve(__dirname, '..', '..', 'shared', 'conformance', 'nhtsa-decodes.jsonl');

export interface ConformanceCase {
  readonly vin: string;
  /** NHTSA's DecodeVinValues-shaped answer. */
  readonly expected: Readonly<Record<string, string>>;
}

/** The fields scored one by one; the first four are the challenge fields. */
export const SCORED_FIELDS = [
  'Make',
  'Model',
  'ModelYear',
  'BodyClass',
  'VehicleType',
  'Manufacturer',
  'Series',
  'Trim',
  'GVWR',
  'DriveType',
  'FuelTypePrimary',
  'PlantCountry',
  'PlantCity',
  'ErrorCode',
  'SuggestedVIN',
  'PossibleValues',
] as const;

const CHALLENGE_FIELDS = ['Make', 'Model', 'ModelYear', 'BodyClass'] as const;

/** Reads the set, keeping the VINs of 17 valid characters; null when the file is absent. */
export function loadConformanceSet(file: string = CONFORMANCE_FILE): ConformanceCase[] | null {
  if (!existsSync(file)) return null;
  const cases: ConformanceCase[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const row = JSON.parse(line) as { vin: string; results: Record<string, string> };
    if (row.vin.length !== 17 || !validateVin(row.vin).valid) continue;
    cases.push({ vin: row.vin, expected: row.results });
  }
  return cases;
}

/** A value as compared: lower case, inner whitespace collapsed, "Not Applicable" → "". */
export function comparable(value: string | null | undefined): string {
  const text = (value ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
  return text === 'not applicable' ? '' : text;
}

function sameValue(field: string, expected: string | undefined, actual: string | null | undefined): boolean {
  if (field === 'ErrorCode') {
    const codes = (v: string | null | undefined): string =>
      comparable(v)
        .split(',')
        .map((c) => c.trim())
        .filter((c) => c !== '')
        .sort()
        .join(',');
    return codes(expected) === codes(actual);
  }
  return comparable(expected) === comparable(actual);
}

export interface FieldScore {
  readonly field: string;
  readonly agree: number;
  readonly total: number;
}

export interface Mismatch {
  readonly vin: string;
  readonly field: string;
  readonly expected: string;
  readonly actual: string;
}

export interface ConformanceReport {
  readonly fields: readonly FieldScore[];
  /** VINs with all four challenge fields right. */
  readonly challenge: FieldScore;
  readonly mismatches: readonly Mismatch[];
}

/** Scores decoded records against NHTSA's answers (same order as the cases). */
export function scoreConformance(
  cases: readonly ConformanceCase[],
  decoded: readonly DecodedVehicle[],
): ConformanceReport {
  const agree = new Map<string, number>(SCORED_FIELDS.map((f) => [f, 0]));
  const mismatches: Mismatch[] = [];
  let challenge = 0;
  cases.forEach((c, i) => {
    const raw = decoded[i]?.raw ?? {};
    let allFour = true;
    for (const field of SCORED_FIELDS) {
      const ok = sameValue(field, c.expected[field], raw[field]);
      if (ok) agree.set(field, (agree.get(field) ?? 0) + 1);
      else mismatches.push({ vin: c.vin, field, expected: c.expected[field] ?? '', actual: raw[field] ?? '' });
      if (!ok && (CHALLENGE_FIELDS as readonly string[]).includes(field)) allFour = false;
    }
    if (allFour) challenge += 1;
  });
  return {
    fields: SCORED_FIELDS.map((field) => ({ field, agree: agree.get(field) ?? 0, total: cases.length })),
    challenge: { field: 'Make+Model+ModelYear+BodyClass', agree: challenge, total: cases.length },
    mismatches,
  };
}

function percent(score: FieldScore): string {
  return score.total === 0 ? '-' : `${((100 * score.agree) / score.total).toFixed(1)}%`;
}

/** The report as an aligned text table. */
export function formatConformanceTable(report: ConformanceReport): string {
  const rows = [...report.fields, report.challenge];
  const width = Math.max(...rows.map((r) => r.field.length));
  const lines = [`${'field'.padEnd(width)}  agree  total  rate`];
  for (const r of rows) {
    lines.push(`${r.field.padEnd(width)}  ${String(r.agree).padStart(5)}  ${String(r.total).padStart(5)}  ${percent(r).padStart(6)}`);
  }
  return `${lines.join('\n')}\n`;
}
