/**
 * Import jobs on PostgreSQL: jobs with counts, cursor and owner, rejected rows, VINs seen.
 *
 * `commitChunk` is the write crash safety rests on: a chunk's vehicles, rejects, seen VINs,
 * counts and cursor commit in ONE transaction. The owner is pid + process instance + host (a pid
 * means nothing on another desk); whether a job is orphaned is the caller's rule.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { ImportReject, ImportRejectCode } from '../../../../shared/import/import-contract';
import { countedFromWrite, jobFromDb, parseRejectAttributes, type JobDbRow } from '../import-job-row';
import type { ImportChunk, ImportJobStore, UpsertItem, UpsertResult } from '../fleet-store';
import type { FleetDatabase } from './postgres-schema';
import { withTransaction } from './postgres-transactions';
import { updateAttributes, updateDecoded, upsertMany } from './postgres-vehicles';

type Db = Kysely<FleetDatabase>;

const ACTIVE_STATES = ['running', 'queued'] as const;

const JOB_COLUMNS =
  'j.id, j.file_path, j.file_name, j.state, j.options_json, j.total, j.added, j.updated, j.duplicates, j.invalid, j.failed, ' +
  'j.offline, j.rows_committed, j.created_at, j.updated_at, j.finished_at, j.error_code, j.error_message, j.owner_pid, j.owner_instance';
const JOB_SELECT = `SELECT ${JOB_COLUMNS}, (SELECT count(*)::int FROM import_rejects r WHERE r.job_id = j.id) AS rejects FROM import_jobs j`;

interface RejectRow {
  row: number;
  value: string;
  code: ImportRejectCode;
  reason: string;
  kind: 'invalid' | 'failed';
}

const rejectOf = (r: RejectRow): ImportReject => ({ row: r.row, value: r.value, reason: r.reason, code: r.code, kind: r.kind });

async function getJob(db: Db, jobId: string): Promise<ReturnType<typeof jobFromDb> | null> {
  const { rows } = await sql<JobDbRow>`${sql.raw(JOB_SELECT)} WHERE j.id = ${jobId}`.execute(db);
  return rows[0] === undefined ? null : jobFromDb(rows[0]);
}

async function mergeAttributes(db: Db, updates: ImportChunk['attributeUpdates'], now: Date): Promise<void> {
  for (const entry of updates) {
    if (Object.keys(entry.attributes).length > 0) await updateAttributes(db, entry.vin, entry.attributes, now);
  }
}

/** The ids stored for a chunk's upserts, in order (a VIN removed since has none): a committed chunk's answer again. */
async function storedIdsOf(db: Db, upserts: readonly UpsertItem[]): Promise<UpsertResult[]> {
  if (upserts.length === 0) return [];
  const vins = upserts.map((u) => u.vehicle.vin);
  const { rows } = await sql<{ id: number; vin: string }>`SELECT id, vin FROM vehicles WHERE vin = ANY(${[...new Set(vins)]}::text[])`.execute(db);
  const ids = new Map(rows.map((r) => [r.vin, Number(r.id)]));
  return vins.flatMap((vin) => (ids.has(vin) ? [{ id: ids.get(vin)!, created: false }] : []));
}

