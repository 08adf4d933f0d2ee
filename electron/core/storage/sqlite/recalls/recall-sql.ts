/**
 * SQL fragments that tie a vehicle (alias `v`) to its model's cached recalls (`recall_models`).
 *
 * SQLite's join; what each status means is `storage/recall-sql-shape.ts`, shared with the
 * PostgreSQL store. Used by the fleet table's filters and sort, the overview's counts and the
 * repository, so they can never disagree.
 */
import { MODEL_UNKNOWN, recallSql } from '../../recall-sql-shape';

export { MODEL_UNKNOWN };

export const { RECALL_MATCH, RECALL_STATUS_EXPR, recallStatusCondition, PARK_IT_CONDITION, RECALL_SORT_EXPR } = recallSql({
  // The cached answer for v's make/model/year (NOCASE on make and model, from the table).
  match: 'r.make = v.make AND r.model = v.model AND r.model_year = v.model_year',
  /**
   * Driven from the recalls cache (hundreds of rows) into the vehicles_overview index: `r.make`
   * is NOCASE, so the join compares NOCASE and can seek that index, where a per-vehicle EXISTS
   * walked all 100k vehicles (~430 ms for the park-it filter at 100k).
   */
  vehiclesWhereRecall: (where) =>
    `v.id IN (SELECT rv.id FROM recall_models r JOIN vehicles rv ON r.make = rv.make AND r.model = rv.model AND r.model_year = rv.model_year WHERE ${where})`,
});
