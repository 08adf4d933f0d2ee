/**
 * The answer to one lookup: the brief's four fields, where it came from, and vPIC's codes in words.
 */
import type { LookupAnswer } from '../../../shared/vehicles/vehicles-contract';
import { describeVpicErrorCodes } from '../../../shared/vpic-error-codes';
import { answerSourceLabel } from './source-label';

export interface LookupResultProps {
  readonly answer: LookupAnswer;
  readonly refreshing: boolean;
  readonly onRefresh: () => void;
}

function show(value: string | number | null): string {
  return value === null ? '—' : String(value);
}

export function LookupResult({ answer, refreshing, onRefresh }: LookupResultProps): React.JSX.Element {
  const { vehicle } = answer;
  const codes = describeVpicErrorCodes(vehicle.errorCodes).filter((c) => c.code !== '0');
  const sourceLabel = answerSourceLabel(answer.cached, answer.source);
  return (
    <section className="lookup-result" aria-label="Lookup result">
      <div className="lookup-result-head">
        <span className="lookup-result-vin">{vehicle.vin}</span>
        <span className={`badge badge-${answer.cached ? 'cache' : answer.source}`}>{sourceLabel}</span>
        <button type="button" className="button-small" onClick={onRefresh} disabled={refreshing}>
          {refreshing ? 'Refreshing…' : 'Refresh from vPIC'}
        </button>
      </div>
      <dl className="lookup-fields">
        <div>
          <dt>Make</dt>
          <dd>{show(vehicle.make)}</dd>
        </div>
        <div>
          <dt>Model</dt>
          <dd>{show(vehicle.model)}</dd>
        </div>
        <div>
          <dt>Model year</dt>
          <dd>{show(vehicle.modelYear)}</dd>
        </div>
        <div>
          <dt>Body class</dt>
          <dd>{show(vehicle.bodyClass)}</dd>
        </div>
      </dl>
      {(codes.length > 0 || answer.warnings.length > 0) && (
        <ul className="lookup-notes">
          {answer.warnings.map((w, i) => (
            <li key={`w${i}`} className="note-warning">
              {w.message}
            </li>
          ))}
          {codes.map((c) => (
            <li key={c.code} className={c.benign ? 'note-warning' : 'note-error'}>
              vPIC code {c.code}: {c.text}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
