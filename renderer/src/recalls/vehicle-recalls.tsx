/**
 * The details panel's Recalls section: the campaigns NHTSA lists for the vehicle's make, model
 * and year, park-it and park-outside ones first and highlighted, with what they are not.
 *
 * Opening it asks NHTSA when nothing is cached for the model or the answer is stale (one
 * request serves every vehicle of that model); "Check again" asks even when fresh.
 */
import { useCallback, useState } from 'react';
import type { AppError } from '../../../shared/ipc/result';
import { RECALLS_CAVEAT, RECALL_STATUS_LABELS, type RecallCampaign, type VehicleRecalls as Recalls } from '../../../shared/recalls/recall-types';
import { AppErrorMessage } from '../app/app-error-message';
import { callContract, useContract } from '../app/use-contract';
import { formatDecodedAt } from '../fleet-table/fleet-columns';
import './recalls.css';

export interface VehicleRecallsProps {
  readonly id: number;
  /** Bumped when the cache changed. */
  readonly version: number;
}

function statusLine(recalls: Recalls): string {
  switch (recalls.status) {
    case 'found':
      return `${recalls.campaigns.length} campaign${recalls.campaigns.length === 1 ? '' : 's'} listed for the ${recalls.modelYear} ${recalls.make} ${recalls.model}`;
    case 'none':
      return `NHTSA reports no recalls for the ${recalls.modelYear} ${recalls.make} ${recalls.model}. That is NHTSA's list, not a safety check.`;
    case 'no-data':
      return `NHTSA has no recall data for the ${recalls.modelYear} ${recalls.make} ${recalls.model}.`;
    case 'not-checked':
      return recalls.lastError ? `Not checked: ${recalls.lastError}` : 'Not checked with NHTSA yet.';
    case 'unknown-model':
      return 'The decode lacks the make, model or year, so NHTSA cannot be asked.';
  }
}

export function VehicleRecalls({ id, version }: VehicleRecallsProps): React.JSX.Element {
  const [checking, setChecking] = useState(false);
  /** Bumped after "Check again" refreshed the cache, to read the vehicle's recalls again. */
  const [rechecks, setRechecks] = useState(0);
  const [checkError, setCheckError] = useState<AppError | null>(null);
  const answer = useContract(() => window.fleet.recallsForVehicle({ id, fetch: true }), [id, version, rechecks]);
  const recalls = answer.value;
  const error = checkError ?? answer.error;

  const checkAgain = useCallback(async () => {
    setChecking(true);
    const refreshed = await callContract(() => window.fleet.recallsRefresh({ ids: [id], force: true }));
    setCheckError(refreshed.ok ? null : refreshed.error);
    setRechecks((n) => n + 1);
    setChecking(false);
  }, [id]);

  const current = recalls !== null && recalls.vehicleId === id ? recalls : null;
  return (
    <section className="details-group recalls" aria-label="Recalls">
      <h3>Recalls</h3>
      {error && <AppErrorMessage error={error} prefix="Could not read recalls" />}
      {current === null && !error && <p className="recalls-status">Checking NHTSA…</p>}
      {current && (
        <>
          <p className={`recalls-status recalls-status-${current.status}`} data-status={current.status}>
            <strong>{RECALL_STATUS_LABELS[current.status]}.</strong> {statusLine(current)}
          </p>
          {current.campaigns.length > 0 && (
            <ol className="recall-campaigns">
              {current.campaigns.map((c) => (
                <Campaign key={c.campaignNumber} campaign={c} />
              ))}
            </ol>
          )}
          <p className="recalls-caveat">{RECALLS_CAVEAT}</p>
          <div className="recalls-foot">
            <span>{current.fetchedAt ? `Fetched ${formatDecodedAt(current.fetchedAt)}` : 'Never fetched'}</span>
            {current.status !== 'unknown-model' && (
              <button type="button" className="button-small" disabled={checking} onClick={() => void checkAgain()}>
                {checking ? 'Checking…' : 'Check again'}
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}

function Campaign({ campaign: c }: { readonly campaign: RecallCampaign }): React.JSX.Element {
  const urgent = c.parkIt || c.parkOutside;
  return (
    <li className={urgent ? 'recall-campaign recall-campaign-urgent' : 'recall-campaign'} data-campaign={c.campaignNumber}>
      <div className="recall-campaign-head">
        <code>{c.campaignNumber}</code>
        {c.reportReceivedDate && <span className="recall-date">{c.reportReceivedDate}</span>}
        {c.parkIt && <span className="recall-badge">Park it</span>}
        {c.parkOutside && <span className="recall-badge">Park outside</span>}
        {c.overTheAirUpdate && <span className="recall-badge recall-badge-info">Over-the-air fix</span>}
      </div>
      {c.component && <div className="recall-component">{c.component}</div>}
      <dl>
        {c.summary && (
          <div>
            <dt>Summary</dt>
            <dd>{c.summary}</dd>
          </div>
        )}
        {c.consequence && (
          <div>
            <dt>Consequence</dt>
            <dd>{c.consequence}</dd>
          </div>
        )}
        {c.remedy && (
          <div>
            <dt>Remedy</dt>
            <dd>{c.remedy}</dd>
          </div>
        )}
      </dl>
    </li>
  );
}
