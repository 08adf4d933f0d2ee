/**
 * SQL fragments that tie a vehicle (alias `v`) to its model's cached recalls (`recall_models`).
 *
 * One place for the join and for what each status means in SQL, used by the fleet table's
 * filters and sort, the overview's counts and the repository, so they can never disagree.
 */
import type { RecallStatus } from '../../../../../shared/recalls/recall-types';

/** The cached answer for v's make/model/year (NOCASE on make and model, from the table). */
export const RECALL_MATCH = 'r.make = v.make AND r.model = v.model AND r.model_year = v.model_year';

/** v lacks something NHTSA needs to be asked. */
export const MODEL_UNKNOWN = '(v.make IS NULL OR v.model IS NULL OR v.model_year IS NULL)';

/** The status expression, for a query that has `LEFT JOIN recall_models r ON RECALL_MATCH`. */
export const RECALL_STATUS_EXPR = `CASE WHEN ${MODEL_UNKNOWN} THEN 'unknown-model' WHEN r.status IS NULL THEN 'not-checked' ELSE r.status END`;

/**
 * Vehicles whose model's cached answer matches `where` (on `r`).
 *
 * Driven from the recalls cache (hundreds of rows) into the vehicles_overview index: `r.make`
 * is NOCASE, so the join compares NOCASE and can seek that index, where a per-vehicle EXISTS
 * walked all 100k vehicles (~430 ms for the park-it filter at 100k).
 */
function vehiclesWhereRecall(where: string): string {
  return `v.id IN (SELECT rv.id FROM recall_models r JOIN vehicles rv ON r.make = rv.make AND r.model = rv.model AND r.model_year = rv.model_year WHERE ${where})`;
}

/** A WHERE condition (no join needed) for vehicles with the given recall status. */
export function recallStatusCondition(status: RecallStatus): string {
  switch (status) {
    case 'unknown-model':
      return MODEL_UNKNOWN;
    case 'not-checked':
      return `(NOT ${MODEL_UNKNOWN} AND NOT EXISTS (SELECT 1 FROM recall_models r WHERE ${RECALL_MATCH}))`;
    case 'found':
      return vehiclesWhereRecall("r.status = 'found'");
    case 'none':
      return vehiclesWhereRecall("r.status = 'none'");
    case 'no-data':
      return vehiclesWhereRecall("r.status = 'no-data'");
  }
}

/** Vehicles whose model has a park-it or park-outside campaign. */
export const PARK_IT_CONDITION = vehiclesWhereRecall('r.park_count > 0');

/**
 * A sort key for the table's Recalls column: park-it campaigns weigh most, then the number of
 * campaigns; below them "none", then "no data", "not checked" and "model unknown".
 */
export const RECALL_SORT_EXPR =
  `COALESCE((SELECT CASE r.status WHEN 'found' THEN 10 + r.campaign_count + 1000 * r.park_count ` +
  `WHEN 'none' THEN 3 ELSE 2 END FROM recall_models r WHERE ${RECALL_MATCH}), ` +
  `CASE WHEN ${MODEL_UNKNOWN} THEN 0 ELSE 1 END)`;
