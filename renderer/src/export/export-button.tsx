/**
 * "Export" in the toolbar: save the fleet (or the table's current view) as Parquet, CSV or XLSX.
 *
 * A small panel picks the scope and the format; main opens the native save dialog, runs the
 * export in a worker and reports progress (`export:progress`), so the window stays usable. The
 * result line offers "Show in folder". The app menu's Export item arrives as the window event
 * `fleet:menu` with `detail.command === 'export'` and opens the same panel.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { ExportAnswer, ExportFilter, ExportFormat, ExportProgress } from '../../../shared/export/export-contract';
import type { VehicleSortKeys } from '../../../shared/vehicles/vehicle-query';
import './export-button.css';

export interface ExportButtonProps {
  /** The fleet table's current filter; "Export current view" exports what it matches. */
  readonly filter?: ExportFilter;
  /** The table's visible column ids in its order: a view's spreadsheet has exactly these. */
  readonly columns?: readonly string[];
  /** The table's sort: a view's rows come in this order. */
  readonly sort?: VehicleSortKeys | null;
}

type Scope = 'all' | 'view';

type ExportState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'choosing' }
  | { readonly kind: 'running'; readonly progress: ExportProgress | null }
  | { readonly kind: 'done'; readonly answer: ExportAnswer }
  | { readonly kind: 'failed'; readonly message: string };

const FORMAT_LABELS: Readonly<Record<ExportFormat, string>> = {
  parquet: 'Parquet (data teams, analytics tools)',
  csv: 'CSV (Excel, spreadsheets)',
  xlsx: 'Excel workbook (.xlsx)',
};

/** The filter without empty values (a cleared search box sends `search: ''`). */
function withoutBlanks(filter: ExportFilter): ExportFilter {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== '')) as ExportFilter;
}

function isMenuExport(event: Event): boolean {
  const detail = (event as CustomEvent<unknown>).detail;
  return typeof detail === 'object' && detail !== null && (detail as { command?: unknown }).command === 'export';
}

export function ExportButton({ filter, columns, sort }: ExportButtonProps): React.JSX.Element {
  const [state, setState] = useState<ExportState>({ kind: 'idle' });
  const [format, setFormat] = useState<ExportFormat>('parquet');
  const [scope, setScope] = useState<Scope>('all');
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const choosing = state.kind === 'choosing';

  // The panel takes focus when it opens (keyboard users land in it) and closes on a click outside.
  useEffect(() => {
    if (!choosing) return undefined;
    panel.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    const onPointer = (event: PointerEvent): void => {
      if (event.target instanceof Node && !root.current?.contains(event.target)) setState({ kind: 'idle' });
    };
    window.addEventListener('pointerdown', onPointer);
    return () => window.removeEventListener('pointerdown', onPointer);
  }, [choosing]);

  useEffect(() => {
    const open = (event: Event): void => {
      if (isMenuExport(event)) setState((s) => (s.kind === 'running' ? s : { kind: 'choosing' }));
    };
    window.addEventListener('fleet:menu', open);
    return () => window.removeEventListener('fleet:menu', open);
  }, []);

  useEffect(() => {
    if (state.kind !== 'running') return undefined;
    return window.fleet.onExportProgress((progress) => {
      setState((s) => (s.kind === 'running' ? { kind: 'running', progress } : s));
    });
  }, [state.kind]);

  const run = async (): Promise<void> => {
    // The view is the table as shown: its filter, its sort and its visible columns.
    const effectiveScope: Scope = scope;
    setState({ kind: 'running', progress: null });
    const result = await window.fleet.exportRun({
      format,
      scope: effectiveScope,
      ...(effectiveScope === 'view' && filter ? { filter: withoutBlanks(filter) } : {}),
      ...(effectiveScope === 'view' && columns && columns.length > 0 ? { columns: [...columns] } : {}),
      ...(effectiveScope === 'view' && sort ? { sort } : {}),
    });
    if (result.ok) setState({ kind: 'done', answer: result.value });
    else if (result.error.code === 'CANCELLED') setState({ kind: 'idle' });
    else setState({ kind: 'failed', message: result.error.message });
  };

  const showInFolder = async (file: string): Promise<void> => {
    const result = await window.fleet.exportShowInFolder({ path: file });
    if (!result.ok) setState({ kind: 'failed', message: result.error.message });
  };

  const running = state.kind === 'running';
  return (
    <div className="export-button" ref={root}>
      <button
        type="button"
        className="button"
        aria-expanded={state.kind === 'choosing'}
        aria-controls={panelId}
        disabled={running}
        onClick={() => setState((s) => (s.kind === 'choosing' ? { kind: 'idle' } : { kind: 'choosing' }))}
      >
        Export…
      </button>
      {state.kind === 'choosing' && (
        <div
          id={panelId}
          ref={panel}
          className="export-panel"
          role="dialog"
          aria-label="Export the fleet"
          tabIndex={-1}
          onKeyDown={(event) => {
            event.stopPropagation();
            if (event.key === 'Escape') {
              setState({ kind: 'idle' });
              root.current?.querySelector<HTMLElement>('button')?.focus();
            }
          }}
        >
          <fieldset>
            <legend>Vehicles</legend>
            <label>
              <input type="radio" name={`${panelId}-scope`} checked={scope === 'all'} onChange={() => setScope('all')} />
              Export all…
            </label>
            <label>
              <input
                type="radio"
                name={`${panelId}-scope`}
                checked={scope === 'view'}
                onChange={() => setScope('view')}
              />
              Export current view… (the table's columns, filter and sort)
            </label>
          </fieldset>
          <fieldset>
            <legend>Format</legend>
            {(Object.keys(FORMAT_LABELS) as ExportFormat[]).map((f) => (
              <label key={f}>
                <input type="radio" name={`${panelId}-format`} checked={format === f} onChange={() => setFormat(f)} />
                {FORMAT_LABELS[f]}
              </label>
            ))}
          </fieldset>
          <div className="export-actions">
            <button type="button" className="button" onClick={() => setState({ kind: 'idle' })}>
              Cancel
            </button>
            <button type="button" className="button-primary" data-autofocus onClick={() => void run()}>
              Save as…
            </button>
          </div>
        </div>
      )}
      <div className="export-status" role="status" aria-live="polite">
        {state.kind === 'running' && (
          <>
            <progress
              max={state.progress?.total || undefined}
              value={state.progress && state.progress.total > 0 ? state.progress.rows : undefined}
              aria-label="Export progress"
            />
            <span>
              {state.progress ? `Exporting ${state.progress.rows.toLocaleString()} of ${state.progress.total.toLocaleString()}…` : 'Exporting…'}
            </span>
          </>
        )}
        {state.kind === 'done' && (
          <>
            <span>
              Exported {state.answer.rows.toLocaleString()} vehicle{state.answer.rows === 1 ? '' : 's'} to {state.answer.path}
            </span>
            <button type="button" className="button-small" onClick={() => void showInFolder(state.answer.path)}>
              Show in folder
            </button>
            <button type="button" className="button-icon" aria-label="Dismiss" onClick={() => setState({ kind: 'idle' })}>
              ×
            </button>
          </>
        )}
        {state.kind === 'failed' && (
          <>
            <span className="export-error">{state.message}</span>
            <button type="button" className="button-icon" aria-label="Dismiss" onClick={() => setState({ kind: 'idle' })}>
              ×
            </button>
          </>
        )}
      </div>
    </div>
  );
}
