/** Remembered column mappings on PostgreSQL, keyed by the same header signature as SQLite's. */
import type { Kysely } from 'kysely';
import { headerSignature, mappingForColumns, mappingToRemember } from '../../import/column-mapping';
import type { MappingStore } from '../fleet-store';
import type { FleetDatabase } from './postgres-schema';

export function createMappingStore(db: Kysely<FleetDatabase>): MappingStore {
  return {
    async remembered(columns) {
      const row = await db.selectFrom('column_mappings').select('mapping_json').where('signature', '=', headerSignature(columns)).executeTakeFirst();
      if (row === undefined) return null;
      try {
        return mappingForColumns(columns, JSON.parse(row.mapping_json));
      } catch {
        return null; // unreadable JSON: as if nothing were remembered
      }
    },
    async remember(columns, mapping, now) {
      await db
        .insertInto('column_mappings')
        .values({ signature: headerSignature(columns), mapping_json: JSON.stringify(mappingToRemember(columns, mapping)), updated_at: now.toISOString() })
        .onConflict((oc) => oc.column('signature').doUpdateSet((eb) => ({ mapping_json: eb.ref('excluded.mapping_json'), updated_at: eb.ref('excluded.updated_at') })))
        .execute();
    },
  };
}
