import { assertNever } from '@relance/domain/vocabulary';
import { CHURN_FEATURES, type ChurnFeature, type ChurnModel } from '@relance/domain/winback/churn-model';
import type { ScoringCriterion, ScoringMetric } from '@relance/domain/winback/settings';
import type postgres from 'postgres';

/**
 * SQL fragments shared by the win-back refresh (every customer) and the reads of one contact, so that both
 * compute the same numbers. They read a row `s` of customer facts with the columns: orders, first_order_at,
 * last_order_at, revenue_cents, margin_cents, promo_orders, complaints_window (complaints and after-sales
 * contacts over the indicators' complaint window), trend_recent, trend_previous; `at` is the timestamptz
 * expression of the moment (a column of the refresh's one-row bounds table, so that it is not re-evaluated for every
 * row, or a bound parameter for one contact). Values are bound parameters;
 * the only SQL text chosen from input is picked from fixed lists (metrics, features) by exhaustive switches.
 */
export type Q = postgres.ISql;
type Fragment = postgres.Fragment;

/** Seconds in an average month (365.25 / 12 days). */
const MONTH_S = 2_629_800;

/** The value of a reactivation metric for the customer `s`, as of `at`, in float8. */
export function metricSql(q: Q, metric: ScoringMetric, at: Fragment): Fragment {
  switch (metric) {
    case 'revenue_cents':
      return q`s.revenue_cents::float8`;
    case 'margin_cents':
      return q`s.margin_cents::float8`;
    case 'order_count':
      return q`s.orders::float8`;
    case 'months_since_last_order':
      return q`(extract(epoch FROM ${at} - s.last_order_at)::float8 / ${MONTH_S})`;
    case 'tenure_months':
      return q`(extract(epoch FROM ${at} - s.first_order_at)::float8 / ${MONTH_S})`;
    case 'promo_share':
      return q`(s.promo_orders::float8 / s.orders)`;
    case 'complaints':
      return q`s.complaints_window::float8`;
    default:
      return assertNever(metric, 'scoring metric');
  }
}

/**
 * A criterion's 0-10 score for `s`: the hand score from `h.scores` (criterion → score) when given, else from
 * data as the domain's `scaleScore` (floor(x × 10 + 0.5) / 10 is JavaScript's Math.round to one decimal).
 */
export function criterionScoreSql(q: Q, c: ScoringCriterion, at: Fragment): Fragment {
  const hand = q`(h.scores ->> ${c.key})::float8`;
  if (c.source === 'manual') return hand;
  const raw = q`(10 * (${metricSql(q, c.metric, at)} - ${c.zeroAt}::float8)) / (${c.tenAt}::float8 - ${c.zeroAt}::float8)`;
  return q`coalesce(${hand}, floor(least(10, greatest(0, ${raw})) * 10 + 0.5) / 10)`;
}

/** Joins fragments with `,` or `+` (postgres.js has no helper for joining fragments). */
export function joinSql(q: Q, parts: readonly Fragment[], separator: ',' | '+'): Fragment {
  return parts.reduce((acc, part, i) =>
    i === 0 ? part : separator === ',' ? q`${acc}, ${part}` : q`${acc} + ${part}`,
  );
}

/**
 * The weighted average of the scored criteria as the domain's `reactivationScore`, given the per-criterion
 * scores as columns `sc.s0`, `sc.s1`... (see `criterionScoresSql`); summed left to right in the criteria's order,
 * as the domain does, so that both round alike.
 */
export function reactivationTotalSql(q: Q, criteria: readonly ScoringCriterion[]): Fragment {
  const col = (i: number) => q`sc.${q(`s${i}`)}`;
  const sum = joinSql(
    q,
    [q`0::float8`, ...criteria.map((c, i) => q`coalesce(${c.weight}::float8 * ${col(i)}, 0)`)],
    '+',
  );
  const weights = joinSql(
    q,
    [
      q`0::float8`,
      ...criteria.map((c, i) => q`CASE WHEN ${col(i)} IS NOT NULL THEN ${c.weight}::float8 ELSE 0 END`),
    ],
    '+',
  );
  return q`floor((${sum}) / nullif(${weights}, 0) * 10 + 0.5) / 10`;
}

/** `SELECT <score of criterion 0> AS s0, ...` for a LATERAL join named `sc`. */
export function criterionScoresSql(q: Q, criteria: readonly ScoringCriterion[], at: Fragment): Fragment {
  return joinSql(
    q,
    criteria.map((c, i) => q`${criterionScoreSql(q, c, at)} AS ${q(`s${i}`)}`),
    ',',
  );
}

/** One churn feature for the customer `s` as of `at`, as the domain's CHURN_FEATURES describes it. */
function featureSql(q: Q, feature: ChurnFeature, at: Fragment): Fragment {
  switch (feature) {
    case 'recency_days':
      return q`extract(epoch FROM ${at} - s.last_order_at)::float8 / 86400`;
    case 'orders_log':
      return q`ln(1 + s.orders::float8)`;
    case 'revenue_log':
      return q`ln(1 + greatest(s.revenue_cents, 0)::float8 / 100)`;
    case 'trend':
      return q`least(3, greatest(-1, CASE WHEN s.trend_previous > 0
                 THEN (s.trend_recent - s.trend_previous)::float8 / s.trend_previous ELSE 0 END))`;
    case 'complaints':
      return q`least(20, s.complaints_window)::float8`;
    case 'tenure_days':
      return q`extract(epoch FROM ${at} - s.first_order_at)::float8 / 86400`;
    case 'promo_share':
      return q`s.promo_orders::float8 / s.orders`;
    default:
      return assertNever(feature, 'churn feature');
  }
}

/** The churn features of `s` as of `at`, as a float8[] in the order of CHURN_FEATURES. */
export function churnFeaturesSql(q: Q, at: Fragment): Fragment {
  return q`ARRAY[${joinSql(
    q,
    CHURN_FEATURES.map((f) => featureSql(q, f, at)),
    ',',
  )}]::float8[]`;
}

/**
 * The probability of leaving from a float8[] of features, as the domain's `churnProbability`: log-odds summed in
 * the same order, clamped to ±50 so that exp never overflows (at 50 the probability is already 1 − 2e-22).
 */
export function churnProbabilitySql(
  q: Q,
  model: Pick<ChurnModel, 'features' | 'intercept'>,
  features: Fragment,
): Fragment {
  const terms = model.features.map(
    (f, j) =>
      q`(${f.coefficient}::float8 * ((${features})[${j + 1}] - ${f.mean}::float8)) / ${f.std}::float8`,
  );
  const z = q`least(50, greatest(-50, ${joinSql(q, [q`${model.intercept}::float8`, ...terms], '+')}))`;
  return q`(1 / (1 + exp(-${z})))`;
}
