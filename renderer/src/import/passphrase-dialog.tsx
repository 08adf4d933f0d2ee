/**
 * Asks for the passphrase of the imported OpenPGP key, for one encrypted file.
 *
 * Says up front when no key is imported (the passphrase alone cannot decrypt anything) and offers
 * to import one. The passphrase lives in this form's state until it is handed to the caller and
 * is never stored.
 */
import { useId, useState } from 'react';
import type { AppError } from '../../../shared/ipc/result';
import { useContract } from '../app/use-contract';
import { ModalDialog } from './modal-dialog';

export interface PassphraseDialogProps {
  readonly fileName: string;
  /** Why the last passphrase was refused, or null. */
  readonly error: AppError | null;
  readonly onSubmit: (passphrase: string) => void;
  readonly onCancel: () => void;
  /** Open the key settings; the dialog re-reads the key status when `keyVersion` changes. */
  readonly onManageKey: () => void;
  readonly keyVersion: number;
}

export function PassphraseDialog(props: PassphraseDialogProps): React.JSX.Element {
  const { fileName, error, onSubmit, onCancel, onManageKey, keyVersion } = props;
  const [passphrase, setPassphrase] = useState('');
  const inputId = useId();
  const noteId = useId();

  // Only for the "no key yet" hint: a failed read leaves the hint out, and the passphrase's own
  // answer says what went wrong if decryption then fails.
  const key = useContract(() => window.fleet.settingsKeyStatus({}), [keyVersion]).value;

  const noKey = key !== null && !key.hasKey;
  return (
    <ModalDialog title={`Passphrase for ${fileName}`} onClose={onCancel} describedBy={noteId}>
      <form
        className="import-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (passphrase.length > 0) onSubmit(passphrase);
        }}
      >
        <p id={noteId} className="import-muted">
          {fileName} is encrypted (OpenPGP). Enter the passphrase of your imported private key to read it. The file is
          decrypted in memory only.
        </p>
        {noKey && (
          <p className="import-warning" role="alert">
            No encryption key is imported, so this file cannot be decrypted.{' '}
            <button type="button" className="button-link" onClick={onManageKey}>
              Import a key…
            </button>
          </p>
        )}
        {key?.hasKey && (
          <p className="import-muted">
            Key {key.userIds[0] ?? ''} <code>{shortFingerprint(key.fingerprint)}</code>
          </p>
        )}
        {error && (
          <p className="import-error" role="alert">
            {error.message} <code className="app-error-code">{error.code}</code>
          </p>
        )}
        <label htmlFor={inputId}>Passphrase</label>
        <input
          id={inputId}
          className="input"
          type="password"
          autoComplete="off"
          data-autofocus
          value={passphrase}
          aria-invalid={error ? true : undefined}
          onChange={(event) => setPassphrase(event.target.value)}
        />
        <div className="import-dialog-buttons">
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button-primary" disabled={passphrase.length === 0}>
            Decrypt
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}

/** The last 16 hex digits (the "long key id"), grouped by 4 for reading aloud. */
export function shortFingerprint(fingerprint: string | null): string {
  if (!fingerprint) return '';
  return fingerprint
    .toUpperCase()
    .slice(-16)
    .replace(/(.{4})(?=.)/g, '$1 ');
}
