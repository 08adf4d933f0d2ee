/**
 * Settings › Encryption key: the OpenPGP private key used to read encrypted fleet files.
 *
 * The armored key is pasted or read from a chosen file and sent to main, which keeps it
 * encrypted at rest (safeStorage); the page only ever sees its fingerprint and user ids. No
 * passphrase is asked here: it is asked per file and never stored.
 */
import { useId, useState } from 'react';
import type { KeyStatus } from '../../../shared/import/import-contract';
import type { AppError } from '../../../shared/ipc/result';
import { toAppError } from '../app/app-error-message';
import { callContract, useContract } from '../app/use-contract';
import { ModalDialog } from '../import/modal-dialog';
import './key-dialog.css';

export interface KeyDialogProps {
  readonly onClose: () => void;
  /** The key was imported or removed. */
  readonly onChanged?: (status: KeyStatus | null) => void;
}

/** A small text file's contents (FileReader rather than Blob.text(), which jsdom lacks). */
function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error(`Cannot read ${file.name}`));
    reader.readAsText(file);
  });
}

/** The fingerprint in groups of four hex digits, as gpg prints it. */
export function groupFingerprint(fingerprint: string): string {
  return fingerprint
    .toUpperCase()
    .replace(/\s+/g, '')
    .replace(/(.{4})(?=.)/g, '$1 ');
}

export function KeyDialog(props: KeyDialogProps): React.JSX.Element {
  const { onClose, onChanged } = props;
  const loaded = useContract(() => window.fleet.settingsKeyStatus({}), []);
  /** The status after this dialog imported or removed a key; until then, the one read on opening. */
  const [changed, setStatus] = useState<KeyStatus | null>(null);
  const status = changed ?? loaded.value;
  const [armored, setArmored] = useState('');
  /** This dialog's own latest outcome (undefined: none yet, so reading the status speaks). */
  const [outcome, setError] = useState<AppError | null | undefined>(undefined);
  const error = outcome === undefined ? loaded.error : outcome;
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const textId = useId();
  const fileId = useId();


  const importKey = async (): Promise<void> => {
    setBusy(true);
    setNotice(null);
    const result = await callContract(() => window.fleet.settingsImportKey({ armoredKey: armored.trim() }));
    if (result.ok) {
      setStatus(result.value);
      setArmored('');
      setError(null);
      setNotice('Key imported.');
      onChanged?.(result.value);
    } else setError(result.error);
    setBusy(false);
  };

  const removeKey = async (): Promise<void> => {
    setBusy(true);
    setNotice(null);
    const result = await callContract(() => window.fleet.settingsRemoveKey({}));
    if (result.ok) {
      setStatus(status ? { ...status, hasKey: false, fingerprint: null, userIds: [] } : status);
      setError(null);
      setNotice(result.value.removed ? 'Key removed.' : 'There was no key to remove.');
      onChanged?.(null);
    } else setError(result.error);
    setBusy(false);
  };

  const readFile = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    try {
      setArmored(await readText(file));
      setError(null);
    } catch (thrown) {
      setError(toAppError(thrown));
    }
  };

  const unavailable = status !== null && !status.storageAvailable;
  return (
    <ModalDialog title="Encryption key" onClose={onClose} className="key-dialog">
      <div className="import-form">
        <p className="import-muted">
          The OpenPGP private key that decrypts .gpg, .pgp and .asc fleet files. It is kept encrypted on this computer; its
          passphrase is asked for each file and never stored.
        </p>
        <section className="key-status" aria-label="Current key" aria-busy={status === null}>
          {status?.hasKey ? (
            <dl>
              <dt>Fingerprint</dt>
              <dd>
                <code>{status.fingerprint ? groupFingerprint(status.fingerprint) : 'unknown'}</code>
              </dd>
              <dt>User IDs</dt>
              <dd>
                {status.userIds.length > 0 ? (
                  <ul className="key-user-ids">
                    {status.userIds.map((id) => (
                      <li key={id}>{id}</li>
                    ))}
                  </ul>
                ) : (
                  'none'
                )}
              </dd>
            </dl>
          ) : (
            status && <p>No key is imported.</p>
          )}
        </section>
        {unavailable && (
          <p className="import-warning" role="alert">
            This system offers no encryption at rest for secrets, so a key cannot be imported here.
          </p>
        )}
        {error && (
          <p className="import-error" role="alert">
            {error.message} <code className="app-error-code">{error.code}</code>
          </p>
        )}
        {notice && (
          <p className="key-notice" role="status">
            {notice}
          </p>
        )}
        <label htmlFor={textId}>Armored private key</label>
        <textarea
          id={textId}
          className="input key-armored"
          rows={6}
          spellCheck={false}
          autoComplete="off"
          placeholder="-----BEGIN PGP PRIVATE KEY BLOCK-----"
          value={armored}
          data-autofocus
          onChange={(event) => setArmored(event.target.value)}
        />
        <div className="import-field-row">
          <label htmlFor={fileId}>Key file</label>
          <input id={fileId} type="file" accept=".asc,.gpg,.pgp,.key,.txt" onChange={(event) => void readFile(event.target.files?.[0])} />
        </div>
        <div className="import-dialog-buttons">
          {status?.hasKey && (
            <button type="button" className="button-danger" disabled={busy} onClick={() => void removeKey()}>
              Remove key
            </button>
          )}
          <span className="import-spacer" />
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
          <button type="button" className="button-primary" disabled={busy || armored.trim() === '' || unavailable} onClick={() => void importKey()}>
            {status?.hasKey ? 'Replace key' : 'Import key'}
          </button>
        </div>
      </div>
    </ModalDialog>
  );
}
