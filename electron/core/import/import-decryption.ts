/**
 * The key and passphrase an encrypted import needs, checked before the job is queued: a missing
 * key or a wrong passphrase is answered at once, not later in the worker.
 */
import { AppFailure } from '../ipc/app-failure';
import type { KeyStore } from './key-store';
import { isEncryptedPath, unlockKey, type Decryption } from './openpgp-file';

export async function decryptionFor(keyStore: KeyStore, file: string, passphrase: string | undefined): Promise<Decryption | undefined> {
  if (!isEncryptedPath(file)) return undefined;
  const armoredKey = await keyStore.armoredKey();
  if (armoredKey === null) {
    throw new AppFailure('INVALID_INPUT', 'This file is encrypted: import your OpenPGP private key in Settings first.', [
      { path: 'passphrase', message: 'no key imported' },
    ]);
  }
  if (passphrase === undefined) {
    throw new AppFailure('INVALID_INPUT', 'This file is encrypted: enter the passphrase of your import key.', [
      { path: 'passphrase', message: 'passphrase required' },
    ]);
  }
  const decryption = { armoredKey, passphrase };
  await unlockKey(decryption); // a wrong passphrase fails now, not later in the worker
  return decryption;
}
