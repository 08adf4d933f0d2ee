/**
 * Look up one VIN: type or paste it, see rule problems live, submit with Enter.
 *
 * Paste tolerant: spaces, dashes and lowercase are normalised by the shared `normalizeVin`;
 * a VIN with rule errors never leaves the form (no request), a check-digit mismatch is only a
 * warning because vPIC still decodes such VINs (its error code 1).
 */
import { useId, useMemo, useState } from 'react';
import type { AppError } from '../../../shared/ipc/result';
import type { LookupAnswer } from '../../../shared/vehicles/vehicles-contract';
import { validateVin, VIN_LENGTH } from '../../../shared/vin/vin-rules';
import { AppErrorMessage, toAppError } from '../app/app-error-message';
import { LookupResult } from './lookup-result';
import { VinFeedback, visibleIssues } from './vin-feedback';
import './lookup.css';

export interface LookupFormProps {
  /** Called after every successful lookup (the table refreshes and selects the vehicle). */
  readonly onLookedUp?: (answers: readonly LookupAnswer[]) => void;
  readonly inputRef?: React.Ref<HTMLInputElement>;
}

export function LookupForm({ onLookedUp, inputRef }: LookupFormProps): React.JSX.Element {
  const inputId = useId();
  const [text, setText] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState<'lookup' | 'refresh' | null>(null);
  const [answer, setAnswer] = useState<LookupAnswer | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  const validation = useMemo(() => validateVin(text), [text]);
  const issues = visibleIssues(validation, attempted);
  const hasErrors = issues.some((i) => i.severity === 'error');

  async function run(vin: string, refresh: boolean): Promise<void> {
    setBusy(refresh ? 'refresh' : 'lookup');
    setError(null);
    try {
      const result = await window.fleet.vehiclesLookup(refresh ? { vin, refresh: true } : { vin });
      if (result.ok) {
        setAnswer(result.value);
        onLookedUp?.([result.value]);
      } else {
        setError(result.error);
      }
    } catch (thrown) {
      setError(toAppError(thrown));
    } finally {
      setBusy(null);
    }
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    setAttempted(true);
    if (!validation.valid || busy) return;
    void run(validation.vin, false);
  }

  const length = Array.from(validation.vin).length;
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
          placeholder="17 characters, e.g. 1XPWD40X1ED215307"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={hasErrors}
          aria-describedby={issues.length > 0 ? 'vin-feedback' : undefined}
        />
        <span className={`lookup-count${length === VIN_LENGTH ? ' lookup-count-ok' : ''}`} aria-hidden="true">
          {length}/{VIN_LENGTH}
        </span>
        <button type="submit" className="button-primary" disabled={busy !== null}>
          {busy === 'lookup' ? 'Looking up…' : 'Look up'}
        </button>
      </form>
      <VinFeedback validation={validation} showLengthIssues={attempted} />
      {error && <AppErrorMessage error={error} prefix="Lookup failed" />}
      </div>
      {answer && (
        <LookupResult
          answer={answer}
          refreshing={busy === 'refresh'}
          onRefresh={() => void run(answer.vehicle.vin, true)}
        />
      )}
    </div>
  );
}
