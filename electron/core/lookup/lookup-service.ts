/**
 * Lookup: the original brief's operation, done the way a fleet needs.
 *
 * Answer from the cache when the VIN is there (`cached: true`); otherwise decode through vPIC —
 * one GET for one VIN, batches of 50 for many — and fall back to the offline snapshot when vPIC
 * is unreachable, failing, or behind an open breaker. Every decode is stored before it is
 * answered. Offline records are re-decoded online, in place, once vPIC is back.
 */
import type { DecodedVehicle, Vehicle } from '../../../shared/vehicle';
import type { LookupAnswer, LookupManyAnswer, VehiclesChanged } from '../../../shared/vehicles/vehicles-contract';
import { validateVin, type VinIssue } from '../../../shared/vin/vin-rules';
import { INITIAL_VPIC_STATUS, type VpicStatus } from '../../../shared/vpic-status';
import { AppFailure } from '../ipc/app-failure';
import type { Logger } from '../logging/logger';
import type { VehicleStore } from '../storage/fleet-store';
import { decodeOneWithFallback, decodeWithFallback, onlineBatchDecoder } from './decode-with-fallback';
import type { OfflineDecoder } from './offline-decoder';
import type { BatchProgress, VpicClient } from './vpic-client';

export interface DecodeFailure {
  readonly vin: string;
  readonly code: 'DECODE_FAILED';
  readonly message: string;
}

export interface DecodeManyResult {
  readonly decoded: DecodedVehicle[];
  readonly failed: DecodeFailure[];
}

export interface LookupServiceDeps {
  /** The vehicles cache (`store.vehicles`). */
  readonly vehicles: VehicleStore;
  /** The vPIC client, or null when the app runs offline by choice (`--offline`). */
  readonly vpic: VpicClient | null;
  /** The offline decoder, created on first use (unpacking the snapshot takes a few seconds once). */
  readonly offline: () => Promise<OfflineDecoder>;
  readonly now: () => Date;
  readonly logger: Logger;
  readonly onChanged?: (change: VehiclesChanged) => void;
}

export interface LookupService {
  lookup(input: string, options?: { refresh?: boolean }): Promise<LookupAnswer>;
  lookupMany(inputs: readonly string[], options?: { refresh?: boolean }): Promise<LookupManyAnswer>;
  /** Decode without storing: vPIC batches, offline for whatever vPIC could not answer. */
  decodeMany(vins: readonly string[], onProgress?: (progress: BatchProgress) => void): Promise<DecodeManyResult>;
  /** Re-decode offline records online, in place (same ids). Returns how many were updated. */
  redecodeOffline(limit?: number): Promise<number>;
  vpicStatus(): VpicStatus;
}

function warningsOf(issues: readonly VinIssue[]): VinIssue[] {
  return issues.filter((issue) => issue.severity === 'warning');
}


