/**
 * The details panel: every non-empty vPIC field of the selected vehicle, grouped, plus the
 * fleet's attributes and the raw record.
 */
import { useState } from 'react';
import { describeVpicErrorCodes } from '../../../shared/vpic-error-codes';
import { AppErrorMessage } from '../app/app-error-message';
import { useContract } from '../app/use-contract';
import { formatDecodedAt } from '../fleet-table/fleet-columns';
import { recordSourceLabel } from '../lookup/source-label';
import { VehicleRecalls } from '../recalls/vehicle-recalls';
import { groupFields, offlineGaps } from './field-groups';
import './vehicle-details.css';

export interface VehicleDetailsProps {
  /** The vehicle to show, or null (nothing selected). */
  readonly id: number | null;
  /** Bumped when the cache changed, to re-read the record. */
  readonly version: number;
  readonly selectedCount: number;
  readonly onClose: () => void;
}

export function VehicleDetails({ id, version, selectedCount, onClose }: VehicleDetailsProps): React.JSX.Element {
  const answer = useContract(() => (id === null ? null : window.fleet.vehiclesGet({ id })), [id, version]);
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  // The last vehicle read stays while it is read again (the fleet changed); another one is "Loading…".
  const vehicle = answer.value !== null && answer.value.id === id ? answer.value : null;
  const error = answer.settled ? answer.error : null;

  async function copyVin(vin: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(vin);
      setCopied('yes');
    } catch {
      // The clipboard can refuse (no focus, no permission); say so instead of failing silently.
      setCopied('failed');
    }
  }

  return (
    <aside className="details" aria-label="Vehicle details">
      <div className="details-head">
        <h2>Vehicle details</h2>
        <button type="button" className="button-icon" aria-label="Close details" title="Close details" onClick={onClose}>
          ×
        </button>
      </div>
      {id === null && (
        <p className="details-empty">
          {selectedCount > 1 ? `${selectedCount.toLocaleString()} vehicles selected.` : 'Select a vehicle in the table to see everything vPIC knows about it.'}
        </p>
      )}
      {id !== null && error && <AppErrorMessage error={error} prefix="Could not load the vehicle" />}
      {id !== null && vehicle === null && error === null && <p className="details-empty">Loading…</p>}
      {vehicle && (
        <div className="details-body">
          <div className="details-title">
            <div className="details-name">
              {[vehicle.modelYear, vehicle.make, vehicle.model].filter((v) => v !== null).join(' ') || 'Unknown vehicle'}
            </div>
            <div className="details-vin-row">
              <code className="details-vin">{vehicle.vin}</code>
              <button
                type="button"
                className="button-small"
                onClick={() => {
                  setCopied('no');
                  void copyVin(vehicle.vin);
                }}
              >
                Copy VIN
              </button>
              {copied !== 'no' && (
                <span className="details-copied" role="status" aria-label="Clipboard">
                  {copied === 'yes' ? 'Copied' : 'Could not copy'}
                </span>
              )}
            </div>
            <div className="details-meta">
              {recordSourceLabel(vehicle.source)} · decoded {formatDecodedAt(vehicle.decodedAt)}
              {vehicle.snapshotVersion ? ` · snapshot ${vehicle.snapshotVersion}` : ''}
            </div>
          </div>
          <ErrorSummary codes={vehicle.errorCodes} />
          {vehicle.source === 'offline' && <OfflineGapsNote raw={vehicle.raw} />}
          <VehicleRecalls id={vehicle.id} version={version} />
          {Object.keys(vehicle.attributes).length > 0 && (
            <section className="details-group" aria-label="Fleet attributes">
              <h3>Fleet attributes</h3>
              <dl>
                {Object.entries(vehicle.attributes).map(([key, value]) => (
                  <div key={key} className="details-field">
                    <dt>{key}</dt>
                    <dd>{value}</dd>
                  </div>
                ))}
              </dl>
            </section>
          )}
          {groupFields(vehicle.raw).map(({ group, fields }) => (
            <section key={group} className="details-group" aria-label={group}>
              <h3>{group}</h3>
              <dl>
                {fields.map((f) => (
                  <div key={f.field} className="details-field">
                    <dt title={f.field}>{f.label}</dt>
                    <dd>{f.value}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
          <details className="details-raw">
            <summary>Raw vPIC record</summary>
            <pre>{JSON.stringify(vehicle.raw, null, 2)}</pre>
          </details>
        </div>
      )}
    </aside>
  );
}

function ErrorSummary({ codes }: { readonly codes: readonly string[] }): React.JSX.Element | null {
  const described = describeVpicErrorCodes(codes).filter((c) => c.code !== '0');
  if (described.length === 0) return null;
  return (
    <ul className="details-codes">
      {described.map((c) => (
        <li key={c.code} className={c.benign ? 'note-warning' : 'note-error'}>
          vPIC code {c.code}: {c.text}
        </li>
      ))}
    </ul>
  );
}

/** Which fields the offline data could not provide, so a blank is not read as "none". */
function OfflineGapsNote({ raw }: { readonly raw: Readonly<Record<string, string | null>> }): React.JSX.Element | null {
  const gaps = offlineGaps(raw);
  if (gaps === null) return null;
  const fleet = gaps.fleetFields.length > 0 ? gaps.fleetFields.join(', ') : null;
  const others = gaps.otherCount > 0 ? `${gaps.otherCount} other vPIC ${gaps.otherCount === 1 ? 'field' : 'fields'}` : null;
  return (
    <p className="details-offline-note">
      Decoded offline: the offline data cannot provide {[fleet, others].filter((p) => p !== null).join(' or ')}. They are filled when
      the vehicle is re-checked online.
    </p>
  );
}
