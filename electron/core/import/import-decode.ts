/**
 * The import's decode step: vPIC batches (through main's one client), offline for the rest.
 *
 * Mirrors the lookup service's `decodeMany`, split so the online half
 * runs where the vPIC client lives and the offline half where the import runs.
 */
import type { DecodedVehicle } from '../../../shared/vehicle';
import type { OfflineDecoder } from '../lookup/offline-decoder';
import type { OnlineDecodeResult } from './import-worker-protocol';
import type { DecodeVins, ImportDecodeFailure } from './run-import-job';
import { messageOf } from '../ipc/app-failure';


export function decodeWithOfflineFallback(
  online: (vins: readonly string[]) => Promise<OnlineDecodeResult>,
  offline: () => Promise<OfflineDecoder>,
): DecodeVins {
  return async (vins) => {
    let answer: OnlineDecodeResult;
    try {
      answer = await online(vins);
    } catch (error) {
      answer = { decoded: [], failed: vins.map((vin) => ({ vin, message: messageOf(error), fallback: true })) };
    }
    const decoded: DecodedVehicle[] = [...answer.decoded];
    const failed: ImportDecodeFailure[] = [];
    const retry = answer.failed.filter((f) => f.fallback);
    for (const f of answer.failed) if (!f.fallback) failed.push({ vin: f.vin, message: f.message });
    if (retry.length > 0) {
      let decoder: OfflineDecoder | null = null;
      let openProblem = '';
      try {
        decoder = await offline();
      } catch (error) {
        openProblem = messageOf(error);
      }
      for (const f of retry) {
        if (!decoder) {
          failed.push({ vin: f.vin, message: `${f.message}; the offline snapshot is unavailable (${openProblem})` });
          continue;
        }
        try {
          decoded.push(await decoder.decode(f.vin));
        } catch (error) {
          failed.push({ vin: f.vin, message: `${f.message}; offline decoding failed too (${messageOf(error)})` });
        }
      }
    }
    return { decoded, failed };
  };
}

/**
 * Main's half: one vPIC batch decode on the app's single client. Every failure is marked for
 * offline fallback, as the lookup service does; without a client (offline mode) all are.
 */
export function onlineBatchDecoder(
  vpic: { decodeBatch(vins: readonly string[]): Promise<{ decoded: DecodedVehicle[]; failed: { vin: string; error: Error }[] }> } | null,
): (vins: readonly string[]) => Promise<OnlineDecodeResult> {
  return async (vins) => {
    if (!vpic) return { decoded: [], failed: vins.map((vin) => ({ vin, message: 'vPIC is switched off (offline mode)', fallback: true })) };
    const batch = await vpic.decodeBatch(vins);
    return { decoded: batch.decoded, failed: batch.failed.map((f) => ({ vin: f.vin, message: f.error.message, fallback: true })) };
  };
}