export function createImportJobStore(db: Db): ImportJobStore {
  return {
    async create(input, now) {
      const id = randomUUID();
      const iso = now.toISOString();
      await db
        .insertInto('import_jobs')
        .values({
          id,
          file_path: input.filePath,
          file_name: input.fileName,
          state: input.state ?? 'queued',
          options_json: JSON.stringify(input.options),
          created_at: iso,
          updated_at: iso,
          owner_pid: input.owner.pid,
          owner_instance: input.owner.instance,
          owner_host: input.owner.host,
        })
        .execute();
      return (await getJob(db, id))!;
    },
    get: (jobId) => getJob(db, jobId),
    async list(limit = 100) {
      const { rows } = await sql<JobDbRow>`${sql.raw(JOB_SELECT)} ORDER BY j.created_at DESC, j.seq DESC LIMIT ${limit}`.execute(db);
      return rows.map(jobFromDb);
    },
    async setState(jobId, state, now, error = null, owner) {
      const iso = now.toISOString();
      const terminal = state === 'done' || state === 'failed' || state === 'cancelled';
      await withTransaction(db, async (trx) => {
        await trx
          .updateTable('import_jobs')
          .set({
            state,
            updated_at: iso,
            finished_at: terminal ? iso : null,
            error_code: error?.code ?? null,
            error_message: error?.message ?? null,
            ...(owner ? { owner_pid: owner.pid, owner_instance: owner.instance, owner_host: owner.host } : {}),
          })
          .where('id', '=', jobId)
          .execute();
        // The seen-VIN list only serves duplicates across chunks and resumes; a done job needs none.
        if (state === 'done') await trx.deleteFrom('import_job_vins').where('job_id', '=', jobId).execute();
      });
    },
    async setOptions(jobId, options, now) {
      await db.updateTable('import_jobs').set({ options_json: JSON.stringify(options), updated_at: now.toISOString() }).where('id', '=', jobId).execute();
    },
    markInterrupted(now, isOrphaned) {
      return withTransaction(db, async (trx) => {
        // Locked while the rule is applied: an owner finishing its job meanwhile waits, then its
        // state is what counts (the UPDATE checks the state again).
        const active = await trx
          .selectFrom('import_jobs')
          .select(['id', 'owner_pid', 'owner_instance', 'owner_host', 'updated_at'])
          .where('state', 'in', ACTIVE_STATES)
          .forUpdate()
          .execute();
        const orphaned = active
          .filter((j) => isOrphaned({ ownerPid: j.owner_pid, ownerInstance: j.owner_instance, updatedAt: j.updated_at, ownerHost: j.owner_host }))
          .map((j) => j.id);
        if (orphaned.length === 0) return 0;
        const result = await trx
          .updateTable('import_jobs')
          .set({ state: 'interrupted', updated_at: now.toISOString() })
          .where('id', 'in', orphaned)
          .where('state', 'in', ACTIVE_STATES)
          .executeTakeFirst();
        return Number(result.numUpdatedRows);
      });
    },
    async heartbeat(owner, now, jobId) {
      let query = db
        .updateTable('import_jobs')
        .set({ updated_at: now.toISOString() })
        .where('owner_instance', '=', owner.instance)
        .where('state', 'in', ACTIVE_STATES);
      if (jobId !== undefined) query = query.where('id', '=', jobId);
      return Number((await query.executeTakeFirst()).numUpdatedRows);
    },
    async seenVins(jobId, vins) {
      if (vins.length === 0) return new Set();
      const { rows } = await sql<{ vin: string }>`
        SELECT vin FROM import_job_vins WHERE job_id = ${jobId} AND vin = ANY(${[...new Set(vins)]}::text[])`.execute(db);
      return new Set(rows.map((r) => r.vin));
    },
    commitChunk(jobId, chunk, now) {
      return withTransaction(db, async (trx): Promise<UpsertResult[]> => {
        // Idempotent by the cursor: a retry of a commit whose answer was lost (the server
        // restarted as it committed) finds its chunk at or below the cursor and applies nothing.
        // The job's row is locked, so two desks committing the same chunk apply it once.
        const cursor = await trx.selectFrom('import_jobs').select('rows_committed').where('id', '=', jobId).forUpdate().executeTakeFirst();
        if (cursor !== undefined && chunk.lastRow <= cursor.rows_committed) return storedIdsOf(trx, chunk.upserts);
        await mergeAttributes(trx, chunk.attributeUpdates, now);
        // A re-decode of a vehicle removed since the chunk was classified is stored again, as an
        // addition (its count moves from updated to added): a removal racing an import never
        // loses the file's vehicle.
        const redecoded = new Set(chunk.redecoded.length > 0 ? await updateDecoded(trx, chunk.redecoded, now) : []);
        const attributesOf = new Map(chunk.attributeUpdates.map((u) => [u.vin, u.attributes]));
        const gone: UpsertItem[] = chunk.redecoded
          .filter((v) => !redecoded.has(v.vin))
          .map((vehicle) => ({ vehicle, ...(attributesOf.has(vehicle.vin) ? { attributes: attributesOf.get(vehicle.vin)! } : {}) }));
        const upserts = [...chunk.upserts, ...gone];
        const results = upserts.length > 0 ? await upsertMany(trx, upserts, now) : [];
        const d = countedFromWrite(chunk.delta, gone.length, results);
        // Last one wins for a row recorded twice (SQLite's INSERT OR REPLACE).
        const rejects = [...new Map(chunk.rejects.map((r) => [r.row, r])).values()];
        if (rejects.length > 0) {
          await trx
            .insertInto('import_rejects')
            .values(
              rejects.map((r) => ({
                job_id: jobId,
                row: r.row,
                value: r.value,
                code: r.code,
                reason: r.reason,
                kind: r.kind,
                attributes_json: JSON.stringify(r.attributes ?? {}),
              })),
            )
            .onConflict((oc) =>
              oc.columns(['job_id', 'row']).doUpdateSet((eb) => ({
                value: eb.ref('excluded.value'),
                code: eb.ref('excluded.code'),
                reason: eb.ref('excluded.reason'),
                kind: eb.ref('excluded.kind'),
                attributes_json: eb.ref('excluded.attributes_json'),
              })),
            )
            .execute();
        }
        if (chunk.vins.length > 0) {
          await sql`INSERT INTO import_job_vins (job_id, vin) SELECT ${jobId}, unnest(${[...new Set(chunk.vins)]}::text[]) ON CONFLICT DO NOTHING`.execute(trx);
        }
        await sql`
          UPDATE import_jobs SET total = total + ${d.total}, added = added + ${d.added}, updated = updated + ${d.updated},
            duplicates = duplicates + ${d.duplicates}, invalid = invalid + ${d.invalid}, failed = failed + ${d.failed},
            offline = offline + ${d.offline ?? 0}, rows_committed = ${chunk.lastRow}, updated_at = ${now.toISOString()}
          WHERE id = ${jobId}`.execute(trx);
        return results;
      });
    },
    async countRejects(jobId) {
      const row = await db.selectFrom('import_rejects').select((eb) => eb.fn.countAll<string>().as('n')).where('job_id', '=', jobId).executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    async listRejects(jobId, offset, limit) {
      const rows = await db
        .selectFrom('import_rejects')
        .select(['row', 'value', 'code', 'reason', 'kind'])
        .where('job_id', '=', jobId)
        .orderBy('row')
        .limit(limit)
        .offset(offset)
        .execute();
      return rows.map((r) => rejectOf(r as RejectRow));
    },
    async *iterateRejects(jobId, pageSize = 1000) {
      let lastRow = 0;
      for (;;) {
        const page = await db
          .selectFrom('import_rejects')
          .select(['row', 'value', 'code', 'reason', 'kind'])
          .where('job_id', '=', jobId)
          .where('row', '>', lastRow)
          .orderBy('row')
          .limit(pageSize)
          .execute();
        if (page.length === 0) return;
        lastRow = page[page.length - 1]!.row;
        yield page.map((r) => rejectOf(r as RejectRow));
        if (page.length < pageSize) return;
      }
    },
    async listFailedRows(jobId, afterRow, limit) {
      const rows = await db
        .selectFrom('import_rejects')
        .select(['row', 'value', 'attributes_json'])
        .where('job_id', '=', jobId)
        .where('kind', '=', 'failed')
        .where('row', '>', afterRow)
        .orderBy('row')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ row: r.row, value: r.value, attributes: parseRejectAttributes(r.attributes_json) }));
    },
    commitRetryChunk(jobId, chunk, now) {
      return withTransaction(db, async (trx) => {
        await mergeAttributes(trx, chunk.attributeUpdates, now);
        const results = chunk.upserts.length > 0 ? await upsertMany(trx, chunk.upserts, now) : [];
        const removed =
          chunk.recovered.length === 0
            ? 0
            : Number(
                (
                  await trx
                    .deleteFrom('import_rejects')
                    .where('job_id', '=', jobId)
                    .where('kind', '=', 'failed')
                    .where('row', 'in', [...chunk.recovered])
                    .executeTakeFirst()
                ).numDeletedRows,
              );
        if (removed !== chunk.added + chunk.updated) {
          // Someone else retried these rows at the same time: roll back rather than count twice.
          throw new Error(`retry of job ${jobId}: ${chunk.added + chunk.updated} rows recovered but ${removed} failed rows found`);
        }
        // Rows that failed again keep their place in the report with the new reason.
        for (const still of chunk.stillFailed ?? []) {
          await trx
            .updateTable('import_rejects')
            .set({ reason: still.reason })
            .where('job_id', '=', jobId)
            .where('row', '=', still.row)
            .where('kind', '=', 'failed')
            .execute();
        }
        await sql`
          UPDATE import_jobs SET failed = failed - ${removed}, added = added + ${chunk.added}, updated = updated + ${chunk.updated},
            offline = offline + ${chunk.offline ?? 0}, updated_at = ${now.toISOString()}
          WHERE id = ${jobId}`.execute(trx);
        return results;
      });
    },
  };
}