export function createLookupService(deps: LookupServiceDeps): LookupService {
  const { vehicles, vpic, logger } = deps;
  let redecoding: Promise<number> | null = null;

  function decodeOne(vin: string): Promise<DecodedVehicle> {
    return decodeOneWithFallback(vin, vpic ? (v) => vpic.decodeOne(v) : null, deps.offline, (reason) =>
      logger.info({ vin, reason }, 'vPIC failed; decoding offline'),
    );
  }

  async function decodeMany(vins: readonly string[], onProgress?: (p: BatchProgress) => void): Promise<DecodeManyResult> {
    const { decoded, failed } = await decodeWithFallback(vins, onlineBatchDecoder(vpic, onProgress), deps.offline);
    return { decoded, failed: failed.map((f) => ({ ...f, code: 'DECODE_FAILED' as const })) };
  }

  async function lookup(input: string, options: { refresh?: boolean } = {}): Promise<LookupAnswer> {
    const validation = validateVin(input);
    const firstError = validation.issues.find((issue) => issue.severity === 'error');
    if (firstError) throw new AppFailure('INVALID_INPUT', firstError.message, [{ path: 'vin', message: firstError.message }]);
    const warnings = warningsOf(validation.issues);
    if (!options.refresh) {
      const cached = await vehicles.getByVin(validation.vin);
      if (cached) return { vehicle: cached, cached: true, source: cached.source, warnings };
    }
    const decoded = await decodeOne(validation.vin);
    const { id } = await vehicles.upsertDecoded({ vehicle: decoded }, deps.now());
    deps.onChanged?.({ reason: 'lookup', count: 1 });
    const vehicle = (await vehicles.getById(id))!;
    return { vehicle, cached: false, source: vehicle.source, warnings };
  }

  async function lookupMany(inputs: readonly string[], options: { refresh?: boolean } = {}): Promise<LookupManyAnswer> {
    const errors: { input: string; code: 'INVALID_INPUT' | 'DECODE_FAILED'; message: string }[] = [];
    const order: { vin: string; warnings: VinIssue[] }[] = [];
    const seen = new Set<string>();
    for (const input of inputs) {
      const validation = validateVin(input);
      const firstError = validation.issues.find((issue) => issue.severity === 'error');
      if (firstError) {
        errors.push({ input, code: 'INVALID_INPUT', message: firstError.message });
        continue;
      }
      if (seen.has(validation.vin)) continue;
      seen.add(validation.vin);
      order.push({ vin: validation.vin, warnings: warningsOf(validation.issues) });
    }
    const cached = options.refresh ? new Map<string, Vehicle>() : await vehicles.getManyByVin(order.map((o) => o.vin));
    const misses = order.map((o) => o.vin).filter((vin) => !cached.has(vin));
    const fresh = new Set<string>();
    if (misses.length > 0) {
      const { decoded, failed } = await decodeMany(misses);
      await vehicles.upsertManyDecoded(
        decoded.map((vehicle) => ({ vehicle })),
        deps.now(),
      );
      for (const vehicle of decoded) fresh.add(vehicle.vin);
      for (const failure of failed) errors.push({ input: failure.vin, code: 'DECODE_FAILED', message: failure.message });
      if (decoded.length > 0) deps.onChanged?.({ reason: 'lookup', count: decoded.length });
    }
    const stored = await vehicles.getManyByVin([...fresh]);
    const results: LookupAnswer[] = [];
    for (const { vin, warnings } of order) {
      const vehicle = cached.get(vin) ?? stored.get(vin);
      if (!vehicle) continue;
      results.push({ vehicle, cached: cached.has(vin), source: vehicle.source, warnings });
    }
    return { results, errors };
  }

  async function redecodeOfflineOnce(limit: number): Promise<number> {
    if (!vpic) return 0;
    let updated = 0;
    for (;;) {
      const vins = await vehicles.listOfflineVins(Math.min(500, limit - updated));
      if (vins.length === 0) break;
      const batch = await vpic.decodeBatch(vins);
      if (batch.decoded.length === 0) break;
      // Update only: a vehicle removed while the batch was in flight stays removed.
      const changed = (await vehicles.updateDecodedIfPresent(batch.decoded, deps.now())).length;
      updated += changed;
      if (changed === 0 || batch.failed.length > 0 || updated >= limit) break;
    }
    if (updated > 0) {
      logger.info({ updated }, 're-decoded offline records online');
      deps.onChanged?.({ reason: 'redecode', count: updated });
    }
    return updated;
  }

  function redecodeOffline(limit = 100_000): Promise<number> {
    // One pass at a time: the breaker closing and a user's request may ask together.
    redecoding ??= redecodeOfflineOnce(limit).finally(() => {
      redecoding = null;
    });
    return redecoding;
  }

  if (vpic) {
    const kick = (): void => {
      redecodeOffline().catch((error: unknown) => logger.warn({ err: error }, 're-decoding offline records failed'));
    };
    vpic.onBreakerClose(kick);
    let previous = vpic.status().state;
    vpic.onStatus((status) => {
      if (previous === 'offline' && status.state === 'online') kick();
      previous = status.state;
    });
  }

  return {
    lookup,
    lookupMany,
    decodeMany,
    redecodeOffline,
    vpicStatus: () => vpic?.status() ?? { ...INITIAL_VPIC_STATUS, state: 'offline', lastError: 'Working offline by choice' },
  };
}
