/**
 * The vPIC → offline rule on its own: which VINs go offline, what a double failure says, and
 * that a vPIC call that throws sends the whole batch offline instead of failing it.
 */
import { describe, expect, it } from 'vitest';
import type { DecodedVehicle } from '../../../shared/vehicle';
import { fixtureVin, makeDecodedVehicle } from '../../../testing/vehicle-fixtures';
import { AppFailure } from '../ipc/app-failure';
import { decodeOneWithFallback, decodeWithFallback, onlineBatchDecoder, type OnlineDecodeResult } from './decode-with-fallback';
import type { OfflineDecoder } from './offline-decoder';

const [A, B, C] = [fixtureVin(1), fixtureVin(2), fixtureVin(3)];

/** An offline decoder that decodes `knows` and fails everything else; counts its calls. */
function offlineKnowing(knows: readonly string[]): { decoder: () => Promise<OfflineDecoder>; asked: string[] } {
  const asked: string[] = [];
  const decoder = {
    decode: async (vin: string): Promise<DecodedVehicle> => {
      asked.push(vin);
      if (!knows.includes(vin)) throw new Error('no pattern matches');
      return makeDecodedVehicle({ vin, source: 'offline' });
    },
  } as unknown as OfflineDecoder;
  return { decoder: async () => decoder, asked };
}

const unavailable = async (): Promise<OfflineDecoder> => {
  throw new Error('snapshot missing');
};

describe('decodeWithFallback', () => {
  it('keeps vPIC answers, decodes fallback failures offline and keeps the others failed', async () => {
    const online = async (): Promise<OnlineDecodeResult> => ({
      decoded: [makeDecodedVehicle({ vin: A, source: 'vpic' })],
      failed: [
        { vin: B, message: 'HTTP 503', fallback: true },
        { vin: C, message: 'vPIC says no', fallback: false },
      ],
    });
    const offline = offlineKnowing([B, C]);
    const result = await decodeWithFallback([A, B, C], online, offline.decoder);
    expect(result.decoded.map((v) => [v.vin, v.source])).toEqual([
      [A, 'vpic'],
      [B, 'offline'],
    ]);
    expect(result.failed).toEqual([{ vin: C, message: 'vPIC says no' }]);
    expect(offline.asked).toEqual([B]);
  });

  it('sends the whole batch offline when the vPIC call itself throws', async () => {
    const offline = offlineKnowing([A, B]);
    const result = await decodeWithFallback([A, B, A], () => Promise.reject(new Error('socket hang up')), offline.decoder);
    expect(result.decoded.map((v) => v.vin)).toEqual([A, B]);
    expect(result.failed).toEqual([]);
  });

  it('names both problems when vPIC and the snapshot fail', async () => {
    const online = onlineBatchDecoder({ decodeBatch: async (vins) => ({ decoded: [], failed: vins.map((vin) => ({ vin, error: new Error('breaker open') })) }) });
    const result = await decodeWithFallback([A], online, unavailable);
    expect(result.decoded).toEqual([]);
    expect(result.failed).toEqual([{ vin: A, message: `${A} could not be decoded: breaker open; the offline snapshot failed too (snapshot missing).` }]);
  });

  it('in offline mode asks nobody online and does not blame vPIC', async () => {
    const offline = offlineKnowing([A]);
    const result = await decodeWithFallback([A, B, B], onlineBatchDecoder(null), offline.decoder);
    expect(result.decoded.map((v) => v.vin)).toEqual([A]);
    expect(result.failed).toEqual([{ vin: B, message: `${B} could not be decoded offline: no pattern matches` }]);
    expect(offline.asked).toEqual([A, B]);
  });
});

describe('decodeOneWithFallback', () => {
  it('answers online when it can, offline when vPIC fails, DECODE_FAILED when both fail', async () => {
    const offline = offlineKnowing([A]);
    const online = async (vin: string): Promise<DecodedVehicle> => makeDecodedVehicle({ vin, source: 'vpic' });
    expect((await decodeOneWithFallback(A, online, offline.decoder)).source).toBe('vpic');
    expect(offline.asked).toEqual([]);

    const reasons: string[] = [];
    const failing = (): Promise<DecodedVehicle> => Promise.reject(new Error('timeout'));
    expect((await decodeOneWithFallback(A, failing, offline.decoder, (r) => reasons.push(r))).source).toBe('offline');
    expect(reasons).toEqual(['timeout']);

    const error = await decodeOneWithFallback(B, failing, offline.decoder).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppFailure);
    expect(error).toMatchObject({ code: 'DECODE_FAILED', message: `${B} could not be decoded: timeout; the offline snapshot failed too (no pattern matches).` });
  });
});
