import { describe, expect, it } from 'vitest';
import type { AppError } from '../errors';
import { compareVariants, pickWinner, twoProportionZTest } from './significance';

describe('two-proportion z-test', () => {
  it('matches the worked example: 200/10 000 vs 260/10 000', () => {
    // p = 460 / 20 000 = 0.023; se = √(0.023 × 0.977 × 2/10 000) = √(4.4942e-6) = 0.00211995
    // z = (0.026 − 0.020) / 0.00211995 = 2.8303; p-value = 2 × (1 − Φ(2.8303)) = 0.00465
    const test = twoProportionZTest(200, 10000, 260, 10000)!;
    expect(test.z).toBeCloseTo(2.830252, 5);
    expect(test.pValue).toBeCloseTo(0.004651, 5);
  });
  it('handles empty sides', () => {
    expect(twoProportionZTest(0, 0, 5, 100)).toBeNull();
    expect(twoProportionZTest(0, 100, 0, 100)).toBeNull();
  });
});

describe('comparing variants', () => {
  const a = { name: 'A', sends: 10000, responses: 200, sales: 40, revenueCents: 400000 };
  const b = { name: 'B', sends: 10000, responses: 260, sales: 70, revenueCents: 630000 };

  it('declares a significant response-rate winner', () => {
    const cmp = compareVariants(a, b, 'response_rate');
    expect(cmp.values).toEqual([0.02, 0.026]);
    expect(cmp.significant).toBe(true);
    expect(pickWinner([a, b], 'response_rate')).toMatchObject({ leader: 'B', winner: 'B' });
  });

  it('does not declare a winner on a difference that could be chance', () => {
    // 200 vs 220 out of 10 000: p = 0.021, se = √(0.021 × 0.979 × 0.0002) = 0.00202776, z = 0.002 / 0.00202776
    // = 0.9863, p-value 0.324 > 0.05
    const c = { ...a, name: 'C', responses: 220 };
    const cmp = compareVariants(a, c, 'response_rate');
    expect(cmp.z).toBeCloseTo(0.986311, 5);
    expect(cmp.pValue).toBeCloseTo(0.32398, 4);
    expect(pickWinner([a, c], 'response_rate')).toMatchObject({ leader: 'C', winner: null });
  });

  it('tests conversion on responses', () => {
    // 40/200 = 20 % vs 70/260 = 26.9 %: pooled 110/460 = 0.23913, se = √(0.181947 × (1/200 + 1/260))
    // = 0.040119, z = (0.269231 − 0.2) / 0.040119 = 1.7256, p-value 0.0844: not significant
    const cmp = compareVariants(a, b, 'conversion_rate');
    expect(cmp.z).toBeCloseTo(1.725637, 5);
    expect(cmp.significant).toBe(false);
  });

  it('ranks revenue per contact but never calls it significant', () => {
    // 400 000 / 10 000 = 40 cents vs 630 000 / 10 000 = 63 cents per contact
    const reading = pickWinner([a, b], 'revenue_per_contact');
    expect(reading.leader).toBe('B');
    expect(reading.winner).toBeNull();
    expect(reading.comparisons[0]?.comparison).toMatchObject({
      values: [40, 63],
      z: null,
      significant: false,
    });
  });

  it('needs the leader to beat every other variant among three', () => {
    const c = { ...a, name: 'C', responses: 250 };
    // B (2.6 %) vs A (2.0 %) is significant, B vs C (2.5 %) is not
    expect(pickWinner([a, b, c], 'response_rate')).toMatchObject({ leader: 'B', winner: null });
  });

  it('refuses impossible results', () => {
    try {
      compareVariants({ ...a, responses: 20000 }, b, 'response_rate');
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).fieldErrors).toEqual([
        { field: 'responses', message: 'More responses than sends' },
      ]);
    }
  });
});
