/**
 * A storage failure the user must understand: what is wrong and how to recover. Every store
 * (SQLite's file, PostgreSQL's server) reports its driver's errors as one of these problems, so
 * the dispatcher, the CLI and the shells answer them the same way whatever holds the fleet.
 */
export type StorageProblem = 'read-only' | 'corrupt' | 'too-new' | 'disk-full' | 'busy' | 'unavailable';

export class StorageError extends Error {
  constructor(
    readonly problem: StorageProblem,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StorageError';
  }
}
