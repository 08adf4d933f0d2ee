/**
 * An `import_jobs` row (with its reject count) as both stores read it, and the record the import
 * code sees. SQLite and PostgreSQL keep the same columns, so one mapping serves both.
 */
import type { ImportCounts, ImportJobError, ImportJobState } from '../../../shared/import/import-contract';
import { columnMappingSchema, type ColumnMapping } from '../../../shared/fleet-fields/column-mapping';
import { isFileIdentity } from '../import/file-identity';
import type { ImportJobOptions, ImportJobRecord } from '../import/import-job-record';
import type { UpsertResult } from './fleet-store';

export interface JobDbRow {
  id: string;
  file_path: string;
  file_name: string;
  state: ImportJobState;
  options_json: string;
  total: number;
  added: number;
  updated: number;
  duplicates: number;
  invalid: number;
  failed: number;
  offline: number;
  rows_committed: number;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
  error_code: string | null;
  error_message: string | null;
  rejects: number;
}

const ERROR_CODES = new Set<ImportJobError['code']>(['FILE_ERROR', 'FILE_CHANGED', 'DECRYPT_FAILED', 'STORAGE_ERROR', 'INVALID_INPUT', 'INTERNAL']);

function parseOptions(json: string): ImportJobOptions {
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value !== 'object' || value === null) return {};
    const o = value as Record<string, unknown>;
    return {
      ...(typeof o.vinColumn === 'string' ? { vinColumn: o.vinColumn } : {}),
      ...(typeof o.refresh === 'boolean' ? { refresh: o.refresh } : {}),
      ...(typeof o.encrypted === 'boolean' ? { encrypted: o.encrypted } : {}),
      ...(columnMappingSchema.safeParse(o.mapping).success ? { mapping: o.mapping as ColumnMapping } : {}),
      ...(typeof o.sheet === 'string' || typeof o.sheet === 'number' ? { sheet: o.sheet } : {}),
      ...(isFileIdentity(o.fileIdentity) ? { fileIdentity: o.fileIdentity } : {}),
    };
  } catch {
    return {};
  }
}

export function jobFromDb(row: JobDbRow): ImportJobRecord {
  const options = parseOptions(row.options_json);
  const code = row.error_code as ImportJobError['code'] | null;
  return {
    jobId: row.id,
    state: row.state,
    file: row.file_path,
    fileName: row.file_name,
    encrypted: options.encrypted ?? false,
    vinColumn: options.vinColumn ?? null,
    refresh: options.refresh ?? false,
    counts: {
      total: row.total,
      added: row.added,
      updated: row.updated,
      duplicates: row.duplicates,
      invalid: row.invalid,
      failed: row.failed,
      ...(row.offline > 0 ? { offline: row.offline } : {}),
    },
    rowsCommitted: row.rows_committed,
    rejects: row.rejects,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
    error:
      code !== null && row.error_message !== null
        ? { code: ERROR_CODES.has(code) ? code : 'INTERNAL', message: row.error_message }
        : null,
    resumable: row.state === 'interrupted' || row.state === 'cancelled' || row.state === 'failed',
    options,
  };
}

/** A reject's stored file columns (unreadable → none). */
export function parseRejectAttributes(json: string): Record<string, string> {
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
    // No prototype, so a column named `__proto__` is copied as the attribute it is.
    const out: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (typeof v === 'string') out[k] = v;
    return out;
  } catch {
    return {};
  }
}


/**
 * A chunk's counts as its own write found the vehicles, for both stores' `commitChunk`.
 *
 * The chunk was classified before its transaction: a VIN judged new may have been stored meanwhile
 * by another process (two desks importing overlapping files), and a re-decode's vehicle may have
 * been removed (`regained`, stored again). The upsert's `created` flags say what happened, so a
 * VIN two imports both store counts as added by one and updated by the other, never added twice.
 */
export function countedFromWrite(delta: ImportCounts, regained: number, upserted: readonly UpsertResult[]): ImportCounts {
  const storedMeanwhile = upserted.filter((r) => !r.created).length;
  return { ...delta, added: delta.added + regained - storedMeanwhile, updated: delta.updated - regained + storedMeanwhile };
}
