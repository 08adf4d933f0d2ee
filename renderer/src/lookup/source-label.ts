/**
 * Where an answer came from, in the words the user sees.
 */
import type { DecodeSource } from '../../../shared/vehicle';

export function answerSourceLabel(cached: boolean, source: DecodeSource): string {
  if (cached) return 'From cache';
  return source === 'vpic' ? 'Decoded online' : 'Decoded offline';
}

/** The table's Source column: how the stored record was decoded. */
export function recordSourceLabel(source: DecodeSource): string {
  return source === 'vpic' ? 'vPIC' : 'Offline';
}
