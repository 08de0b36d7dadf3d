import { describe, expect, it } from 'vitest';
import {
  CHURN_FEATURES,
  type ChurnModel,
  churnProbability,
  isHeldOut,
  mainFactors,
  type TrainingRow,
  trainChurnModel,
} from './churn-model';

const model: Pick<ChurnModel, 'features' | 'intercept'> = {
  intercept: -1,
  features: [
    { name: 'recency_days', mean: 100, std: 50, coefficient: 1.2 },
    { name: 'orders_log', mean: 1, std: 0.5, coefficient: -0.8 },
    { name: 'revenue_log', mean: 5, std: 1, coefficient: -0.3 },
    { name: 'trend', mean: 0, std: 0.5, coefficient: -0.5 },
    { name: 'complaints', mean: 0.2, std: 0.4, coefficient: 0.4 },
    { name: 'tenure_days', mean: 700, std: 300, coefficient: -0.2 },
    { name: 'promo_share', mean: 0.3, std: 0.2, coefficient: 0.1 },
  ],
};

describe('the probability of leaving', () => {
  it('scores a customer and names the main factors (worked example)', () => {
    // standardised values: recency (200 − 100) / 50 = 2, orders (2 − 1) / 0.5 = 2, revenue (4 − 5) / 1 = −1,
    // trend (−0.5 − 0) / 0.5 = −1, complaints (1 − 0.2) / 0.4 = 2, tenure (400 − 700) / 300 = −1, promo 0.
    // contributions: 2.4, −1.6, 0.3, 0.5, 0.8, 0.2, 0 → log-odds −1 + 2.6 = 1.6 → p = 1 / (1 + e^−1.6) = 0.832
    const values = [200, 2, 4, -0.5, 1, 400, 0.3];
    expect(churnProbability(model, values)).toBeCloseTo(0.832, 3);
    const factors = mainFactors(model, values);
    expect(factors.map((f) => f.feature)).toEqual(['recency_days', 'orders_log', 'complaints']);
    expect(factors.map((f) => Number(f.contribution.toFixed(6)))).toEqual([2.4, -1.6, 0.8]);
    expect(factors[0]!.value).toBe(200);
  });

  it('holds out about a quarter of the customers, always the same ones', () => {
    const held = Array.from({ length: 1000 }, (_, i) => i + 1).filter(isHeldOut).length;
    expect(held).toBeGreaterThan(200);
    expect(held).toBeLessThan(300);
    expect(isHeldOut(12345)).toBe(isHeldOut(12345));
  });

  it('learns that long-silent customers leave and measures it on held-out customers', () => {
    // 400 customers: recency spread over 0-399 days; those silent over 200 days left, except every tenth
    // customer whose outcome is flipped (noise); the promo share never varies.
    const rows: TrainingRow[] = Array.from({ length: 400 }, (_, i) => {
      const id = i + 1;
      const recency = (id * 37) % 400;
      const left = recency > 200 !== (id % 10 === 0);
      return {
        id,
        left,
        values: [recency, 1 + (id % 3) * 0.5, 5 + (id % 7) * 0.1, 0, id % 2, 300 + (id % 11) * 20, 0.2],
      };
    });
    const result = trainChurnModel(rows);
    if (result.status !== 'trained') throw new Error(result.reason);
    const { model: m } = result;
    expect(m.features.map((f) => f.name)).toEqual([...CHURN_FEATURES]);
    const coefficient = (name: string) => m.features.find((f) => f.name === name)!.coefficient;
    expect(coefficient('recency_days')).toBeGreaterThan(1);
    // the strongest factor by far; a constant feature has no weight at all
    for (const f of m.features.filter((f) => f.name !== 'recency_days'))
      expect(Math.abs(f.coefficient)).toBeLessThan(coefficient('recency_days') / 3);
    expect(coefficient('promo_share')).toBeCloseTo(0, 12);
    // ~10 % of outcomes are noise: the best possible AUC is about 0.9
    expect(m.auc).toBeGreaterThan(0.8);
    expect(m.auc).toBeLessThanOrEqual(1);
    expect(m.trainCount + m.testCount).toBe(400);
    expect(m.testCount).toBe(rows.filter((r) => isHeldOut(r.id)).length);
  });

  it('refuses to learn from too few customers who left, and says why', () => {
    const rows: TrainingRow[] = Array.from({ length: 100 }, (_, i) => ({
      id: i + 1,
      left: i < 5,
      values: [i, 1, 1, 0, 0, 100, 0],
    }));
    const result = trainChurnModel(rows);
    expect(result.status).toBe('insufficient');
    if (result.status === 'insufficient') expect(result.reason).toMatch(/customers who left/);
  });
});
