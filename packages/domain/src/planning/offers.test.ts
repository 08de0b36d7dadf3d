import { describe, expect, it } from 'vitest';
import type { AppError } from '../errors';
import { incentiveValueCents, offerSchema, offerWarnings } from './offers';

describe('offers', () => {
  it('values each kind of incentive', () => {
    // 10 % of a 250 € order = 25 € = 2500 c
    expect(
      incentiveValueCents(
        offerSchema.parse({
          type: 'financial',
          discount: { kind: 'percent', rate: 0.1 },
          expectedTakeUp: 0.8,
        }),
        25000,
      ),
    ).toBe(2500);
    expect(
      incentiveValueCents(
        offerSchema.parse({ type: 'material', giftValueCents: 1500, expectedTakeUp: 0.5 }),
        25000,
      ),
    ).toBe(1500);
    // an apology letter costs nothing per taker by default
    expect(incentiveValueCents(offerSchema.parse({ type: 'emotional', expectedTakeUp: 1 }), 25000)).toBe(0);
  });

  it('warns when a financial discount exceeds 15 % (discount addiction)', () => {
    expect(
      offerWarnings({ type: 'financial', discount: { kind: 'percent', rate: 0.15 }, expectedTakeUp: 1 }),
    ).toEqual([]);
    const [warning] = offerWarnings({
      type: 'financial',
      discount: { kind: 'percent', rate: 0.2 },
      expectedTakeUp: 1,
    });
    expect(warning).toMatchObject({ code: 'discount_addiction', discountShare: 0.2, threshold: 0.15 });
    expect(warning?.message).toMatch(/^A 20 % discount is above the 15 % threshold/);
    // a 40 € discount on a 200 € average order is 20 %
    expect(
      offerWarnings(
        { type: 'financial', discount: { kind: 'amount', amountCents: 4000 }, expectedTakeUp: 1 },
        { averageOrderValueCents: 20000 },
      )[0],
    ).toMatchObject({ code: 'discount_addiction', discountShare: 0.2 });
    // the threshold is configurable: 25 % lets 20 % through
    expect(
      offerWarnings(
        { type: 'financial', discount: { kind: 'percent', rate: 0.2 }, expectedTakeUp: 1 },
        { discountThreshold: 0.25 },
      ),
    ).toEqual([]);
    // a gift of the same value is not a discount
    expect(offerWarnings({ type: 'material', giftValueCents: 4000, expectedTakeUp: 1 })).toEqual([]);
  });

  it('warns on recent discounts and on an incentive that eats the margin', () => {
    const warnings = offerWarnings(
      { type: 'financial', discount: { kind: 'percent', rate: 0.1 }, expectedTakeUp: 1 },
      { recentlyDiscountedContacts: 120, recentDays: 60, averageOrderValueCents: 5000, marginRate: 0.08 },
    );
    // 10 % of 50 € = 5 € > margin 8 % of 50 € = 4 €
    expect(warnings.map((w) => w.code)).toEqual(['recently_discounted', 'incentive_exceeds_margin']);
    expect(warnings[1]?.message).toBe(
      'The incentive (5.00 €) costs more than the margin of an average sale (4.00 €).',
    );
  });

  it('refuses absurd offers with field errors', () => {
    try {
      offerWarnings({ type: 'financial', discount: { kind: 'percent', rate: 1.5 }, expectedTakeUp: -0.1 });
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).fieldErrors).toEqual([
        { field: 'discount.rate', message: 'A discount cannot exceed 100 %' },
        { field: 'expectedTakeUp', message: 'The expected take-up cannot be negative' },
      ]);
    }
  });
});
