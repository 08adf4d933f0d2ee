/**
 * "Removed N vehicles — Undo": shown after a remove until the undo token expires.
 *
 * Undo restores the vehicles exactly (same ids, data and attributes) through `vehicles:restore`;
 * once the token has expired main would refuse it, so the toast goes away at that instant.
 */
import { useEffect, useRef, useState } from 'react';
import type { AppError } from '../../../shared/ipc/result';
import type { RemoveAnswer } from '../../../shared/vehicles/vehicles-contract';
import { callContract } from '../app/use-contract';
import { describeError } from '../app/error-text';
import './undo-toast.css';

export interface UndoToastProps {
  readonly removal: RemoveAnswer;
  /** Called after a successful restore with how many vehicles came back. */
  readonly onRestored: (restored: number) => void;
  /** Called when the toast should go (dismissed, expired, or restored). */
  readonly onClose: () => void;
  /** Clock, for tests. */
  readonly now?: () => number;
  /** Increases each time Edit › Undo (Ctrl/Cmd+Z) asks for this removal to be undone. */
  readonly undoRequests?: number;
}

export function UndoToast({ removal, onRestored, onClose, now = Date.now, undoRequests = 0 }: UndoToastProps): React.JSX.Element {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  // The count when the toast appeared: only later requests (a key press while it shows) undo.
  const handledRequests = useRef(undoRequests);
  const latestUndo = useRef<() => Promise<void>>(async () => undefined);
  useEffect(() => {
    if (undoRequests === handledRequests.current) return;
    handledRequests.current = undoRequests;
    void latestUndo.current();
  }, [undoRequests]);

  useEffect(() => {
    const remaining = Date.parse(removal.undoExpiresAt) - now();
    const timer = setTimeout(onClose, Math.max(0, remaining));
    return () => clearTimeout(timer);
  }, [removal, onClose, now]);

  async function undo(): Promise<void> {
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await callContract(() => window.fleet.vehiclesRestore({ undoToken: removal.undoToken }));
    setBusy(false);
    if (result.ok) {
      onRestored(result.value.restored);
      onClose();
    } else {
      setError(result.error);
    }
  }

  useEffect(() => {
    latestUndo.current = undo;
  });

  const noun = removal.removed === 1 ? 'vehicle' : 'vehicles';
  return (
    <div className="toast" role="status" aria-label="Removed vehicles">
      <span className="toast-text">
        Removed {removal.removed.toLocaleString()} {noun}
      </span>
      {error && (
        <span className="toast-error" role="alert">
          Undo failed: {describeError(error)}
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
