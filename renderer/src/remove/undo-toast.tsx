/**
 * "Removed N vehicles — Undo": shown after a remove until the undo token expires.
 *
 * Undo restores the vehicles exactly (same ids, data and attributes) through `vehicles:restore`;
 * once the token has expired main would refuse it, so the toast goes away at that instant.
 */
import { useEffect, useState } from 'react';
import type { AppError } from '../../../shared/ipc/result';
import type { RemoveAnswer } from '../../../shared/vehicles/vehicles-contract';
import { toAppError } from '../app/app-error-message';
import './undo-toast.css';

export interface UndoToastProps {
  readonly removal: RemoveAnswer;
  /** Called after a successful restore with how many vehicles came back. */
  readonly onRestored: (restored: number) => void;
  /** Called when the toast should go (dismissed, expired, or restored). */
  readonly onClose: () => void;
  /** Clock, for tests. */
  readonly now?: () => number;
}

export function UndoToast({ removal, onRestored, onClose, now = Date.now }: UndoToastProps): React.JSX.Element {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    const remaining = Date.parse(removal.undoExpiresAt) - now();
    const timer = setTimeout(onClose, Math.max(0, remaining));
    return () => clearTimeout(timer);
  }, [removal, onClose, now]);

  async function undo(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const result = await window.fleet.vehiclesRestore({ undoToken: removal.undoToken });
      if (result.ok) {
        onRestored(result.value.restored);
        onClose();
      } else {
        setError(result.error);
      }
    } catch (thrown) {
      setError(toAppError(thrown));
    } finally {
      setBusy(false);
    }
  }

  const noun = removal.removed === 1 ? 'vehicle' : 'vehicles';
  return (
    <div className="toast" role="status" aria-label="Removed vehicles">
      <span className="toast-text">
        Removed {removal.removed.toLocaleString()} {noun}
      </span>
      {error && (
        <span className="toast-error" role="alert">
          Undo failed: {error.message} ({error.code})
        </span>
      )}
      <button type="button" className="button-small toast-undo" onClick={() => void undo()} disabled={busy}>
        {busy ? 'Restoring…' : 'Undo'}
      </button>
      <button type="button" className="button-icon" aria-label="Dismiss" title="Dismiss" onClick={onClose}>
        ×
      </button>
    </div>
  );
}
