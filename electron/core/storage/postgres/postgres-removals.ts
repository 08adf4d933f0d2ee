/**
 * Remove with undo on PostgreSQL: removed rows are moved into `removed_vehicles` (the whole row
 * as jsonb) under a token, in the database, so Undo works after a restart and is spent once
 * whichever desk presses it. A removal and a restore are each ONE transaction, run in chunks
 * with progress between them: other desks see all of it or none of it.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { RemovalProgress } from '../../../../shared/vehicles/vehicles-contract';
import { AppFailure } from '../../ipc/app-failure';
import { UNDO_TTL_MS } from '../sqlite/vehicles/undo-stash';
import { FLEET_COLUMNS } from '../../vehicles/fleet-field-columns';
import { DECODE_COLUMNS } from '../../vehicles/vehicle-row-mapping';
import type { RemovalStore } from '../fleet-store';
import type { FleetDatabase } from './postgres-schema';
import { withTransaction } from './postgres-transactions';

/** Vehicles moved per statement; progress is reported after each. */
const CHUNK = 2000;

/** Every stored column (not the generated search text), as a restore writes them back. */
const RESTORE_COLUMNS = ['id', ...DECODE_COLUMNS, 'attributes_json', 'created_at', 'updated_at', ...FLEET_COLUMNS].join(', ');

export const UNDO_EXPIRED_MESSAGE = 'This undo has expired or was already used.';

export function createRemovalStore(db: Kysely<FleetDatabase>, now: () => Date, ttlMs: number = UNDO_TTL_MS): RemovalStore {
  /** Expired removals go (their rows with them, by cascade). */
  const sweep = (trx: Kysely<FleetDatabase>): Promise<unknown> =>
    trx.deleteFrom('removals').where('expires_at', '<=', now().toISOString()).execute();

  return {
    remove(ids, onProgress: (p: RemovalProgress) => void) {
      return withTransaction(db, async (trx) => {
        await sweep(trx);
        const token = randomUUID();
        const createdAt = now();
        const expiresAt = new Date(createdAt.getTime() + ttlMs);
        await trx
          .insertInto('removals')
          .values({ token, count: 0, expires_at: expiresAt.toISOString(), created_at: createdAt.toISOString() })
          .execute();
        let removed = 0;
        // Progress counts the ids asked for, as the SQLite store does (unknown ids are skipped).
        for (let offset = 0; offset < ids.length; offset += CHUNK) {
          const chunk = ids.slice(offset, offset + CHUNK);
          const { rows } = await sql<{ moved: number }>`
            WITH gone AS (DELETE FROM vehicles v WHERE v.id = ANY(${chunk}::int[]) RETURNING v.*),
                 kept AS (INSERT INTO removed_vehicles (token, id, row_json)
                          SELECT ${token}, g.id, to_jsonb(g) - 'search_text' FROM gone g RETURNING 1)
            SELECT count(*)::int AS moved FROM kept`.execute(trx);
          removed += rows[0]?.moved ?? 0;
          onProgress({ operation: 'remove', done: offset + chunk.length, total: ids.length });
        }
        await trx.updateTable('removals').set({ count: removed }).where('token', '=', token).execute();
        return { removed, token, expiresAt };
      });
    },

    restore(token, onProgress) {
      return withTransaction(db, async (trx) => {
        // FOR UPDATE: two desks pressing Undo at once restore once; the second finds no token.
        const removal = await trx.selectFrom('removals').selectAll().where('token', '=', token).forUpdate().executeTakeFirst();
        if (removal === undefined || removal.expires_at <= now().toISOString()) {
          if (removal !== undefined) await trx.deleteFrom('removals').where('token', '=', token).execute();
          throw new AppFailure('NOT_FOUND', UNDO_EXPIRED_MESSAGE);
        }
        const ids = (await trx.selectFrom('removed_vehicles').select('id').where('token', '=', token).orderBy('id').execute()).map((r) => r.id);
        let restored = 0;
        for (let offset = 0; offset < ids.length; offset += CHUNK) {
          const chunk = ids.slice(offset, offset + CHUNK);
          // DO NOTHING on a conflict: the VIN was stored again since the removal; that newer row
          // (whose id a desk may already show) is kept.
          const result = await sql`
            INSERT INTO vehicles (${sql.raw(RESTORE_COLUMNS)})
            SELECT ${sql.raw(RESTORE_COLUMNS.split(', ').map((c) => `p.${c}`).join(', '))}
            FROM removed_vehicles rv, jsonb_populate_record(NULL::vehicles, rv.row_json) p
            WHERE rv.token = ${token} AND rv.id = ANY(${chunk}::int[])
            ORDER BY rv.id
            ON CONFLICT DO NOTHING`.execute(trx);
          restored += Number(result.numAffectedRows ?? 0n);
          onProgress({ operation: 'restore', done: offset + chunk.length, total: removal.count });
        }
        if (ids.length === 0) onProgress({ operation: 'restore', done: 0, total: 0 });
        await trx.deleteFrom('removals').where('token', '=', token).execute();
        return restored;
      });
    },

    async discard(token) {
      await db.deleteFrom('removals').where('token', '=', token).execute();
    },
  };
}
