import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../vocabulary';
import { returnsSchema, unitCostCents, unitCostsSchema } from './costs';
import { DEFAULT_POSTAGE_TABLE, defaultRates, defaultReturns, defaultUnitCosts } from './defaults';

describe('French defaults', () => {
  it('are valid inputs for every channel', () => {
    for (const channel of CHANNELS) {
      expect(unitCostsSchema.parse(defaultUnitCosts(channel))).toEqual(defaultUnitCosts(channel));
      expect(returnsSchema.safeParse(defaultReturns(channel)).success).toBe(true);
      const rates = defaultRates(channel);
      expect(rates.responseRate).toBeGreaterThan(0);
      expect(rates.conversionRate).toBeLessThanOrEqual(1);
    }
  });

  it('price a letter ≈ 1.20 € all-in, an SMS segment 6 c, an email 1 € per thousand', () => {
    // 25 printing + 8 envelope + 87 postage = 120 c
    expect(unitCostCents(defaultUnitCosts('postal'), DEFAULT_POSTAGE_TABLE)).toBe(120);
    expect(unitCostCents(defaultUnitCosts('sms'), [])).toBe(6);
    expect(unitCostCents(defaultUnitCosts('email'), []) * 1000).toBeCloseTo(100, 9);
    // a 30 s voice message at 20 c/min = 10 c; a 4-minute call at 70 c/min = 2.80 €
    expect(unitCostCents(defaultUnitCosts('voice'), [])).toBe(10);
    expect(unitCostCents(defaultUnitCosts('phone'), [])).toBe(280);
  });

  it('are fresh copies that callers can edit', () => {
    const mine = defaultUnitCosts('sms');
    mine.pricePerSegmentCents = 5;
    expect(defaultUnitCosts('sms').pricePerSegmentCents).toBe(6);
  });
});
