/**
 * The window: a header, the work area and the status bar.
 */
import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../shared/ipc/app-info';
import type { AppError } from '../../../shared/ipc/result';

export function App(): React.JSX.Element {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    let live = true;
    void window.fleet.appInfo({}).then((result) => {
      if (!live) return;
      if (result.ok) setInfo(result.value);
      else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, []);

  return (
    <div className="app">
      <header className="app-header">
        <h1>Fleet VIN Lookup</h1>
      </header>
      <main className="app-main">
        {error && (
          <p role="alert">
            {error.message} ({error.code})
          </p>
        )}
      </main>
      <footer className="status-bar" role="status" aria-label="Status">
        {info ? (
          <>
            <span>
              {info.name} {info.version}
            </span>
            <span title={info.databasePath}>Data folder: {info.dataDir}</span>
          </>
        ) : (
          <span>Connecting…</span>
        )}
      </footer>
    </div>
  );
}
