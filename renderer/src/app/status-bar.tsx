/**
 * The status bar: vehicle count, vPIC's state with the last success, and the data folder.
 */
import type { AppInfo } from '../../../shared/ipc/app-info';
import type { VpicStatus } from '../../../shared/vpic-status';
import { vpicStateLabel } from './use-vpic-status';

export interface StatusBarProps {
  readonly info: AppInfo | null;
  readonly vehicleCount: number | null;
  readonly vpic: VpicStatus;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

export function StatusBar({ info, vehicleCount, vpic }: StatusBarProps): React.JSX.Element {
  const lastSuccess = vpic.lastSuccessAt ? timeFormat.format(new Date(vpic.lastSuccessAt)) : null;
  return (
    // A div: role="status" is not allowed on <footer> (its implicit role is contentinfo).
    <div className="status-bar" role="status" aria-label="Status">
      {info ? (
        <>
          <span className="status-item">
            {vehicleCount === null ? '… vehicles' : `${vehicleCount.toLocaleString()} ${vehicleCount === 1 ? 'vehicle' : 'vehicles'}`}
          </span>
          <span className={`status-item vpic-state vpic-${vpic.state}`} title={vpic.lastError ?? undefined}>
            <span className="vpic-dot" aria-hidden="true" />
            {vpicStateLabel(vpic)}
            {lastSuccess ? ` · last success ${lastSuccess}` : ''}
          </span>
          {info.storage === 'postgres' ? (
            // A desk on a team server must see that it is: its changes are everyone's.
            <span className="status-item status-folder" title={`Data folder: ${info.dataDir}`}>
              Team database: {info.databasePath}
            </span>
          ) : (
            <span className="status-item status-folder" title={info.databasePath}>
              Data folder: {info.dataDir}
            </span>
          )}
          <span className="status-item status-version">
            {info.name} {info.version}
          </span>
        </>
      ) : (
        <span>Connecting…</span>
      )}
    </div>
  );
}
