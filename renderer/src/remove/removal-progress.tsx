/**
 * "Removing 12,000 of 100,000 vehicles…": shown while a large remove or its undo runs.
 *
 * Both run in chunks in main and report after each one (`vehicles:removalProgress`); the bar goes
 * away when the last chunk is reported. The table itself stays usable meanwhile.
 */
import { useEffect, useState } from 'react';
import type { RemovalProgress } from '../../../shared/vehicles/vehicles-contract';

export function RemovalProgressBar(): React.JSX.Element | null {
  const [progress, setProgress] = useState<RemovalProgress | null>(null);
  useEffect(() => window.fleet.onVehiclesRemovalProgress((next) => setProgress(next.done >= next.total ? null : next)), []);
  if (!progress) return null;
  const verb = progress.operation === 'remove' ? 'Removing' : 'Restoring';
  const label = `${verb} ${progress.done.toLocaleString()} of ${progress.total.toLocaleString()} vehicles…`;
  return (
    <div className="toast" role="status" aria-label="Removal progress">
      <span className="toast-text">{label}</span>
      <progress max={progress.total} value={progress.done} aria-label={label} />
    </div>
  );
}
