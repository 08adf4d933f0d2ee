/**
 * Remembered column mappings in SQLite (`column_mappings`, keyed by the header signature).
 */
import type { Database } from 'better-sqlite3';
import { headerSignature, mappingForColumns, mappingToRemember } from '../../import/column-mapping';
import { cachedStatement } from './vehicles/statement-cache';
import type { MappingStore } from '../fleet-store';

export function createSqliteMappingStore(db: Database): MappingStore {
  return {
    async remembered(columns) {
      const row = cachedStatement<{ mapping_json: string }>(db, 'SELECT mapping_json FROM column_mappings WHERE signature = ?').get(
        headerSignature(columns),
      );
      if (row === undefined) return null;
      try {
        return mappingForColumns(columns, JSON.parse(row.mapping_json));
      } catch {
        return null; // unreadable JSON: as if nothing were remembered
      }
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
