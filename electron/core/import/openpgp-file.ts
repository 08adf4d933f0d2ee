/**
 * OpenPGP-encrypted fleet files (.gpg, .pgp, .asc), decrypted in memory.
 *
 * Issue 6 §6: the plaintext is never written to disk; a wrong key, a wrong passphrase or a
 * corrupt file is a clear `DECRYPT_FAILED` and nothing is imported. openpgp v6 checks the
 * message's integrity (MDC / AEAD) before it returns data, so a tampered file fails here
 * rather than half-importing (RFC 9580 §5.13).
 */
import * as openpgp from 'openpgp';
import { AppFailure, messageOf } from '../ipc/app-failure';

const ENCRYPTED_EXTENSIONS = ['.gpg', '.pgp', '.asc'];

export function isEncryptedPath(file: string): boolean {
  const lower = file.toLowerCase();
  return ENCRYPTED_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

export interface KeyInfo {
  readonly fingerprint: string;
  readonly userIds: readonly string[];
}


/** Read an armored private key; INVALID_INPUT when it is not one. */
export async function readPrivateKeyInfo(armoredKey: string): Promise<KeyInfo> {
  let key: openpgp.PrivateKey;
  try {
    key = await openpgp.readPrivateKey({ armoredKey });
  } catch (error) {
    throw new AppFailure(
      'INVALID_INPUT',
      `This is not an OpenPGP private key (${messageOf(error)}). Export it with "gpg --armor --export-secret-keys".`,
      [{ path: 'armoredKey', message: 'not a private key' }],
    );
  }
  return { fingerprint: key.getFingerprint().toUpperCase(), userIds: key.getUserIDs() };
}

export interface Decryption {
  readonly armoredKey: string;
  readonly passphrase: string;
}

/** Unlock the private key with the passphrase; DECRYPT_FAILED when it does not unlock. */
export async function unlockKey(decryption: Decryption): Promise<openpgp.PrivateKey> {
  let key: openpgp.PrivateKey;
  try {
    key = await openpgp.readPrivateKey({ armoredKey: decryption.armoredKey });
  } catch (error) {
    throw new AppFailure('DECRYPT_FAILED', `The stored import key cannot be read (${messageOf(error)}); import it again in Settings.`);
  }
  if (key.isDecrypted()) return key;
  try {
    return await openpgp.decryptKey({ privateKey: key, passphrase: decryption.passphrase });
  } catch {
    throw new AppFailure('DECRYPT_FAILED', 'The passphrase is wrong: it does not unlock the import key.');
  }
}

function isArmored(bytes: Uint8Array): boolean {
  const start = Buffer.from(bytes.subarray(0, 64)).toString('latin1').trimStart();
  return start.startsWith('-----BEGIN PGP MESSAGE-----');
}

/**
 * Decrypt a whole OpenPGP message held in memory. Returns the plaintext bytes (still in memory).
 */
export async function decryptBytes(encrypted: Uint8Array, decryption: Decryption): Promise<Uint8Array> {
  const key = await unlockKey(decryption);
  let message: openpgp.Message<Uint8Array> | openpgp.Message<string>;
  try {
    message = isArmored(encrypted)
      ? await openpgp.readMessage({ armoredMessage: Buffer.from(encrypted).toString('utf8') })
      : await openpgp.readMessage({ binaryMessage: encrypted });
  } catch (error) {
    throw new AppFailure('DECRYPT_FAILED', `The file is not a valid OpenPGP message (${messageOf(error)}).`);
  }
  try {
    const { data } = await openpgp.decrypt({ message, decryptionKeys: key, format: 'binary' });
    return data;
  } catch (error) {
    const text = messageOf(error);
    if (/session key|no decryption key packets/i.test(text)) {
      throw new AppFailure(
        'DECRYPT_FAILED',
        `This file was not encrypted for the imported key (${key.getFingerprint().toUpperCase()}): ${text}`,
      );
    }
    throw new AppFailure('DECRYPT_FAILED', `The file could not be decrypted; it may be damaged (${text}).`);
  }
}
