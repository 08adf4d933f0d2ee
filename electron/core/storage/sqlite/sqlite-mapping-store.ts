/**
 * Remembered column mappings in SQLite (`column_mappings`, keyed by the header signature).
 */
import type { Database } from 'better-sqlite3';
import { headerSignature, mappingFromStoredJson, mappingToRemember } from '../../import/column-mapping';
import { cachedStatement } from './vehicles/statement-cache';
import type { MappingStore } from '../fleet-store';

export function createSqliteMappingStore(db: Database): MappingStore {
  return {
    async remembered(columns) {
      const row = cachedStatement<{ mapping_json: string }>(db, 'SELECT mapping_json FROM column_mappings WHERE signature = ?').get(
        headerSignature(columns),
      );
      return row === undefined ? null : mappingFromStoredJson(columns, row.mapping_json);
    },
    async remember(columns, mapping, now) {
      cachedStatement(
        db,
        `INSERT INTO column_mappings (signature, mapping_json, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (signature) DO UPDATE SET mapping_json = excluded.mapping_json, updated_at = excluded.updated_at`,
      ).run(headerSignature(columns), JSON.stringify(mappingToRemember(columns, mapping)), now.toISOString());
    },
  };
}
