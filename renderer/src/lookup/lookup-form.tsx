/**
 * Look up VINs: type or paste one, see rule problems live, submit with Enter; or paste several
 * (one a line, or separated by commas, spaces or tabs) and decode them as one batch.
 *
 * Paste tolerant: spaces, dashes and lowercase are normalised by the shared `normalizeVin`;
 * a VIN with rule errors never leaves the form (no request), a check-digit mismatch is only a
 * warning because vPIC still decodes such VINs (its error code 1). A lookup that takes long can
 * be cancelled with Escape: IPC calls cannot be recalled, so cancelling stops waiting and says
 * that vehicles main already decoded stay in the fleet.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { AppError } from '../../../shared/ipc/result';
import type { LookupAnswer, LookupManyAnswer } from '../../../shared/vehicles/vehicles-contract';
import { validateVin, VIN_LENGTH } from '../../../shared/vin/vin-rules';
import { AppErrorMessage, toAppError } from '../app/app-error-message';
import { LookupBatchResult } from './lookup-batch-result';
import { LookupResult } from './lookup-result';
import { splitVinList } from './split-vins';
import { VinFeedback, visibleIssues } from './vin-feedback';
import './lookup.css';

export interface LookupFormProps {
  /** Called after every successful lookup (the table refreshes and selects the vehicles). */
  readonly onLookedUp?: (answers: readonly LookupAnswer[]) => void;
  readonly inputRef?: React.Ref<HTMLInputElement>;
}

type Shown =
  | { readonly kind: 'none' }
  | { readonly kind: 'one'; readonly answer: LookupAnswer }
  | { readonly kind: 'many'; readonly answer: LookupManyAnswer }
  | { readonly kind: 'cancelled' };

export function LookupForm({ onLookedUp, inputRef }: LookupFormProps): React.JSX.Element {
  const inputId = useId();
  const [text, setText] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState<'lookup' | 'refresh' | null>(null);
  const [shown, setShown] = useState<Shown>({ kind: 'none' });
  const [error, setError] = useState<AppError | null>(null);
  /** Increases with every lookup and every cancel; an answer for an older one is dropped. */
  const generation = useRef(0);

  const batch = useMemo(() => splitVinList(text), [text]);
  const validation = useMemo(() => validateVin(text), [text]);
  const issues = batch ? [] : visibleIssues(validation, attempted);
  const hasErrors = issues.some((i) => i.severity === 'error');

  function cancel(): void {
    generation.current += 1;
    setBusy(null);
    setShown({ kind: 'cancelled' });
  }

  // Escape cancels a running lookup wherever focus is.
  useEffect(() => {
    if (busy === null) return undefined;
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      cancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [busy]);

  /** Run one lookup; `isCurrent` turns false once it is cancelled or another one starts. */
  async function run(kind: 'lookup' | 'refresh', request: (isCurrent: () => boolean) => Promise<void>): Promise<void> {
    const mine = ++generation.current;
    const isCurrent = (): boolean => mine === generation.current;
    setBusy(kind);
    setError(null);
    // The previous answer goes now: it must never sit beside the next VIN's error.
    if (kind === 'lookup') setShown({ kind: 'none' });
    try {
      await request(isCurrent);
    } catch (thrown) {
      if (isCurrent()) setError(toAppError(thrown));
    } finally {
      if (isCurrent()) setBusy(null);
    }
  }

  function lookUpOne(vin: string, refresh: boolean): Promise<void> {
    return run(refresh ? 'refresh' : 'lookup', async (isCurrent) => {
      const result = await window.fleet.vehiclesLookup(refresh ? { vin, refresh: true } : { vin });
      if (!isCurrent()) return;
      if (result.ok) {
        setShown({ kind: 'one', answer: result.value });
        onLookedUp?.([result.value]);
      } else {
        setShown({ kind: 'none' });
        setError(result.error);
      }
    });
  }

  function lookUpMany(vins: readonly string[]): Promise<void> {
    return run('lookup', async (isCurrent) => {
      const result = await window.fleet.vehiclesLookupMany({ vins: [...vins] });
      if (!isCurrent()) return;
      if (result.ok) {
        setShown({ kind: 'many', answer: result.value });
        if (result.value.results.length > 0) onLookedUp?.(result.value.results);
      } else {
        setError(result.error);
      }
    });
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (busy) return;
    if (batch) {
      void lookUpMany(batch);
      return;
    }
    setAttempted(true);
    if (!validation.valid) {
      setShown({ kind: 'none' });
      setError(null);
      return;
    }
    void lookUpOne(validation.vin, false);
  }

  function onPaste(event: React.ClipboardEvent<HTMLInputElement>): void {
    // A one-line input drops line breaks from pasted text, gluing VINs together: split first.
    const list = splitVinList(event.clipboardData.getData('text/plain'));
    if (!list) return;
    event.preventDefault();
    setText(list.join(', '));
    setAttempted(false);
  }

  const length = Array.from(validation.vin).length;
  const answer = shown.kind === 'one' ? shown.answer : null;
  return (
    <div className="lookup">
      <div className="lookup-entry">
        <form className="lookup-form" onSubmit={onSubmit} aria-label="Look up a VIN" noValidate>
          <label htmlFor={inputId} className="lookup-label">
            VIN
          </label>
          <input
            id={inputId}
            ref={inputRef}
            className={`lookup-input${hasErrors ? ' input-invalid' : ''}`}
            type="text"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              if (e.target.value === '') setAttempted(false);
            }}
            onPaste={onPaste}
            placeholder="17 characters, or paste several VINs"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={hasErrors}
            aria-describedby={issues.length > 0 ? 'vin-feedback' : undefined}
          />
          <span className={`lookup-count${batch || length === VIN_LENGTH ? ' lookup-count-ok' : ''}`} aria-hidden="true">
            {batch ? `${batch.length} VINs` : `${length}/${VIN_LENGTH}`}
          </span>
          {busy === 'lookup' ? (
            <button type="button" className="button" onClick={cancel} title="Stop waiting for this lookup (Esc)">
              Cancel
            </button>
          ) : (
            <button type="submit" className="button-primary">
              {batch ? `Look up ${batch.length}` : 'Look up'}
            </button>
          )}
        </form>
        {/* Focusable: long feedback scrolls inside the fixed-height band, also by keyboard. */}
        <div className="lookup-messages" tabIndex={0} role="group" aria-label="Lookup messages">
          {busy === 'lookup' && (
            <p className="lookup-status" role="status">
              {batch ? `Looking up ${batch.length} VINs…` : 'Looking up…'} Press Esc to cancel.
            </p>
          )}
          {shown.kind === 'cancelled' && (
            <p className="lookup-status" role="status">
              Lookup cancelled. Vehicles already decoded stay in the fleet.
            </p>
          )}
          {!batch && <VinFeedback validation={validation} showLengthIssues={attempted} />}
          {error && <AppErrorMessage error={error} prefix="Lookup failed" />}
        </div>
      </div>
      {answer && !hasErrors && !error && (
        <LookupResult answer={answer} refreshing={busy === 'refresh'} onRefresh={() => void lookUpOne(answer.vehicle.vin, true)} />
      )}
      {shown.kind === 'many' && !error && <LookupBatchResult answer={shown.answer} />}
    </div>
  );
}
