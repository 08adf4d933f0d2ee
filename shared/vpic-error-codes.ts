/**
 * vPIC's decode error codes in plain words.
 *
 * vPIC answers every decode with `ErrorCode` (comma-separated numbers) and a terse `ErrorText`.
 * Fleet staff need to know what a code means for the row in front of them, so each known code
 * gets one sentence here; the texts follow NHTSA's own descriptions
 * (https://vpic.nhtsa.dot.gov/api/ — "ErrorCode" in the DecodeVin output).
 */

export interface VpicErrorCodeInfo {
  readonly code: string;
  /** One plain sentence for the user. */
  readonly text: string;
  /** True when the data is still trustworthy (clean, or only the check digit is off). */
  readonly benign: boolean;
}

export const VPIC_ERROR_CODE_TEXT: Readonly<Record<string, string>> = {
  '0': 'Decoded clean: the check digit is correct.',
  '1': 'The check digit is wrong, but the vehicle data was still decoded.',
  '2': 'One position was corrected by vPIC; check the VIN.',
  '3': 'One position was corrected by vPIC; check the VIN.',
  '4': 'One position was corrected by vPIC; check the VIN.',
  '5': 'Errors in several positions: the VIN could not be decoded reliably.',
  '6': 'Incomplete VIN: some positions are missing.',
  '7': 'The manufacturer is not registered with NHTSA for this VIN.',
  '8': 'No detailed data is available for this VIN.',
  '11': 'The model year is wrong or could not be determined.',
  '12': 'The supplied model year conflicts with the VIN.',
  '14': 'Some characters could not be decoded.',
  '400': 'The VIN contains invalid characters.',
};

const BENIGN = new Set(['0', '1']);

/** The plain-words meaning of one code ("Unknown vPIC error code 99" for codes not in the map). */
export function describeVpicErrorCode(code: string): VpicErrorCodeInfo {
  const trimmed = code.trim();
  const text = VPIC_ERROR_CODE_TEXT[trimmed] ?? `Unknown vPIC error code ${trimmed}.`;
  return { code: trimmed, text, benign: BENIGN.has(trimmed) };
}

/** Every code of a record described, in vPIC's order, duplicates dropped. */
export function describeVpicErrorCodes(codes: readonly string[]): VpicErrorCodeInfo[] {
  const seen = new Set<string>();
  const out: VpicErrorCodeInfo[] = [];
  for (const code of codes) {
    const trimmed = code.trim();
    if (trimmed === '' || seen.has(trimmed)) continue;
    seen.add(trimmed);
    out.push(describeVpicErrorCode(trimmed));
  }
  return out;
}
