/**
 * SQL fragments that tie a vehicle (alias `v`) to its model's cached recalls (`recall_models`).
 *
 * One place for the join and for what each status means in SQL, used by the fleet table's
 * filters and sort, the overview's counts and the repository, so they can never disagree.
 */
import type { RecallStatus } from '../../../shared/recalls/recall-types';

/** The cached answer for v's make/model/year (NOCASE on make and model, from the table). */
export const RECALL_MATCH = 'r.make = v.make AND r.model = v.model AND r.model_year = v.model_year';

/** v lacks something NHTSA needs to be asked. */
export const MODEL_UNKNOWN = '(v.make IS NULL OR v.model IS NULL OR v.model_year IS NULL)';

/** The status expression, for a query that has `LEFT JOIN recall_models r ON RECALL_MATCH`. */
export const RECALL_STATUS_EXPR = `CASE WHEN ${MODEL_UNKNOWN} THEN 'unknown-model' WHEN r.status IS NULL THEN 'not-checked' ELSE r.status END`;

/** A WHERE condition (no join needed) for vehicles with the given recall status. */
export function recallStatusCondition(status: RecallStatus): string {
  switch (status) {
    case 'unknown-model':
      return MODEL_UNKNOWN;
    case 'not-checked':
      return `(NOT ${MODEL_UNKNOWN} AND NOT EXISTS (SELECT 1 FROM recall_models r WHERE ${RECALL_MATCH}))`;
    case 'found':
      return `EXISTS (SELECT 1 FROM recall_models r WHERE ${RECALL_MATCH} AND r.status = 'found')`;
    case 'none':
      return `EXISTS (SELECT 1 FROM recall_models r WHERE ${RECALL_MATCH} AND r.status = 'none')`;
    case 'no-data':
      return `EXISTS (SELECT 1 FROM recall_models r WHERE ${RECALL_MATCH} AND r.status = 'no-data')`;
  }
}

/** Vehicles whose model has a park-it or park-outside campaign. */
export const PARK_IT_CONDITION = `EXISTS (SELECT 1 FROM recall_models r WHERE ${RECALL_MATCH} AND r.park_count > 0)`;

/**
 * A sort key for the table's Recalls column: park-it campaigns weigh most, then the number of
 * campaigns; below them "none", then "no data", "not checked" and "model unknown".
 */
export const RECALL_SORT_EXPR =
  `COALESCE((SELECT CASE r.status WHEN 'found' THEN 10 + r.campaign_count + 1000 * r.park_count ` +
  `WHEN 'none' THEN 3 ELSE 2 END FROM recall_models r WHERE ${RECALL_MATCH}), ` +
  `CASE WHEN ${MODEL_UNKNOWN} THEN 0 ELSE 1 END)`;
