/**
 * Encrypted fleet files: an OpenPGP-encrypted copy imports exactly like the plain
 * file; a wrong key, a wrong passphrase or a corrupt file imports nothing (DECRYPT_FAILED).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import * as openpgp from 'openpgp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateFleetCsv } from '../../../testing/fleet-generator';
import { startVpicSimulator, type VpicSimulator } from '../../../testing/vpic-simulator/vpic-simulator';
import type { VpicClient } from '../lookup/vpic-client';
import { countVehicles } from '../storage/sqlite/vehicles/vehicle-repository';
import { getJob, listRejects } from '../storage/sqlite/sqlite-import-job-store';
import { previewImport } from './import-preview';
import { newJob, openTestDatabase, tempDir, testVpicClient, vpicDecode } from '../../../testing/import-test-support';
import { runImportJob } from './run-import-job';
import { sqliteImportStores } from '../storage/sqlite/sqlite-import-stores';

const PASSPHRASE = 'fleet passphrase';
let sim: VpicSimulator;
let client: VpicClient;
let dir: string;
let key: { privateKey: string; publicKey: string };
let otherKey: { privateKey: string; publicKey: string };
const csv = generateFleetCsv({ seed: 31, rows: 300, invalidRatio: 0.06, duplicateRatio: 0.05, extraColumns: true, delimiter: '\t', bom: true });

async function encryptFor(publicKey: string, armor: boolean): Promise<Uint8Array | string> {
  const message = await openpgp.createMessage({ binary: new TextEncoder().encode(csv.text) });
  const encryptionKeys = await openpgp.readKey({ armoredKey: publicKey });
  return armor ? openpgp.encrypt({ message, encryptionKeys }) : openpgp.encrypt({ message, encryptionKeys, format: 'binary' });
}

beforeAll(async () => {
  sim = await startVpicSimulator({ referenceYear: 2025 });
  client = testVpicClient(sim.url);
  dir = tempDir('import-openpgp-');
  const make = (name: string) =>
    openpgp.generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ name }], passphrase: PASSPHRASE, format: 'armored' });
  [key, otherKey] = await Promise.all([make('Fleet Ops'), make('Someone Else')]);
});
afterAll(async () => {
  client.close();
  await sim.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function freshDb(name: string): Database {
  const d = path.join(dir, name);
  fs.mkdirSync(d, { recursive: true });
  return openTestDatabase(d);
}

describe('encrypted imports', () => {
  it.each([
    ['armored .asc', 'fleet.csv.asc', true],
    ['binary .gpg', 'fleet.csv.gpg', false],
  ])('an encrypted copy (%s) imports exactly like the plain file', async (label, name, armor) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, await encryptFor(key.publicKey, armor));
    const db = freshDb(`ok-${String(armor)}`);
    try {
      const decryption = { armoredKey: key.privateKey, passphrase: PASSPHRASE };
      const preview = await previewImport(file, decryption);
      expect(preview).toMatchObject({ encrypted: true, needsPassphrase: false, delimiter: '\t', detectedVinColumn: 'VIN', confident: true });
      const job = await runImportJob({ stores: sqliteImportStores(db), decode: vpicDecode(client), now: () => new Date(), decryption, chunkSize: 64 }, newJob(db, file));
      expect(job.counts, label).toEqual({
        total: csv.expected.total,
        added: csv.expected.validUnique.length,
        updated: 0,
        duplicates: csv.expected.duplicates,
        invalid: csv.expected.invalid.length,
        failed: 0,
      });
      expect(listRejects(db, job.jobId, 0, 500).map((r) => ({ row: r.row, value: r.value, reason: r.code }))).toEqual(csv.expected.invalid);
      // Nothing but the encrypted file itself and the database was written.
      expect(fs.readdirSync(dir).filter((f) => f.endsWith('.csv'))).toEqual([]);
    } finally {
      db.close();
    }
  });

  it.each([
    ['a wrong passphrase', () => ({ armoredKey: key.privateKey, passphrase: 'not it' }), false, /passphrase/i],
    ['a key the file was not encrypted for', () => ({ armoredKey: otherKey.privateKey, passphrase: PASSPHRASE }), false, /not encrypted for/i],
    ['a corrupt file', () => ({ armoredKey: key.privateKey, passphrase: PASSPHRASE }), true, /.+/],
  ])('%s imports nothing (DECRYPT_FAILED)', async (label, decryption, corrupt, message) => {
    const file = path.join(dir, `bad-${label.replace(/\W+/g, '-')}.gpg`);
    const bytes = Buffer.from((await encryptFor(key.publicKey, false)) as Uint8Array);
    if (corrupt) for (let i = 200; i < 260; i += 1) bytes[i] = bytes[i]! ^ 0x5a;
    fs.writeFileSync(file, bytes);
    const db = freshDb(`bad-${label.replace(/\W+/g, '-')}`);
    try {
      const jobId = newJob(db, file);
      const error = await runImportJob({ stores: sqliteImportStores(db), decode: vpicDecode(client), now: () => new Date(), decryption: decryption() }, jobId).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'DECRYPT_FAILED' });
      expect((error as Error).message).toMatch(message);
      expect(countVehicles(db)).toBe(0);
      expect(getJob(db, jobId)).toMatchObject({ state: 'failed', error: { code: 'DECRYPT_FAILED' }, counts: { total: 0 } });
    } finally {
      db.close();
    }
  });
});
