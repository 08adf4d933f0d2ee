/**
 * Remove the selected vehicles in one action, keeping the undo token for the toast.
 */
import { useCallback, useState } from 'react';
import type { AppError } from '../../../shared/ipc/result';
import { MAX_REMOVE } from '../../../shared/vehicles/vehicle-limits';
import type { RemoveAnswer } from '../../../shared/vehicles/vehicles-contract';
import { callContract } from '../app/use-contract';

export interface RemoveState {
  readonly removal: RemoveAnswer | null;
  readonly error: AppError | null;
  readonly busy: boolean;
  remove(ids: readonly number[]): Promise<boolean>;
  clear(): void;
}

export function useRemove(onRemoved: (ids: ReadonlySet<number>) => void): RemoveState {
  const [removal, setRemoval] = useState<RemoveAnswer | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  const remove = useCallback(
    async (ids: readonly number[]): Promise<boolean> => {
      if (ids.length === 0) return false;
      if (ids.length > MAX_REMOVE) {
        setError({ code: 'INVALID_INPUT', message: `At most ${MAX_REMOVE.toLocaleString()} vehicles can be removed at once.` });
        return false;
      }
      setBusy(true);
      setError(null);
      const result = await callContract(() => window.fleet.vehiclesRemove({ ids: [...ids] }));
      setBusy(false);
      if (!result.ok) {
        setError(result.error);
        return false;
      }
      setRemoval(result.value);
      onRemoved(new Set(ids));
      return true;
    },
    [onRemoved],
  );

  const clear = useCallback(() => setRemoval(null), []);
  return { removal, error, busy, remove, clear };
}
