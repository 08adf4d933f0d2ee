/**
 * Column visibility menu: a button that opens a list of checkboxes, one per column.
 */
import type { VisibilityState } from '@tanstack/react-table';
import { useEffect, useId, useRef, useState } from 'react';

export interface ColumnMenuProps {
  readonly columns: readonly { readonly id: string; readonly label: string }[];
  readonly visibility: VisibilityState;
  readonly onChange: (visibility: VisibilityState) => void;
}

export function ColumnMenu({ columns, visibility, onChange }: ColumnMenuProps): React.JSX.Element {
  const [open, setOpen] = useState(false);
  // Open towards the side with room: a wrapped toolbar can put the button at the left edge.
  const [alignLeft, setAlignLeft] = useState(false);
  const popupId = useId();
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent): void => {
      if (event.target instanceof Node && !root.current?.contains(event.target)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') setOpen(false);
    };
    window.addEventListener('pointerdown', onPointer);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('pointerdown', onPointer);
      window.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div className="menu" ref={root}>
      <button
        type="button"
        className="button menu-button"
        aria-expanded={open}
        aria-controls={open ? popupId : undefined}
        onClick={(event) => {
          setAlignLeft(event.currentTarget.getBoundingClientRect().right < 240);
          setOpen((o) => !o);
        }}
      >
        Columns
      </button>
      {open && (
        <div className={`menu-popup${alignLeft ? ' menu-popup-left' : ''}`} id={popupId} role="group" aria-label="Visible columns">
          {columns.map((column) => (
            <label key={column.id} className="menu-item">
              <input
                type="checkbox"
                checked={visibility[column.id] !== false}
                disabled={column.id === 'vin'}
                onChange={(e) => onChange({ ...visibility, [column.id]: e.target.checked })}
              />
              {column.label}
            </label>
          ))}
        </div>
      )}
    </div>
  );
}
