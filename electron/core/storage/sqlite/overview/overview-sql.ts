/**
 * How the overview buckets a vehicle (alias `v`), as SQL shared with the table's filters, so a
 * click on a chart's bar filters the table to exactly the vehicles the bar counted.
 */
import type { DecodeQuality } from '../../../../../shared/overview/fleet-overview';

/** vPIC's GVWR reads "Class 8: 33,001 lb and above (…)": the class is the part before the colon. */
export function gvwrClassExpr(column: string): string {
  return `CASE WHEN ${column} IS NULL THEN NULL WHEN instr(${column}, ':') > 0 THEN trim(substr(${column}, 1, instr(${column}, ':') - 1)) ELSE ${column} END`;
}

/** vPIC error code 1 (check digit wrong) sits in a comma-separated list. */
function checkDigitWarning(codes: string): string {
  return `(',' || ${codes} || ',') LIKE '%,1,%'`;
}

export function qualityExpr(hasErrors: string, codes: string): string {
  return `CASE WHEN ${hasErrors} = 1 THEN 'errors' WHEN ${checkDigitWarning(codes)} THEN 'check-digit' ELSE 'clean' END`;
}

/** WHERE condition (on `v`) for one decode quality. */
export function qualityCondition(quality: DecodeQuality): string {
  switch (quality) {
    case 'errors':
      return 'v.has_errors = 1';
    case 'check-digit':
      return `(v.has_errors = 0 AND ${checkDigitWarning('v.error_codes')})`;
    case 'clean':
      return `(v.has_errors = 0 AND NOT ${checkDigitWarning('v.error_codes')})`;
  }
}
