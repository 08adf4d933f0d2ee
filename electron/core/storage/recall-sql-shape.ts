/**
 * What each recall status means in SQL, once for both stores: a vehicle (alias `v`) against its
 * model's cached answer (`recall_models` as `r`).
 *
 * The dialects differ only in how a vehicle meets its cached answer (`match`: SQLite's NOCASE
 * columns compare as they are, PostgreSQL compares lower()ed) and in the fastest way to ask
 * "vehicles whose answer says …" (`vehiclesWhereRecall`: a join driven from the small cache in
 * SQLite, an EXISTS in PostgreSQL); the meaning of every status, the park-it filter and the
 * Recalls column's sort weights are written here only.
 */
import type { RecallStatus } from '../../../shared/recalls/recall-types';

/** v lacks something NHTSA needs to be asked. */
export const MODEL_UNKNOWN = '(v.make IS NULL OR v.model IS NULL OR v.model_year IS NULL)';

export interface RecallDialect {
  /** The condition tying `r` to `v`'s make/model/year. */
  readonly match: string;
  /** A WHERE condition on `v` for vehicles whose cached answer satisfies `where` (on `r`). */
  readonly vehiclesWhereRecall: (where: string) => string;
}

export interface RecallSql {
  readonly RECALL_MATCH: string;
  /** The status expression, for a query that has `LEFT JOIN recall_models r ON RECALL_MATCH`. */
  readonly RECALL_STATUS_EXPR: string;
  /** A WHERE condition (no join needed) for vehicles with the given recall status. */
  readonly recallStatusCondition: (status: RecallStatus) => string;
  /** Vehicles whose model has a park-it or park-outside campaign. */
  readonly PARK_IT_CONDITION: string;
  /**
   * A sort key for the table's Recalls column: park-it campaigns weigh most, then the number of
   * campaigns; below them "none", then "no data", "not checked" and "model unknown".
   */
  readonly RECALL_SORT_EXPR: string;
}

export function recallSql(dialect: RecallDialect): RecallSql {
  const { match, vehiclesWhereRecall } = dialect;
  return {
    RECALL_MATCH: match,
    RECALL_STATUS_EXPR: `CASE WHEN ${MODEL_UNKNOWN} THEN 'unknown-model' WHEN r.status IS NULL THEN 'not-checked' ELSE r.status END`,
    recallStatusCondition(status) {
      switch (status) {
        case 'unknown-model':
          return MODEL_UNKNOWN;
        case 'not-checked':
          return `(NOT ${MODEL_UNKNOWN} AND NOT EXISTS (SELECT 1 FROM recall_models r WHERE ${match}))`;
        case 'found':
        case 'none':
        case 'no-data':
          return vehiclesWhereRecall(`r.status = '${status}'`);
      }
    },
    PARK_IT_CONDITION: vehiclesWhereRecall('r.park_count > 0'),
    RECALL_SORT_EXPR:
      `COALESCE((SELECT CASE r.status WHEN 'found' THEN 10 + r.campaign_count + 1000 * r.park_count ` +
      `WHEN 'none' THEN 3 ELSE 2 END FROM recall_models r WHERE ${match}), ` +
      `CASE WHEN ${MODEL_UNKNOWN} THEN 0 ELSE 1 END)`,
  };
}
