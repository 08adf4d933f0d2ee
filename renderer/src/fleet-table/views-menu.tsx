/**
 * "Views": save the table's filter, sort and column layout under a name, and pick one back.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { loadViews, MAX_VIEW_NAME, storeViews, withView, type SavedView } from './saved-views';

export interface ViewsMenuProps {
  /** The view on screen now, to save. */
  readonly current: () => Omit<SavedView, 'name'>;
  readonly onApply: (view: SavedView) => void;
}

export function ViewsMenu({ current, onApply }: ViewsMenuProps): React.JSX.Element {
  const [open, setOpen] = useState(false);
  const [views, setViews] = useState<SavedView[]>(() => loadViews());
  const [name, setName] = useState('');
  const popupId = useId();
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return undefined;
    const onPointer = (event: PointerEvent): void => {
      if (event.target instanceof Node && !root.current?.contains(event.target)) setOpen(false);
    };
    window.addEventListener('pointerdown', onPointer);
    return () => window.removeEventListener('pointerdown', onPointer);
  }, [open]);

  function update(next: SavedView[]): void {
    setViews(next);
    storeViews(next);
  }

  function save(event: React.FormEvent): void {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed === '') return;
    update(withView(views, { name: trimmed, ...current() }));
    setName('');
  }

  return (
    <div
      className="menu"
      ref={root}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          setOpen(false);
        }
      }}
    >
      <button
        type="button"
        className="button menu-button"
        aria-expanded={open}
        aria-controls={open ? popupId : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        Views
      </button>
      {open && (
        <div className="menu-popup views-popup" id={popupId} role="group" aria-label="Saved views">
          {views.length === 0 ? (
            <p className="views-empty">No saved views yet.</p>
          ) : (
            <ul className="views-list">
              {views.map((view) => (
                <li key={view.name} className="views-item">
                  <button
                    type="button"
                    className="views-apply"
                    onClick={() => {
                      onApply(view);
                      setOpen(false);
                    }}
                  >
                    {view.name}
                  </button>
                  <button
                    type="button"
                    className="button-icon"
                    aria-label={`Delete view ${view.name}`}
                    title="Delete this view"
                    onClick={() => update(views.filter((v) => v.name !== view.name))}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
          <form className="views-save" onSubmit={save}>
            <input
              type="text"
              aria-label="View name"
              placeholder="Name this view"
              maxLength={MAX_VIEW_NAME}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
            <button type="submit" className="button" disabled={name.trim() === ''}>
              Save current view
            </button>
          </form>
        </div>
      )}
    </div>
  );
}
