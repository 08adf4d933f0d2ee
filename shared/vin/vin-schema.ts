/**
 * The VIN as the IPC boundary accepts it: normalised, then held to the 49 CFR 565 rules.
 *
 * A payload carrying an invalid VIN is rejected with `INVALID_INPUT` and the rule's own message
 * (position and reason), so it never reaches vPIC or the cache. A check-digit mismatch is only a
 * warning and passes.
 */
import { z } from 'zod';
import { validateVin } from './vin-rules';

/** Longest raw input accepted before normalising (pasted VINs may carry spaces and dashes). */
export const MAX_RAW_VIN_LENGTH = 64;

export const vinSchema = z
  .string()
  .max(MAX_RAW_VIN_LENGTH)
  .transform((input, ctx) => {
    const validation = validateVin(input);
    for (const issue of validation.issues) {
      if (issue.severity === 'error') ctx.addIssue({ code: 'custom', message: issue.message });
    }
    return validation.vin;
  });
