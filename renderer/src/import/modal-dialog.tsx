/**
 * A small modal dialog: labelled by its title, focus moved in and kept in, Escape closes, and
 * focus goes back where it was on close.
 *
 * Written by hand rather than with <dialog>.showModal() because jsdom (component tests) has no
 * showModal. Key presses stop here so the window's shortcuts (Delete removes the selected
 * vehicles!) never fire behind an open dialog (WAI-ARIA APG, "Dialog (Modal) Pattern").
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import './import.css';

const FOCUSABLE = 'button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [href], [tabindex]:not([tabindex="-1"])';

export interface ModalDialogProps {
  readonly title: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
  /** Extra class for sizing (e.g. "import-dialog-wide"). */
  readonly className?: string;
  /** Element id described by (e.g. an explanation paragraph). */
  readonly describedBy?: string;
}

export function ModalDialog(props: ModalDialogProps): React.JSX.Element {
  const { title, onClose, children, className, describedBy } = props;
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const dialog = ref.current;
    if (dialog) {
      const preferred = dialog.querySelector<HTMLElement>('[data-autofocus]');
      const first = preferred ?? dialog.querySelector<HTMLElement>(FOCUSABLE) ?? dialog;
      first.focus();
    }
    return () => {
      if (previous && previous.isConnected) previous.focus();
    };
  }, []);

  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>): void => {
    event.stopPropagation();
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
      return;
    }
    if (event.key !== 'Tab' || !ref.current) return;
    const items = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    if (items.length === 0) return;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="import-modal-backdrop">
      <div
        ref={ref}
        className={`import-modal${className ? ` ${className}` : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={describedBy}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <header className="import-modal-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="button-icon" aria-label="Close dialog" title="Close (Esc)" onClick={onClose}>
            ×
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}
