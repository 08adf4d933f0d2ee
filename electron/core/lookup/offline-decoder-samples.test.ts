/**
 * The genuine vPIC answers in ../shared/vpic-samples decode offline as vPIC answered them.
 *
 * Both wire shapes are read: DecodeVinValues (one flat object) and DecodeVin (variable/value
 * rows). Partial VINs (with `*`) are skipped: the app never decodes those. Compared: the four
 * challenge fields and the vehicle type; every error code vPIC gave must be among ours (the
 * snapshot lacks some elements' patterns, so it may add 14 for a position only those name, and
 * the older captures predate vPIC flagging a "0" in position 10 as an invalid character).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comparable } from '../../../bench/conformance';
import { createOfflineDecoder, type OfflineDecoder } from './offline-decoder';

const SAMPLES = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'vpic-samples');

/** DecodeVin's variable names for the DecodeVinValues keys compared here. */
const DECODE_VIN_NAMES: Readonly<Record<string, string>> = {
  'Make': 'Make',
  'Model': 'Model',
  'Model Year': 'ModelYear',
  'Body Class': 'BodyClass',
  'Vehicle Type': 'VehicleType',
  'Error Code': 'ErrorCode',
};

function sampleAnswers(): Array<Record<string, string>> {
  if (!existsSync(SAMPLES)) return [];
  const answers: Array<Record<string, string>> = [];
  for (const name of readdirSync(SAMPLES).filter((n) => n.endsWith('.json'))) {
    const doc = JSON.parse(readFileSync(path.join(SAMPLES, name), 'utf8')) as { SearchCriteria: string | null; Results: Array<Record<string, string | null>> };
    const first = doc.Results[0];
    if (first && 'Variable' in first) {
      const answer: Record<string, string> = { VIN: (doc.SearchCriteria ?? '').replace(/^VIN:/, '') };
      for (const row of doc.Results) {
        const key = DECODE_VIN_NAMES[row.Variable ?? ''];
        if (key) answer[key] = row.Value ?? '';
      }
      answers.push(answer);
    } else {
      for (const r of doc.Results) answers.push(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v ?? ''])));
    }
  }
  return answers.filter((a) => /^[0-9A-HJ-NPR-Z]{17}$/.test(a.VIN ?? ''));
}

const answers = sampleAnswers();
if (answers.length === 0) console.warn(`Skipping the vPIC sample comparison: no samples in ${SAMPLES}.`);

describe.skipIf(answers.length === 0)('offline decodes of the genuine vPIC samples', () => {
  let dataDir: string;
  let decoder: OfflineDecoder;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'fvl-samples-'));
    decoder = await createOfflineDecoder({ dataDir, now: () => new Date('2026-07-15T00:00:00Z') });
  });

  afterAll(async () => {
    decoder?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it.each(answers.map((a) => [a.VIN, a] as const))('%s', async (vin, answer) => {
    const raw = (await decoder.decode(vin)).raw;
    for (const field of ['Make', 'Model', 'ModelYear', 'BodyClass', 'VehicleType']) {
      expect(comparable(raw[field]), field).toBe(comparable(answer[field]));
    }
    const ours = (raw.ErrorCode ?? '').split(',');
    for (const code of answer.ErrorCode.split(',')) expect(ours).toContain(code.trim());
  });
});
