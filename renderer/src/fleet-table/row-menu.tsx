/**
 * The rows' context menu (right click, or the Menu key / Shift+F10 on the grid).
 *
 * A WAI-ARIA menu: focus moves to the first item, arrows move between items, Enter runs one,
 * Escape or a click elsewhere closes it and focus goes back to the grid.
 */
import { useEffect, useRef } from 'react';

export interface RowMenuAction {
  readonly label: string;
  readonly run: () => void;
  readonly disabled?: boolean;
}

export interface RowMenuProps {
  readonly x: number;
  readonly y: number;
  readonly actions: readonly RowMenuAction[];
  readonly onClose: () => void;
}

export function RowMenu({ x, y, actions, onClose }: RowMenuProps): React.JSX.Element {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])')?.focus();
    const onPointer = (event: PointerEvent): void => {
      if (event.target instanceof Node && !ref.current?.contains(event.target)) onClose();
    };
    window.addEventListener('pointerdown', onPointer);
    return () => window.removeEventListener('pointerdown', onPointer);
  }, [onClose]);

  function onKeyDown(event: React.KeyboardEvent<HTMLDivElement>): void {
    event.stopPropagation();
    const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      onClose();
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      items[(at + 1) % items.length]?.focus();
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      items[(at - 1 + items.length) % items.length]?.focus();
    } else if (event.key === 'Home') {
      event.preventDefault();
      items[0]?.focus();
    } else if (event.key === 'End') {
      event.preventDefault();
      items[items.length - 1]?.focus();
    }
  }

  // Keep the menu inside the window near the right and bottom edges.
  const left = Math.max(4, Math.min(x, window.innerWidth - 200));
  const top = Math.max(4, Math.min(y, window.innerHeight - 40 * actions.length));
  return (
    <div ref={ref} className="row-menu" role="menu" aria-label="Row actions" style={{ left, top }} onKeyDown={onKeyDown}>
      {actions.map((action) => (
        <button
          key={action.label}
          type="button"
          role="menuitem"
          className="row-menu-item"
          tabIndex={-1}
          aria-disabled={action.disabled ? 'true' : undefined}
          onClick={() => {
            if (action.disabled) return;
            onClose();
            action.run();
          }}
        >
          {action.label}
        </button>
      ))}
    </div>
  );
}
