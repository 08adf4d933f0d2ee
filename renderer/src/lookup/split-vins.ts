/**
 * Several VINs pasted at once: one a line, or separated by commas, semicolons, tabs or spaces.
 *
 * A single VIN may itself be pasted with spaces or dashes ("1XP WD40X 1ED215307"), which the VIN
 * rules strip. So text counts as a list only when it splits into two or more parts AND holds more
 * characters than one VIN can; otherwise it is one VIN and the rules judge it as such.
 */
import { normalizeVin, VIN_LENGTH } from '../../../shared/vin/vin-rules';
import { MAX_LOOKUP_MANY } from '../../../shared/vehicles/vehicle-limits';

const LIST_SEPARATORS = /[\s,;]+/;

/** The VINs in `text` when it is a list (deduplicated, first occurrence kept), else null. */
export function splitVinList(text: string): string[] | null {
  const parts = text.split(LIST_SEPARATORS).filter((part) => part !== '');
  if (parts.length < 2) return null;
  if (normalizeVin(parts.join('')).length <= VIN_LENGTH) return null;
  const seen = new Set<string>();
  const vins: string[] = [];
  for (const part of parts) {
    const key = normalizeVin(part);
    if (seen.has(key)) continue;
    seen.add(key);
    vins.push(part);
  }
  return vins.slice(0, MAX_LOOKUP_MANY);
}
