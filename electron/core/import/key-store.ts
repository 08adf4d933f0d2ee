/**
 * The OpenPGP private key for encrypted imports, kept encrypted at rest.
 *
 * The key is imported once in Settings and stored through the OS's secret storage
 * (Electron's safeStorage: Keychain, DPAPI, libsecret), passed in as `SecretStore` so the core
 * never imports Electron. Without a secret store the key is refused, never written in clear.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { KeyStatus } from '../../../shared/import/import-contract';
import { AppFailure } from '../ipc/app-failure';
import { readPrivateKeyInfo } from './openpgp-file';

/** Encryption at rest (Electron's safeStorage has exactly this shape). */
export interface SecretStore {
  isAvailable(): boolean;
  encrypt(text: string): Buffer;
  decrypt(data: Buffer): string;
}

export interface KeyStore {
  status(): Promise<KeyStatus>;
  importKey(armoredKey: string): Promise<KeyStatus>;
  remove(): Promise<boolean>;
  /** The armored key, or null when none is imported. */
  armoredKey(): Promise<string | null>;
}

export const KEY_FILE_NAME = 'import-key.bin';

export function createKeyStore(options: { readonly dataDir: string; readonly secretStore?: SecretStore }): KeyStore {
  const file = path.join(options.dataDir, KEY_FILE_NAME);
  const available = (): boolean => options.secretStore?.isAvailable() ?? false;

  async function armoredKey(): Promise<string | null> {
    let data: Buffer;
    try {
      data = await fs.promises.readFile(file);
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return null;
      throw new AppFailure('STORAGE_ERROR', `The import key file ${file} cannot be read: ${String(error)}`);
    }
    if (!options.secretStore || !available()) {
      throw new AppFailure('STORAGE_ERROR', 'The stored import key cannot be unlocked: the system secret storage is unavailable.');
    }
    try {
      return options.secretStore.decrypt(data);
    } catch (error) {
      throw new AppFailure('STORAGE_ERROR', `The stored import key cannot be unlocked (${String(error)}); import it again.`);
    }
  }

  async function status(): Promise<KeyStatus> {
    const key = fs.existsSync(file) && available() ? await armoredKey().catch(() => null) : null;
    if (key === null) return { hasKey: false, fingerprint: null, userIds: [], storageAvailable: available() };
    const info = await readPrivateKeyInfo(key);
    return { hasKey: true, fingerprint: info.fingerprint, userIds: info.userIds, storageAvailable: true };
  }

  return {
    status,
    armoredKey,
    async importKey(key) {
      const info = await readPrivateKeyInfo(key.trim());
      if (!options.secretStore || !available()) {
        throw new AppFailure('STORAGE_ERROR', 'This system offers no secure storage for the key, so it was not imported.');
      }
      const sealed = options.secretStore.encrypt(key.trim());
      await fs.promises.mkdir(options.dataDir, { recursive: true });
      const temp = `${file}.tmp`;
      await fs.promises.writeFile(temp, sealed, { mode: 0o600 });
      await fs.promises.rename(temp, file);
      return { hasKey: true, fingerprint: info.fingerprint, userIds: info.userIds, storageAvailable: true };
    },
    async remove() {
      try {
        await fs.promises.unlink(file);
        return true;
      } catch (error) {
        if ((error as { code?: string }).code === 'ENOENT') return false;
        throw new AppFailure('STORAGE_ERROR', `The import key file ${file} cannot be removed: ${String(error)}`);
      }
    },
  };
}
