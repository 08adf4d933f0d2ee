/**
 * Messages between the removal client (main) and its worker thread. Plain data only.
 */
import type { ErrorCode } from '../../../../../shared/ipc/result';
import type { RemovalProgress } from '../../../../../shared/vehicles/vehicles-contract';

export interface RemovalWorkerData {
  readonly databasePath: string;
  readonly nativeBinding?: string;
  readonly busyTimeoutMs?: number;
}

export type RemovalRequest =
  | { readonly id: number; readonly type: 'remove'; readonly ids: readonly number[] }
  | { readonly id: number; readonly type: 'restore'; readonly token: string };

export type RemovalReply =
  | { readonly id: number; readonly type: 'progress'; readonly progress: RemovalProgress }
  | { readonly id: number; readonly type: 'removed'; readonly removed: number; readonly token: string; readonly expiresAt: string }
  | { readonly id: number; readonly type: 'restored'; readonly restored: number }
  | {
      readonly id: number;
      readonly type: 'error';
      /** Set for expected failures (NOT_FOUND, STORAGE_ERROR); absent for bugs. */
      readonly code?: ErrorCode;
      readonly message: string;
      readonly stack?: string;
      /** SQLite's result code, so main can tell a damaged database from other failures. */
      readonly sqliteCode?: string;
    };
