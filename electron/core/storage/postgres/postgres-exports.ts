/**
 * Export rows from PostgreSQL through a server-side cursor (`pg-cursor`): one statement in the
 * table's order, read a batch at a time, so an export of the whole fleet never holds it in memory.
 * Rows have the SQLite store's `ExportRow` shape (JSON columns as text).
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Pool, PoolClient } from 'pg';
import Cursor from 'pg-cursor';
import type { VehicleFilter } from '../../../../shared/vehicles/vehicle-query';
import type { ExportRow } from '../../export/export-rows';
import type { ExportSource } from '../fleet-store';
import type { FleetDatabase } from './postgres-schema';
import { countMatching, VEHICLE_SELECT } from './postgres-vehicles';
import { orderBySql, RECALL_MATCH, RECALL_STATUS_EXPR, whereSql } from './postgres-vehicle-sql';

/** The vehicle columns (raw record optional: spreadsheets never write it) and the recall columns. */
function selectList(withRaw: boolean): string {
  const vehicle = withRaw ? VEHICLE_SELECT : VEHICLE_SELECT.replace('v.raw_json', "'{}' AS raw_json");
  return `${vehicle}, ${RECALL_STATUS_EXPR} AS recall_status, r.campaign_count AS recall_campaign_count, NULLIF(r.campaign_numbers, '') AS recall_campaign_numbers`;
}

export function createExportSource(db: Kysely<FleetDatabase>, pool: Pool): ExportSource {
  return {
    count: (filter?: VehicleFilter) => countMatching(db, filter),
    async customHeaders(filter = {}) {
      const { rows } = await sql<{ key: string }>`
        SELECT j.key AS key FROM vehicles v CROSS JOIN LATERAL jsonb_object_keys(v.attributes_json) AS j(key) ${whereSql(filter)}
        GROUP BY j.key ORDER BY min(v.id), j.key COLLATE "C"`.execute(db);
      return rows.map((r) => r.key);
    },
    async *rows(options) {
      if (!Number.isInteger(options.batchSize) || options.batchSize < 1) throw new RangeError('batchSize must be a positive integer');
      const query = sql`
        SELECT ${sql.raw(selectList(options.withRaw))}
        FROM vehicles v LEFT JOIN recall_models r ON ${sql.raw(RECALL_MATCH)}
        ${whereSql(options.filter)} ${sql.raw(orderBySql(options.sort))}`.compile(db);
      const client: PoolClient = await pool.connect();
      const cursor = client.query(new Cursor<ExportRow>(query.sql, [...query.parameters]));
      let failed: Error | undefined;
      try {
        for (;;) {
          const batch = await cursor.read(options.batchSize);
          if (batch.length === 0) return;
          yield batch;
          if (batch.length < options.batchSize) return;
        }
      } catch (error) {
        failed = error instanceof Error ? error : new Error(String(error));
        throw error;
      } finally {
        // Closed also when the reader stops early (a cancelled export); a broken connection is
        // dropped from the pool rather than reused.
        await cursor.close().catch((error: unknown) => {
          failed ??= error instanceof Error ? error : new Error(String(error));
        });
        client.release(failed);
      }
    },
  };
}
