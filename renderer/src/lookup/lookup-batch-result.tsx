/**
 * The answer to a pasted list of VINs: how many were decoded, a short list, and what failed.
 *
 * Short on purpose: the decoded vehicles are selected in the table, which is where the user
 * works with them; this list only confirms what happened to each VIN pasted.
 */
import type { LookupManyAnswer } from '../../../shared/vehicles/vehicles-contract';
import { describeError } from '../app/error-text';
import { answerSourceLabel } from './source-label';

/** Rows listed before "and N more". */
const SHOWN = 6;

export function LookupBatchResult({ answer }: { readonly answer: LookupManyAnswer }): React.JSX.Element {
  const { results, errors } = answer;
  const decoded = `${results.length.toLocaleString()} decoded`;
  const failed = errors.length > 0 ? `, ${errors.length.toLocaleString()} not decoded` : '';
  return (
    // Focusable: a long list scrolls inside the fixed-height lookup band.
    <section className="lookup-result lookup-batch" aria-label="Lookup results" tabIndex={0}>
      <div className="lookup-result-head">
        <strong>
          {decoded}
          {failed}
        </strong>
      </div>
      <ul className="lookup-batch-list">
        {errors.map((error) => (
          <li key={`e-${error.input}`} className="note-error">
            <span className="lookup-batch-vin">{error.input}</span> {describeError(error)}
          </li>
        ))}
        {results.slice(0, SHOWN).map((result) => (
          <li key={result.vehicle.id}>
            <span className="lookup-batch-vin">{result.vehicle.vin}</span>{' '}
            {[result.vehicle.make, result.vehicle.model, result.vehicle.modelYear].filter((v) => v !== null).join(' ')}{' '}
            <span className="lookup-batch-source">· {answerSourceLabel(result.cached, result.source)}</span>
          </li>
        ))}
        {results.length > SHOWN && <li className="lookup-batch-more">and {(results.length - SHOWN).toLocaleString()} more, selected in the table</li>}
      </ul>
    </section>
  );
}
