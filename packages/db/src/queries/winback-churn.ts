import {
  type ChurnModel,
  type ChurnTraining,
  type TrainingRow,
  trainChurnModel,
} from '@relance/domain/winback/churn-model';
import { desc } from 'drizzle-orm';
import type { Db } from '../client';
import { churnModels } from '../schema/winback';
import { churnFeaturesSql, type Q } from './winback-sql';

/**
 * At most this many customers are loaded into the worker to fit the model; above it, a deterministic sample
 * (by a hash of the contact id). Fitting seven coefficients needs far fewer: the cap bounds the worker's memory
 * (~30 MB) and time (under a second per Newton iteration) whatever the size of the file.
 */
export const MAX_TRAINING_ROWS = 200_000;

/**
 * Trains the churn model from the customers active one horizon ago (an order in the horizon before `t0`), with
 * their features as of `t0` and whether they left by `at`: no order since `t0`, or under their inactivity rule
 * at `at` (`verdict`: also the spend-drop criterion, a customer who still orders but spends far less), read from
 * the refresh's `wb_state` table. The feature table is aggregated in SQL; only its rows (seven numbers
 * and a yes/no each) come into the worker, where the domain fits and measures the model. Stores the outcome.
 */
export async function trainAndStoreChurnModel(
  tx: Q,
  window: { at: string; t0: string; horizonMonths: number },
): Promise<ChurnTraining> {
  const { at, t0, horizonMonths } = window;
  const active = tx`t0_last > ${t0}::timestamptz - make_interval(months => ${horizonMonths})`;
  const [count] = await tx<{ n: number }[]>`SELECT count(*)::int AS n FROM wb_state WHERE ${active}`;
  const keepPerMillion = Math.floor(Math.min(1, MAX_TRAINING_ROWS / Math.max(1, count!.n)) * 1_000_000);
  const rows = await tx<{ id: number; values: number[]; left: boolean }[]>`
    SELECT s.contact_id::float8 AS id, ${churnFeaturesSql(tx, tx`${t0}::timestamptz`)} AS values, s.left
      FROM (SELECT contact_id, t0_orders AS orders, t0_first AS first_order_at, t0_last AS last_order_at,
                   t0_revenue AS revenue_cents, t0_promo AS promo_orders, t0_trend_recent AS trend_recent,
                   t0_trend_previous AS trend_previous, complaints_t0 AS complaints_window,
                   (orders = t0_orders OR verdict IS NOT NULL) AS left
              FROM wb_state
             WHERE ${active}
               AND (${keepPerMillion} >= 1000000 OR abs(hashint8(contact_id)::bigint) % 1000000 < ${keepPerMillion})) s`;
  const training = trainChurnModel(rows as TrainingRow[]);
  if (training.status === 'trained') {
    const m = training.model;
    await tx`
      INSERT INTO churn_models (as_of, horizon_months, status, intercept, features, auc, train_count, train_left,
                                test_count, test_left)
      VALUES (${at}::timestamptz, ${horizonMonths}, 'trained', ${m.intercept}, ${JSON.stringify(m.features)}::jsonb,
              ${m.auc}, ${m.trainCount}, ${m.trainLeft}, ${m.testCount}, ${m.testLeft})`;
  } else {
    await tx`
      INSERT INTO churn_models (as_of, horizon_months, status, reason, train_count, train_left)
      VALUES (${at}::timestamptz, ${horizonMonths}, 'insufficient', ${training.reason}, ${training.trainCount},
              ${training.trainLeft})`;
  }
  return training;
}

export type StoredChurnModel =
  | { status: 'trained'; trainedAt: string; asOf: string; horizonMonths: number; model: ChurnModel }
  | {
      status: 'insufficient';
      trainedAt: string;
      asOf: string;
      horizonMonths: number;
      reason: string;
      trainCount: number;
      trainLeft: number;
    };

/** The newest training: the model in use, or why there is none. Null before the first refresh. */
export async function latestChurnModel(db: Db): Promise<StoredChurnModel | null> {
  const [row] = await db.select().from(churnModels).orderBy(desc(churnModels.id)).limit(1);
  if (!row) return null;
  const common = {
    trainedAt: row.trainedAt.toISOString(),
    asOf: row.asOf.toISOString(),
    horizonMonths: row.horizonMonths,
  };
  if (row.status === 'insufficient')
    return {
      status: 'insufficient',
      ...common,
      reason: row.reason ?? '',
      trainCount: row.trainCount,
      trainLeft: row.trainLeft,
    };
  return {
    status: 'trained',
    ...common,
    model: {
      intercept: row.intercept!,
      features: row.features as ChurnModel['features'],
      auc: row.auc!,
      trainCount: row.trainCount,
      trainLeft: row.trainLeft,
      testCount: row.testCount!,
      testLeft: row.testLeft!,
    },
  };
}
