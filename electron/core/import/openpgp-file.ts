/**
 * OpenPGP-encrypted fleet files (.gpg, .pgp, .asc), decrypted in memory.
 *
 * The plaintext is never written to disk; a wrong key, a wrong passphrase or a
 * corrupt file is a clear `DECRYPT_FAILED` and nothing is imported. openpgp v6 checks the
 * message's integrity (MDC / AEAD) before it returns data, so a tampered file fails here
 * rather than half-importing (RFC 9580 §5.13).
 */
import type * as OpenPgp from 'openpgp';
import { AppFailure, messageOf } from '../ipc/app-failure';

const ENCRYPTED_EXTENSIONS = ['.gpg', '.pgp', '.asc'];

/**
 * openpgp is loaded on first use: it is the largest library the app has, and most runs (every
 * lookup, list or export, every import of a plain CSV) never decrypt anything.
 */
function loadOpenpgp(): Promise<typeof OpenPgp> {
  return import('openpgp');
}

export function isEncryptedPath(file: string): boolean {
  const lower = file.toLowerCase();
  return ENCRYPTED_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

export interface KeyInfo {
  readonly fingerprint: string;
  readonly userIds: readonly string[];
}


const PRIVATE_KEY_BLOCK = '-----BEGIN PGP PRIVATE KEY BLOCK-----';

/**
 * The one private key of an armored file. A file holding several (one armor block listing two
 * keys, or two blocks pasted one after the other) is refused with their fingerprints: openpgp's
 * readPrivateKey would silently take the first, which may not be the one the fleet files are
 * encrypted to. `{error}` when the text is not a private key at all (the caller says so).
 */
async function readSinglePrivateKey(armoredKey: string): Promise<OpenPgp.PrivateKey | { readonly error: unknown }> {
  const blocks = armoredKey.split(PRIVATE_KEY_BLOCK).length - 1;
  let keys: OpenPgp.PrivateKey[];
  try {
    keys = await (await loadOpenpgp()).readPrivateKeys({ armoredKeys: armoredKey });
  } catch (error) {
    return { error };
  }
  if (keys.length > 1 || blocks > 1) {
    const count = Math.max(keys.length, blocks);
    const fingerprints = keys.map((k) => k.getFingerprint().toUpperCase()).join(', ');
    throw new AppFailure(
      'INVALID_INPUT',
      `This key file holds ${count} private keys${blocks > 1 ? ` (${blocks} key blocks)` : ''}, not one (${fingerprints}${blocks > 1 ? ', …' : ''}). ` +
        'Export only the key your fleet files are encrypted to: gpg --armor --export-secret-keys <fingerprint>.',
      [{ path: 'armoredKey', message: `${count} keys` }],
    );
  }
  return keys[0] ?? { error: new Error('no key found') };
}

/** Read an armored private key; INVALID_INPUT when it is not one, or when it holds several. */
export async function readPrivateKeyInfo(armoredKey: string): Promise<KeyInfo> {
  const key = await readSinglePrivateKey(armoredKey);
  if ('error' in key) {
    throw new AppFailure(
      'INVALID_INPUT',
      `This is not an OpenPGP private key (${messageOf(key.error)}). Export it with "gpg --armor --export-secret-keys".`,
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
export async function unlockKey(decryption: Decryption): Promise<OpenPgp.PrivateKey> {
  const key = await readSinglePrivateKey(decryption.armoredKey);
  if ('error' in key) {
    throw new AppFailure('DECRYPT_FAILED', `The stored import key cannot be read (${messageOf(key.error)}); import it again in Settings.`);
  }
  if (key.isDecrypted()) return key;
  try {
    return await (await loadOpenpgp()).decryptKey({ privateKey: key, passphrase: decryption.passphrase });
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
  let message: OpenPgp.Message<Uint8Array> | OpenPgp.Message<string>;
  try {
    message = isArmored(encrypted)
      ? await (await loadOpenpgp()).readMessage({ armoredMessage: Buffer.from(encrypted).toString('utf8') })
      : await (await loadOpenpgp()).readMessage({ binaryMessage: encrypted });
  } catch (error) {
    throw new AppFailure('DECRYPT_FAILED', `The file is not a valid OpenPGP message (${messageOf(error)}).`);
  }
  try {
    const { data } = await (await loadOpenpgp()).decrypt({ message, decryptionKeys: key, format: 'binary' });
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
