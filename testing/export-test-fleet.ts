/**
 * Test support for the export tests: a cache holding the brief's five VINs.
 *
 * Test-only (imported by `*.test.ts` here). The records vary where exporters go wrong: missing
 * values (null model year, make and body class), a formula-looking model, a negative-looking and
 * non-ASCII attribute, an offline decode with a snapshot version.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { DecodedVehicle } from '../shared/vehicle';
import { makeDecodedVehicle } from './vehicle-fixtures';
import { openDatabase } from '../electron/core/storage/sqlite/db/open-database';
import { upsertManyDecoded, type UpsertItem } from '../electron/core/storage/sqlite/vehicles/vehicle-repository';

export const BRIEF_VINS = [
  '1XPWD40X1ED215307',
  '1XKWDB0X57J211825',
  '1XP5DB9X7YN526158',
  '4V4NC9EJXEN171694',
  '1XP5DB9X7XD487964',
] as const;

const OVERRIDES: readonly Partial<DecodedVehicle>[] = [
  {},
  { make: 'KENWORTH', model: 'W9 Series', modelYear: 2007, manufacturer: 'PACCAR INC', plantCity: 'CHILLICOTHE' },
  // vPIC had nothing for these: they must come out as nulls, not "" or 0.
  { model: '=HYPERLINK("http://evil.example","x")', modelYear: null, make: null, bodyClass: null, displacementL: null },
  {
    make: 'VOLVO TRUCK',
    model: 'VNL',
    modelYear: 2014,
    manufacturer: 'VOLVO TRUCKS NORTH AMERICA',
    source: 'offline',
    snapshotVersion: '2025.10',
    decodedAt: '2025-02-01T08:30:15.250Z',
  },
  { model: '379', modelYear: 1999, errorCodes: ['1'], errorText: '1 - Check Digit (9th position) does not calculate properly' },
];

export function briefVehicles(): DecodedVehicle[] {
  return BRIEF_VINS.map((vin, i) => makeDecodedVehicle({ vin, ...OVERRIDES[i] }));
}

export interface TestFleet {
  readonly dir: string;
  readonly databasePath: string;
  readonly db: Database;
  close(): void;
}

/** A fresh cache in a temporary folder; `withBriefVins` stores the five brief VINs with attributes. */
export function createTestFleet(withBriefVins: boolean): TestFleet {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'export-'));
  const databasePath = path.join(dir, 'fleet.sqlite');
  const db = openDatabase(databasePath);
  if (withBriefVins) {
    const attributes: Readonly<Record<number, Readonly<Record<string, string>>>> = {
      0: { unit: '-12', plate: '@ABC 123', depot: 'Zürich', Colour: '=red', 'In service': '2021-03-25', Odometer: '120,500' },
      3: { unit: '204', Trailer: 'T-9' },
    };
    const items: UpsertItem[] = briefVehicles().map((vehicle, i) =>
      attributes[i] ? { vehicle, attributes: attributes[i] } : { vehicle },
    );
    upsertManyDecoded(db, items, new Date('2025-03-01T12:00:00.000Z'));
  }
  return {
    dir,
    databasePath,
    db,
    close() {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Files in `dir` other than the database's own. */
export function leftoverFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter((name) => !name.startsWith('fleet.sqlite'));
}
