import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import {
  fixedCosts,
  incentiveCostCents,
  postageCents,
  stepCost,
  unitCostCents,
  unitCostsSchema,
} from './costs';
import { DEFAULT_POSTAGE_TABLE } from './defaults';

describe('postage', () => {
  it('takes the cheapest band of the format that carries the weight', () => {
    expect(postageCents(DEFAULT_POSTAGE_TABLE, 'standard', 20)).toBe(87);
    expect(postageCents(DEFAULT_POSTAGE_TABLE, 'standard', 21)).toBe(118);
    expect(postageCents(DEFAULT_POSTAGE_TABLE, 'large', 120)).toBe(360);
  });
  it('refuses a weight beyond the table', () => {
    expect(() => postageCents(DEFAULT_POSTAGE_TABLE, 'standard', 300)).toThrow(AppError);
  });
});

describe('unit costs', () => {
  it('computes each channel exactly, before rounding', () => {
    // postal: 30 printing + 10 envelope + 118 postage (45 g) = 158 c
    expect(
      unitCostCents(
        { channel: 'postal', printingCents: 30, envelopeCents: 10, format: 'standard', weightGrams: 45 },
        DEFAULT_POSTAGE_TABLE,
      ),
    ).toBe(158);
    // SMS: 3 segments × 6 c = 18 c
    expect(unitCostCents({ channel: 'sms', pricePerSegmentCents: 6, segments: 3 }, [])).toBe(18);
    // voice: 25 c/min × 45 s = 25 × 0.75 = 18.75 c
    expect(unitCostCents({ channel: 'voice', pricePerMinuteCents: 25, durationSeconds: 45 }, [])).toBe(18.75);
    // email: 120 c per thousand = 0.12 c each
    expect(unitCostCents({ channel: 'email', pricePerThousandCents: 120 }, [])).toBeCloseTo(0.12, 12);
    // phone: 70 c/min × 3.5 min = 245 c
    expect(unitCostCents({ channel: 'phone', pricePerMinuteCents: 70, minutesPerCall: 3.5 }, [])).toBe(245);
  });

  it('rounds a step once: volume × exact unit cost, and returns separately', () => {
    // 333 voice messages × 18.75 c = 6 243.75 → 6 244; returns 333 × 3 % × 10 c = 99.9 → 100
    expect(
      stepCost(
        333,
        { channel: 'voice', pricePerMinuteCents: 25, durationSeconds: 45 },
        { npaiRate: 0.03, handlingCentsPerReturn: 10 },
        [],
      ),
    ).toEqual({ unitCostCents: 18.75, sendCents: 6244, returnsCents: 100, totalCents: 6344 });
    // 2 500 emails × 0.1 c = 250 c exactly, no per-email rounding to 0
    expect(
      stepCost(
        2500,
        { channel: 'email', pricePerThousandCents: 100 },
        { npaiRate: 0, handlingCentsPerReturn: 0 },
        [],
      ).sendCents,
    ).toBe(250);
  });

  it('refuses absurd unit costs with the field to fix', () => {
    const sms = unitCostsSchema.safeParse({ channel: 'sms', pricePerSegmentCents: 600, segments: 12 });
    expect(sms.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['pricePerSegmentCents', 'The price per SMS segment cannot exceed 1 €: check the figure'],
      ['segments', 'An SMS has at most 10 segments'],
    ]);
    expect(unitCostsSchema.safeParse({ channel: 'fax' }).error?.issues[0]?.message).toBe(
      'Choose a channel: postal, sms, voice, email or phone',
    );
  });
});

describe('fixed costs', () => {
  it('adds creative, setup, staff time and call-centre seats', () => {
    // staff 12.5 h × 4 550 c = 56 875; seats 3 × 5 days × 18 000 c = 270 000
    expect(
      fixedCosts({
        creativeCents: 120000,
        setupCents: 30000,
        staffHours: 12.5,
        staffHourlyRateCents: 4550,
        callCentre: { seats: 3, days: 5, seatDayRateCents: 18000 },
      }),
    ).toEqual({
      creativeCents: 120000,
      setupCents: 30000,
      staffCents: 56875,
      callCentreCents: 270000,
      totalCents: 476875,
    });
    expect(fixedCosts({}).totalCents).toBe(0);
  });
  it('refuses negative or absurd amounts', () => {
    try {
      fixedCosts({ setupCents: -1, staffHours: 1e6 });
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).fieldErrors).toEqual([
        { field: 'setupCents', message: 'The setup cost cannot be negative' },
        { field: 'staffHours', message: 'More than 100,000 staff hours: check the figure' },
      ]);
    }
  });
});

describe('incentive cost', () => {
  it('is value × take-up × sales, rounded once', () => {
    // 1 500 c × 0.35 × 41.3 sales = 21 682.5 → 21 683 (half away from zero)
    expect(incentiveCostCents(1500, 0.35, 41.3)).toBe(21683);
  });
});
