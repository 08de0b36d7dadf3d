import type { ScoringCriterion, ScoringMetric } from './settings';

/** What the data criteria of the reactivation grid read about a customer (null: not known). */
export type MetricValues = Partial<Record<ScoringMetric, number | null>>;

/** A 0-10 score to one decimal, from `value` on the straight line from `zeroAt` (0) to `tenAt` (10), clamped. */
export function scaleScore(value: number, zeroAt: number, tenAt: number): number {
  const raw = (10 * (value - zeroAt)) / (tenAt - zeroAt);
  return Math.round(Math.min(10, Math.max(0, raw)) * 10) / 10;
}

export interface CriterionScore {
  key: string;
  weight: number;
  /** null: not scored (a by-hand criterion nobody scored, or data the customer does not have) */
  score: number | null;
  source: 'data' | 'manual' | 'hand';
}

export interface ReactivationScore {
  /** the weighted average of the scored criteria, 0-10 to one decimal; null when none is scored */
  total: number | null;
  criteria: CriterionScore[];
}

/**
 * A customer's reactivation score on the grid (DOMAIN.md §6.2): each criterion scored 0-10 — by hand when a
 * hand score was given, else from data — then the weighted average of the scored criteria:
 * total = Σ weight × score / Σ weight, over the criteria that have a score, to one decimal.
 * Averaging keeps the total on the 0-10 scale of its criteria whatever the weights, and leaving unscored
 * criteria out does not punish a customer nobody has looked at yet.
 */
export function reactivationScore(
  criteria: readonly ScoringCriterion[],
  metrics: MetricValues,
  handScores: Readonly<Record<string, number>> = {},
): ReactivationScore {
  const scored: CriterionScore[] = criteria.map((c) => {
    const hand = handScores[c.key];
    if (hand !== undefined) return { key: c.key, weight: c.weight, score: hand, source: 'hand' };
    if (c.source === 'manual') return { key: c.key, weight: c.weight, score: null, source: 'manual' };
    const value = metrics[c.metric];
    return {
      key: c.key,
      weight: c.weight,
      score: value == null ? null : scaleScore(value, c.zeroAt, c.tenAt),
      source: 'data',
    };
  });
  let weights = 0;
  let sum = 0;
  for (const c of scored) {
    if (c.score === null) continue;
    weights += c.weight;
    sum += c.weight * c.score;
  }
  return { total: weights > 0 ? Math.round((sum / weights) * 10) / 10 : null, criteria: scored };
}

/**
 * Win-back candidates best first: by total score (unscored last), then by lifetime revenue, then by id, so that
 * the order is stable.
 */
export function rankCandidates<T extends { id: number; total: number | null; revenueCents: number }>(
  candidates: readonly T[],
): T[] {
  return [...candidates].sort(
    (a, b) => (b.total ?? -1) - (a.total ?? -1) || b.revenueCents - a.revenueCents || a.id - b.id,
  );
}
