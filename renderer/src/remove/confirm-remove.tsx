/**
 * "Delete 10,003 vehicles?": the question asked before a large or select-all removal.
 *
 * A slip of Ctrl+A, Delete must not empty the fleet, so any removal above a handful of rows, or of
 * every row of the view, names the count and waits for a deliberate answer. Cancel has focus, so
 * Enter or Escape right after the accidental Delete keeps the vehicles.
 */
import { ModalDialog } from '../import/modal-dialog';

/** Removals of more than this many vehicles ask first. */
export const CONFIRM_REMOVE_ABOVE = 10;

export interface PendingRemoval {
  readonly count: number;
  /** True when the whole view (select all) is being removed. */
  readonly all: boolean;
  /** True when the view is filtered (the count is of matches, not of the fleet). */
  readonly filtered: boolean;
}

/** Whether removing `count` vehicles (all of the view, or not) must be confirmed first. */
export function needsConfirmation(count: number, all: boolean): boolean {
  return all || count > CONFIRM_REMOVE_ABOVE;
}

export function removalQuestion(pending: PendingRemoval): string {
  const noun = pending.count === 1 ? 'vehicle' : 'vehicles';
  const n = pending.count.toLocaleString();
  if (pending.all) return pending.filtered ? `Delete all ${n} ${noun} matching the filters?` : `Delete all ${n} ${noun} in the fleet?`;
  return `Delete ${n} ${noun}?`;
}

export function ConfirmRemoveDialog(props: {
  readonly pending: PendingRemoval;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}): React.JSX.Element {
  const { pending, onConfirm, onCancel } = props;
  return (
    <ModalDialog title={removalQuestion(pending)} onClose={onCancel} describedBy="confirm-remove-text">
      <p id="confirm-remove-text">
        They leave the fleet now; Edit › Undo brings them back for the next few minutes.
      </p>
      <div className="dialog-actions">
        <button type="button" className="button" data-autofocus onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button button-danger-solid" onClick={onConfirm}>
          Delete {pending.count.toLocaleString()}
        </button>
      </div>
    </ModalDialog>
  );
}
