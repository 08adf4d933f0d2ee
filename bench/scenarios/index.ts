/**
 * Every `npm run bench` scenario, in the order the table shows them.
 *
 * To add one: write `scenarios/<name>.ts` exporting `run…Bench(): Promise<BenchRow[]>` (no
 * required arguments; defaults are the measured configuration), import it here and append
 * `{ name, run }`. `npm run bench -- --only <name>` runs just that entry. A scenario owns its
 * temporary files and servers and must clean them up even when it throws; a throw is reported
 * as a failed row and the other scenarios still run (see ../run.ts).
 */
import type { BenchRow } from '../bench-row';
import { runCachedLookupsBench } from './cached-lookups';
import { runExportBench } from './export-parquet';
import { runFleetTableUiBench } from './fleet-table-ui';
import { runImportBench } from './import';
import { runOfflineDecodingBench } from './offline-decoding';
import { runSearchBench } from './search';
import { runTeamDatabaseBench } from './team-database';
import { runRecallsOverviewBench } from './recalls-overview';
import { runRemoveUndoBench } from './remove-undo';
import { runVpicBatchingBench } from './vpic-batching';
import { runXlsxBench } from './xlsx';

export interface BenchScenario {
  /** kebab-case, the same as the file name and the rows' `scenario`. */
  readonly name: string;
  readonly run: () => Promise<BenchRow[]>;
}

export const scenarios: readonly BenchScenario[] = [
  { name: 'vpic-batching', run: () => runVpicBatchingBench() },
  { name: 'offline-decoding', run: () => runOfflineDecodingBench() },
  { name: 'cached-lookups', run: () => runCachedLookupsBench() },
  { name: 'fleet-table-ui', run: () => runFleetTableUiBench() },
  { name: 'import', run: () => runImportBench() },
  { name: 'export-parquet', run: () => runExportBench() },
  { name: 'search', run: () => runSearchBench() },
  { name: 'xlsx', run: () => runXlsxBench() },
  { name: 'recalls-overview', run: () => runRecallsOverviewBench() },
  { name: 'remove-undo', run: () => runRemoveUndoBench() },
  { name: 'team-database', run: () => runTeamDatabaseBench() },
];
