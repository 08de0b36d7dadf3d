import { auc, fitLogistic, sigmoid } from './logistic';

/**
 * The probability of leaving (DOMAIN.md §5): a logistic regression learnt from what customers looked like a
 * horizon ago and whether they then ordered again. The features, as of a date (the worker computes them in SQL):
 * - `recency_days`: days since the last order;
 * - `orders_log`, `revenue_log`: ln(1 + orders), ln(1 + revenue in euros) — logs tame the few very big customers;
 * - `trend`: the revenue trend over the indicators' window, clamped to [−1, 3], 0 when nothing was bought before;
 * - `complaints`: complaints and after-sales contacts over the indicators' complaint window, at most 20;
 * - `tenure_days`: days since the first order;
 * - `promo_share`: the share of orders on promotion or with a voucher.
 * Each is standardised (minus the training mean, over the training standard deviation) so that the coefficients
 * compare, and so that a customer's main factors are simply coefficient × standardised value.
 */
export const CHURN_FEATURES = [
  'recency_days',
  'orders_log',
  'revenue_log',
  'trend',
  'complaints',
  'tenure_days',
  'promo_share',
] as const;
export type ChurnFeature = (typeof CHURN_FEATURES)[number];

export interface ChurnModel {
  features: { name: ChurnFeature; mean: number; std: number; coefficient: number }[];
  intercept: number;
  /** on the held-out customers, never seen in training */
  auc: number;
  trainCount: number;
  trainLeft: number;
  testCount: number;
  testLeft: number;
}

export interface TrainingRow {
  id: number;
  /** in the order of CHURN_FEATURES */
  values: readonly number[];
  left: boolean;
}

export type ChurnTraining =
  | { status: 'trained'; model: ChurnModel }
  | { status: 'insufficient'; reason: string; trainCount: number; trainLeft: number };

/** Too few of either outcome and the coefficients, and the AUC, mean nothing. */
export const MIN_TRAIN_PER_OUTCOME = 20;
export const MIN_TEST_PER_OUTCOME = 5;
/** A small ridge on standardised coefficients: negligible with many customers, keeps separated data finite. */
const L2 = 1;

/**
 * About one customer in four is held out to measure the model, chosen from its id so that reruns agree: the top
 * two bits of a multiplicative (Fibonacci) hash, which spread consecutive ids evenly (the low bits would not).
 */
export function isHeldOut(id: number): boolean {
  return Math.imul(id | 0, 0x9e3779b1) >>> 30 === 0;
}

function meanStd(rows: readonly TrainingRow[], j: number): { mean: number; std: number } {
  let mean = 0;
  for (const r of rows) mean += r.values[j]!;
  mean /= rows.length;
  let variance = 0;
  for (const r of rows) variance += (r.values[j]! - mean) ** 2;
  const std = Math.sqrt(variance / rows.length);
  // a feature that never varies carries no information: standardise it to 0 rather than divide by 0
  return { mean, std: std > 1e-12 ? std : 1 };
}

const logit = (model: Pick<ChurnModel, 'features' | 'intercept'>, values: readonly number[]): number =>
  model.features.reduce((z, f, j) => z + (f.coefficient * (values[j]! - f.mean)) / f.std, model.intercept);

/** The probability that this customer leaves within the horizon. */
export const churnProbability = (
  model: Pick<ChurnModel, 'features' | 'intercept'>,
  values: readonly number[],
): number => sigmoid(logit(model, values));

export interface ChurnFactor {
  feature: ChurnFeature;
  value: number;
  /** coefficient × standardised value, in log-odds: above 0 pushes towards leaving */
  contribution: number;
}

/** A customer's main factors: the `top` largest contributions to the log-odds, by size, with their sign. */
export function mainFactors(
  model: Pick<ChurnModel, 'features'>,
  values: readonly number[],
  top = 3,
): ChurnFactor[] {
  return model.features
    .map((f, j) => ({
      feature: f.name,
      value: values[j]!,
      contribution: (f.coefficient * (values[j]! - f.mean)) / f.std,
    }))
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
    .slice(0, top);
}

/**
 * Trains on the customers not held out and measures the AUC on the held-out ones. Refuses (with the reason)
 * when there are too few customers who left or stayed to learn from or to measure on.
 */
export function trainChurnModel(rows: readonly TrainingRow[]): ChurnTraining {
  const train = rows.filter((r) => !isHeldOut(r.id));
  const test = rows.filter((r) => isHeldOut(r.id));
  const trainLeft = train.filter((r) => r.left).length;
  const testLeft = test.filter((r) => r.left).length;
  const counts = { trainCount: train.length, trainLeft };
  if (trainLeft < MIN_TRAIN_PER_OUTCOME || train.length - trainLeft < MIN_TRAIN_PER_OUTCOME)
    return {
      status: 'insufficient',
      reason: `at least ${MIN_TRAIN_PER_OUTCOME} customers who left and ${MIN_TRAIN_PER_OUTCOME} who stayed are needed to learn from`,
      ...counts,
    };
  if (testLeft < MIN_TEST_PER_OUTCOME || test.length - testLeft < MIN_TEST_PER_OUTCOME)
    return {
      status: 'insufficient',
      reason: `at least ${MIN_TEST_PER_OUTCOME} held-out customers who left and ${MIN_TEST_PER_OUTCOME} who stayed are needed to measure the model`,
      ...counts,
    };
  const stats = CHURN_FEATURES.map((_, j) => meanStd(train, j));
  const standardised = train.map((r) => r.values.map((v, j) => (v - stats[j]!.mean) / stats[j]!.std));
  const fit = fitLogistic(
    standardised,
    train.map((r) => (r.left ? 1 : 0)),
    { l2: L2 },
  );
  const partial = {
    intercept: fit.intercept,
    features: CHURN_FEATURES.map((name, j) => ({ name, ...stats[j]!, coefficient: fit.coefficients[j]! })),
  };
  const measured = auc(
    test.map((r) => logit(partial, r.values)),
    test.map((r) => (r.left ? 1 : 0)),
  );
  return {
    status: 'trained',
    model: {
      ...partial,
      auc: measured!,
      trainCount: train.length,
      trainLeft,
      testCount: test.length,
      testLeft,
    },
  };
}
