import { describe, expect, it } from 'vitest';
import { rankCandidates, reactivationScore, scaleScore } from './scoring';
import { DEFAULT_SCORING_CRITERIA } from './settings';

describe('the reactivation scoring grid', () => {
  it('scales a value linearly from the value scoring 0 to the one scoring 10, clamped, to one decimal', () => {
    expect(scaleScore(150_000, 0, 200_000)).toBe(7.5);
    expect(scaleScore(300_000, 0, 200_000)).toBe(10);
    expect(scaleScore(-5, 0, 200_000)).toBe(0);
    // less is better: a promo share of 0.25 on the line from 1 (0) to 0 (10) scores 7.5
    expect(scaleScore(0.25, 1, 0)).toBe(7.5);
    expect(scaleScore(1 / 3, 0, 1)).toBe(3.3);
  });

  it('averages the scored criteria by weight (worked example on the default grid)', () => {
    // purchase history 1,500 € of 2,000 € → 7.5 (weight 3); margin 200 € of 500 € → 4 (weight 3);
    // price sensitivity: 25 % of orders on promotion → 7.5 (weight 2);
    // 18 months since the last order on the line 36 → 0, 12 → 10: 10 × (18 − 36) / (12 − 36) = 7.5 (weight 1);
    // image value: by hand, not scored → left out.
    // total = (3 × 7.5 + 3 × 4 + 2 × 7.5 + 1 × 7.5) / (3 + 3 + 2 + 1) = 57 / 9 = 6.33 → 6.3
    const metrics = {
      revenue_cents: 150_000,
      margin_cents: 20_000,
      promo_share: 0.25,
      months_since_last_order: 18,
    };
    const score = reactivationScore(DEFAULT_SCORING_CRITERIA, metrics);
    expect(score.total).toBe(6.3);
    expect(score.criteria.map((c) => [c.key, c.score, c.source])).toEqual([
      ['purchase_history', 7.5, 'data'],
      ['margin', 4, 'data'],
      ['price_sensitivity', 7.5, 'data'],
      ['freshness', 7.5, 'data'],
      ['image_value', null, 'manual'],
    ]);
    // image value scored 9 by hand (weight 1): (57 + 9) / 10 = 6.6
    expect(reactivationScore(DEFAULT_SCORING_CRITERIA, metrics, { image_value: 9 }).total).toBe(6.6);
    // a hand score replaces the data's: margin 10 → (22.5 + 30 + 15 + 7.5 + 9) / 10 = 8.4
    expect(reactivationScore(DEFAULT_SCORING_CRITERIA, metrics, { image_value: 9, margin: 10 }).total).toBe(
      8.4,
    );
  });

  it('has no total when nothing is scored', () => {
    expect(
      reactivationScore([{ key: 'image', label: 'Image', weight: 1, source: 'manual' }], {}).total,
    ).toBeNull();
  });

  it('ranks by total, then revenue, then id; unscored last', () => {
    const ranked = rankCandidates([
      { id: 1, total: 6, revenueCents: 100 },
      { id: 2, total: null, revenueCents: 999 },
      { id: 3, total: 8, revenueCents: 50 },
      { id: 4, total: 6, revenueCents: 300 },
      { id: 5, total: 6, revenueCents: 300 },
    ]);
    expect(ranked.map((c) => c.id)).toEqual([3, 4, 5, 1, 2]);
  });
});
