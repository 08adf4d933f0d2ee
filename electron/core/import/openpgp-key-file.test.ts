/**
 * An armored key file holding two private keys says so instead of silently using the first.
 */
import * as openpgp from 'openpgp';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPrivateKeyInfo, unlockKey } from './openpgp-file';

let first: openpgp.PrivateKey;
let second: openpgp.PrivateKey;

beforeAll(async () => {
  const make = async (name: string) =>
    (await openpgp.generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ name }], format: 'object' })).privateKey;
  [first, second] = await Promise.all([make('Fleet Ops'), make('Someone Else')]);
});

describe('armored key files', () => {
  it('one key: read as before', async () => {
    expect(await readPrivateKeyInfo(first.armor())).toEqual({ fingerprint: first.getFingerprint().toUpperCase(), userIds: ['Fleet Ops'] });
  });

  it('two keys in one armor block (gpg --export-secret-keys of two keys): refused, naming both', async () => {
    const block = openpgp.armor(openpgp.enums.armor.privateKey, new Uint8Array([...first.write(), ...second.write()]));
    const refused = readPrivateKeyInfo(block);
    await expect(refused).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('holds 2 private keys') });
    await expect(refused).rejects.toMatchObject({ message: expect.stringContaining(second.getFingerprint().toUpperCase()) });
    await expect(unlockKey({ armoredKey: block, passphrase: '' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('two armor blocks pasted one after the other: refused too', async () => {
    const pasted = `${first.armor()}\n${second.armor()}`;
    await expect(readPrivateKeyInfo(pasted)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('2 key blocks') });
  });
});
