/**
 * `npm run conformance [-- --mismatches]`: decodes the conformance set offline and prints the
 * per-field agreement with NHTSA (see conformance.ts). `--mismatches` also lists every
 * disagreement, to see which rule is still missing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createOfflineDecoder } from '../electron/core/lookup/offline-decoder';
import { CONFORMANCE_FILE, formatConformanceTable, loadConformanceSet, scoreConformance } from './conformance';

/** NHTSA's answers in the set were produced with 2026 as the current year. */
const CONFORMANCE_NOW = new Date('2026-07-15T00:00:00Z');

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { mismatches: { type: 'boolean', default: false }, 'data-dir': { type: 'string' } },
    strict: true,
  });
  const cases = loadConformanceSet();
  if (cases === null) {
    process.stderr.write(`conformance: ${CONFORMANCE_FILE} not found; nothing to measure.\n`);
    return 2;
  }
  const dataDir = values['data-dir'] ?? (await mkdtemp(path.join(tmpdir(), 'fvl-conformance-')));
  const decoder = await createOfflineDecoder({ dataDir, now: () => CONFORMANCE_NOW });
  try {
    const decoded = [];
    for (const c of cases) decoded.push(await decoder.decode(c.vin));
    const report = scoreConformance(cases, decoded);
    if (values.mismatches) {
      for (const m of report.mismatches) {
        process.stdout.write(`${m.vin}  ${m.field}: NHTSA "${m.expected}"  offline "${m.actual}"\n`);
      }
      process.stdout.write('\n');
    }
    process.stdout.write(`Offline decoder vs NHTSA, ${cases.length} VINs of 17 valid characters\n`);
    process.stdout.write(formatConformanceTable(report));
    return 0;
  } finally {
    decoder.close();
    if (values['data-dir'] === undefined) await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`conformance: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
