/**
 * The full-window drop target shown while files are dragged over the window.
 *
 * It only shows where to drop; the window-level listeners in use-file-drop.ts take the drop, so
 * a file released anywhere (even outside the highlighted box) is imported.
 */
export function DropOverlay(): React.JSX.Element {
  return (
    <div className="import-drop-overlay" role="region" aria-label="Drop files to import">
      <div className="import-drop-box">
        <span className="import-drop-icon" aria-hidden="true">
          ⇣
        </span>
        <p className="import-drop-title">Drop fleet CSV files to import</p>
        <p className="import-drop-note">CSV, TSV or OpenPGP-encrypted (.gpg, .pgp, .asc). Several files are imported one after another.</p>
      </div>
    </div>
  );
}
