/** Rows for an export from SQLite: keyset pages in id order, one streaming statement otherwise. */
import type { Database } from 'better-sqlite3';
import type { VehicleSortKeys } from '../../../../shared/vehicles/vehicle-query';
import type { ExportSource } from '../fleet-store';
import { customHeaders, iterateExportRows, iterateSortedExportRows } from './sqlite-export-rows';
import { countMatching } from './vehicles/vehicle-repository';

/** True when `sort` is the stored order (id ascending), which keyset pages read. */
function isIdOrder(sort: VehicleSortKeys | undefined): boolean {
  const first = Array.isArray(sort) ? sort[0] : sort;
  return first === undefined || (first.column === 'id' && first.direction === 'asc');
}

/**
 * A sorted view is read by ONE statement that holds the connection until its last row: read it
 * from a store of its own (a snapshot store, as the export worker opens), never the app's.
 */
export function createSqliteExportSource(db: Database): ExportSource {
  return {
    count: async (filter) => countMatching(db, filter),
    customHeaders: async (filter) => customHeaders(db, filter),
    async *rows({ filter = {}, sort, batchSize, withRaw }) {
      const batches = isIdOrder(sort)
        ? iterateExportRows(db, filter, batchSize, withRaw)
        : iterateSortedExportRows(db, filter, sort!, batchSize, withRaw);
      yield* batches;
    },
  };
}
