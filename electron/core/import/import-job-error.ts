/**
 * The job-level error a failed import is recorded with: the user's file problems keep their
 * code; the store's problems are STORAGE_ERROR; anything else is INTERNAL.
 */
import type { ImportJobError } from '../../../shared/import/import-contract';
import { StorageError } from '../storage/sqlite/db/open-database';
import { AppFailure, messageOf } from '../ipc/app-failure';

export function jobErrorOf(error: unknown): ImportJobError {
  if (error instanceof AppFailure) {
    switch (error.code) {
      case 'FILE_ERROR':
      case 'FILE_CHANGED':
      case 'DECRYPT_FAILED':
      case 'STORAGE_ERROR':
      case 'INVALID_INPUT':
        return { code: error.code, message: error.message };
      default:
        return { code: 'INTERNAL', message: error.message };
    }
  }
  if (error instanceof StorageError) return { code: 'STORAGE_ERROR', message: error.message };
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('SQLITE')) return { code: 'STORAGE_ERROR', message: messageOf(error) };
  return { code: 'INTERNAL', message: `The import stopped unexpectedly: ${messageOf(error)}` };
}
