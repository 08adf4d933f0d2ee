/**
 * The one rule for "vPIC failed → decode offline", used by lookups and imports alike.
 *
 * vPIC answers first; every VIN it could not decode because it was unreachable, failing or behind
 * an open breaker (`fallback`) is decoded with the offline snapshot. A VIN fails only when both
 * did, and its message names both problems. The online half and the offline half are separate
 * functions so an import can ask main's one vPIC client and still decode offline in its worker.
 */
import type { DecodedVehicle } from '../../../shared/vehicle';
import { AppFailure, messageOf } from '../ipc/app-failure';
import type { OfflineDecoder } from './offline-decoder';
import type { BatchProgress } from './vpic-client';

/** What vPIC answered for a batch. */
export interface OnlineDecodeResult {
  readonly decoded: readonly DecodedVehicle[];
  /** VINs vPIC did not decode; `fallback`: try the offline snapshot. */
  readonly failed: readonly { readonly vin: string; readonly message: string; readonly fallback: boolean }[];
}

/** The online half's reason when vPIC is off by choice: not a vPIC problem worth naming. */
const OFFLINE_MODE = 'vPIC is switched off (offline mode)';

export type OnlineBatchDecode = (vins: readonly string[]) => Promise<OnlineDecodeResult>;

export interface FallbackFailure {
  readonly vin: string;
  readonly message: string;
}

export interface FallbackResult {
  readonly decoded: DecodedVehicle[];
  readonly failed: FallbackFailure[];
}

/** Why a VIN could not be decoded at all; `online` is null when vPIC was not asked (offline mode). */
export function bothFailedMessage(vin: string, online: string | null, offline: string): string {
  return online === null
    ? `${vin} could not be decoded offline: ${offline}`
    : `${vin} could not be decoded: ${online}; the offline snapshot failed too (${offline}).`;
}

/**
 * vPIC's half on a client (one batch through its rate cap and breaker). Every failure is worth
 * an offline try; without a client (offline by choice) every VIN goes offline at once.
 */
export function onlineBatchDecoder(
  vpic: { decodeBatch(vins: readonly string[], onProgress?: (p: BatchProgress) => void): Promise<{ decoded: DecodedVehicle[]; failed: { vin: string; error: Error }[] }> } | null,
  onProgress?: (progress: BatchProgress) => void,
): OnlineBatchDecode {
  return async (vins) => {
    if (!vpic) return { decoded: [], failed: [...new Set(vins)].map((vin) => ({ vin, message: OFFLINE_MODE, fallback: true })) };
    const batch = await vpic.decodeBatch(vins, onProgress);
    return { decoded: batch.decoded, failed: batch.failed.map((f) => ({ vin: f.vin, message: f.error.message, fallback: true })) };
  };
}

/** Decode `vins` online, the rest offline; never throws (a failing vPIC call sends the whole batch offline). */
export async function decodeWithFallback(
  vins: readonly string[],
  online: OnlineBatchDecode,
  offline: () => Promise<OfflineDecoder>,
): Promise<FallbackResult> {
  let answer: OnlineDecodeResult;
  try {
    answer = await online(vins);
  } catch (error) {
    answer = { decoded: [], failed: [...new Set(vins)].map((vin) => ({ vin, message: messageOf(error), fallback: true })) };
  }
  const decoded: DecodedVehicle[] = [...answer.decoded];
  const failed: FallbackFailure[] = [];
  const retry = answer.failed.filter((f) => f.fallback);
  for (const f of answer.failed) if (!f.fallback) failed.push({ vin: f.vin, message: f.message });
  if (retry.length === 0) return { decoded, failed };
  let decoder: OfflineDecoder | null = null;
  let openProblem = '';
  try {
    decoder = await offline();
  } catch (error) {
    openProblem = messageOf(error);
  }
  for (const f of retry) {
    const online = f.message === OFFLINE_MODE ? null : f.message;
    if (!decoder) {
      failed.push({ vin: f.vin, message: bothFailedMessage(f.vin, online, openProblem) });
      continue;
    }
    try {
      decoded.push(await decoder.decode(f.vin));
    } catch (error) {
      failed.push({ vin: f.vin, message: bothFailedMessage(f.vin, online, messageOf(error)) });
    }
  }
  return { decoded, failed };
}

/** One VIN: `online` (null in offline mode), else offline; DECODE_FAILED when both fail. */
export async function decodeOneWithFallback(
  vin: string,
  online: ((vin: string) => Promise<DecodedVehicle>) | null,
  offline: () => Promise<OfflineDecoder>,
  onFallback?: (reason: string) => void,
): Promise<DecodedVehicle> {
  let onlineProblem: string | null = null;
  if (online) {
    try {
      return await online(vin);
    } catch (error) {
      onlineProblem = messageOf(error);
      onFallback?.(onlineProblem);
    }
  }
  try {
    return await (await offline()).decode(vin);
  } catch (error) {
    throw new AppFailure('DECODE_FAILED', bothFailedMessage(vin, onlineProblem, messageOf(error)), undefined, { cause: error });
  }
}
