/** Remembered column mappings on PostgreSQL, keyed by the same header signature as SQLite's. */
import type { Kysely } from 'kysely';
import { headerSignature, mappingFromStoredJson, mappingToRemember } from '../../import/column-mapping';
import type { MappingStore } from '../fleet-store';
import type { FleetDatabase } from './postgres-schema';

export function createMappingStore(db: Kysely<FleetDatabase>): MappingStore {
  return {
    async remembered(columns) {
      const row = await db.selectFrom('column_mappings').select('mapping_json').where('signature', '=', headerSignature(columns)).executeTakeFirst();
      return row === undefined ? null : mappingFromStoredJson(columns, row.mapping_json);
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
