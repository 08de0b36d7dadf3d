import { z } from 'zod';
import { assertNever } from '../vocabulary';
import { twoSidedPValue } from './normal';
import { parsePlanningInput } from './parse-input';

/**
 * Reading an A/B(/C) test. For rates (response rate = responses / sends, conversion rate = sales / responses)
 * the two-sided two-proportion z-test with the pooled rate:
 *
 *   p = (x1 + x2) / (n1 + n2),  se = √(p (1 − p) (1/n1 + 1/n2)),  z = (x2/n2 − x1/n1) / se
 *
 * significant at 95 % when p-value < 0.05. Revenue per contact (revenue / sends) is a mean, not a proportion:
 * without each contact's revenue there is no variance to test, so the leader is reported with no z-score
 * and is never declared significant (compare its conversion rate instead).
 */
export const WINNER_METRICS = ['response_rate', 'conversion_rate', 'revenue_per_contact'] as const;
export type WinnerMetric = (typeof WINNER_METRICS)[number];

const count = (what: string) =>
  z
    .number({ error: `Enter the number of ${what}` })
    .int({ error: `The number of ${what} is a whole number` })
    .nonnegative({ error: `The number of ${what} cannot be negative` });

export const variantResultSchema = z
  .object({
    name: z.string().trim().min(1, { error: 'Name the variant' }).max(40),
    sends: count('sends'),
    responses: count('responses'),
    sales: count('sales'),
    revenueCents: z.number().int().nonnegative({ error: 'Revenue cannot be negative' }).default(0),
  })
  .refine((v) => v.responses <= v.sends, { error: 'More responses than sends', path: ['responses'] })
  .refine((v) => v.sales <= v.responses, { error: 'More sales than responses', path: ['sales'] });
export type VariantResult = z.input<typeof variantResultSchema>;

export const SIGNIFICANCE_LEVEL = 0.05;

export interface Comparison {
  metric: WinnerMetric;
  /** metric value of each variant, same order as given */
  values: [number, number];
  /** positive when the second variant does better; null for revenue per contact */
  z: number | null;
  pValue: number | null;
  significant: boolean;
}

function metricOf(v: z.output<typeof variantResultSchema>, metric: WinnerMetric): number {
  switch (metric) {
    case 'response_rate':
      return v.sends === 0 ? 0 : v.responses / v.sends;
    case 'conversion_rate':
      return v.responses === 0 ? 0 : v.sales / v.responses;
    case 'revenue_per_contact':
      return v.sends === 0 ? 0 : v.revenueCents / v.sends;
    default:
      return assertNever(metric, 'winner metric');
  }
}

/** Successes and trials of a rate metric, or null for a mean. */
function proportionOf(
  v: z.output<typeof variantResultSchema>,
  metric: WinnerMetric,
): [number, number] | null {
  switch (metric) {
    case 'response_rate':
      return [v.responses, v.sends];
    case 'conversion_rate':
      return [v.sales, v.responses];
    case 'revenue_per_contact':
      return null;
    default:
      return assertNever(metric, 'winner metric');
  }
}

/** The pooled two-proportion z-score and two-sided p-value; null when a side has no trials or p is 0 or 1. */
export function twoProportionZTest(
  successesA: number,
  trialsA: number,
  successesB: number,
  trialsB: number,
): { z: number; pValue: number } | null {
  if (trialsA === 0 || trialsB === 0) return null;
  const pooled = (successesA + successesB) / (trialsA + trialsB);
  const variance = pooled * (1 - pooled) * (1 / trialsA + 1 / trialsB);
  if (variance === 0) return null;
  const zScore = (successesB / trialsB - successesA / trialsA) / Math.sqrt(variance);
  return { z: zScore, pValue: twoSidedPValue(zScore) };
}

export function compareVariants(a: VariantResult, b: VariantResult, metric: WinnerMetric): Comparison {
  const va = parsePlanningInput(variantResultSchema, a, 'variant A');
  const vb = parsePlanningInput(variantResultSchema, b, 'variant B');
  const values: [number, number] = [metricOf(va, metric), metricOf(vb, metric)];
  const pa = proportionOf(va, metric);
  const pb = proportionOf(vb, metric);
  const test = pa && pb ? twoProportionZTest(pa[0], pa[1], pb[0], pb[1]) : null;
  return {
    metric,
    values,
    z: test?.z ?? null,
    pValue: test?.pValue ?? null,
    significant: test !== null && test.pValue < SIGNIFICANCE_LEVEL,
  };
}

export interface WinnerReading {
  /** the variant with the best value of the metric (first one on a tie) */
  leader: string;
  /** the leader, when it beats every other variant significantly at 95 %; otherwise null: keep testing */
  winner: string | null;
  comparisons: { against: string; comparison: Comparison }[];
}

/**
 * The winner of 2 or 3 variants by a metric. The leader must beat each other variant at 95 % (no correction
 * for multiple comparisons: with three variants the real confidence is a little lower).
 */
export function pickWinner(variants: VariantResult[], metric: WinnerMetric): WinnerReading {
  const parsed = parsePlanningInput(
    z
      .array(variantResultSchema)
      .min(2, { error: 'Compare at least 2 variants' })
      .max(3, { error: 'At most 3 variants' }),
    variants,
    'variants',
  );
  let leader = parsed[0]!;
  for (const v of parsed) if (metricOf(v, metric) > metricOf(leader, metric)) leader = v;
  const comparisons = parsed
    .filter((v) => v !== leader)
    .map((other) => ({ against: other.name, comparison: compareVariants(other, leader, metric) }));
  const wins = comparisons.every(
    (c) => c.comparison.significant && c.comparison.values[1] > c.comparison.values[0],
  );
  return { leader: leader.name, winner: wins ? leader.name : null, comparisons };
}
