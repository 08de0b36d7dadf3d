import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { defaultRates, defaultReturns, defaultUnitCosts } from './defaults';
import { type ForecastInput, forecast, sendsNeeded } from './forecast';

/** A mailing to 10 000 customers with a 15 € gift for half of the buyers. */
const mailing: ForecastInput = {
  audienceSize: 10000,
  averageOrderValueCents: 25000, // 250 €
  marginRate: 0.4,
  fixed: { creativeCents: 150000, setupCents: 50000, staffHours: 10, staffHourlyRateCents: 4500 },
  offer: { type: 'material', giftValueCents: 1500, expectedTakeUp: 0.5 },
  steps: [
    {
      volume: 10000,
      unit: defaultUnitCosts('postal'), // 25 + 8 + 87 (20 g standard) = 120 c
      returns: defaultReturns('postal'), // 4 % NPAI × 30 c
      ...defaultRates('postal'), // 2 % response, 20 % conversion
    },
  ],
};

describe('forecast', () => {
  it('matches the worked mailing example', () => {
    const f = forecast(mailing);
    // responses 10 000 × 2 % = 200; sales 200 × 20 % = 40
    expect(f.expectedResponses).toBeCloseTo(200, 9);
    expect(f.expectedSales).toBeCloseTo(40, 9);
    // revenue 40 × 25 000 = 1 000 000 c (10 000 €); margin × 40 % = 400 000 c
    expect(f.revenueCents).toBe(1_000_000);
    expect(f.marginCents).toBe(400_000);
    // fixed: 150 000 + 50 000 + 10 h × 4 500 = 245 000
    expect(f.fixed).toEqual({
      creativeCents: 150000,
      setupCents: 50000,
      staffCents: 45000,
      callCentreCents: 0,
      totalCents: 245000,
    });
    // sends: 10 000 × 120 = 1 200 000; returns: 10 000 × 4 % × 30 = 12 000; incentive: 1 500 × 0.5 × 40 = 30 000
    expect(f.steps[0]).toMatchObject({
      channel: 'postal',
      unitCostCents: 120,
      sendCents: 1_200_000,
      returnsCents: 12_000,
    });
    expect(f.incentiveCents).toBe(30_000);
    // total 245 000 + 1 200 000 + 12 000 + 30 000 = 1 487 000
    expect(f.totalCostCents).toBe(1_487_000);
    expect(f.netCents).toBe(-1_087_000);
    // per response 1 487 000 / 200 = 7 435; per sale / 40 = 37 175
    expect(f.costPerResponseCents).toBe(7435);
    expect(f.costPerSaleCents).toBe(37175);
    // ROI (400 000 − 1 487 000) / 1 487 000 = −0.73100…
    expect(f.roi).toBeCloseTo(-0.731002, 6);
    // break-even: costs before sales 1 457 000 / (10 000 × 20 % × (25 000 × 0.4 − 0.5 × 1 500))
    // = 1 457 000 / (2 000 × 9 250) = 1 457 000 / 18 500 000 = 0.0787568 → 7.88 % response needed
    expect(f.breakEvenResponseRate).toBeCloseTo(0.0787568, 6);
  });

  it('at the break-even response rate the margin pays exactly for the costs', () => {
    const be = forecast(mailing).breakEvenResponseRate!;
    const atBreakEven = forecast({ ...mailing, steps: [{ ...mailing.steps[0]!, responseRate: be }] });
    // rounding of the lines can leave a cent or two either way
    expect(Math.abs(atBreakEven.netCents)).toBeLessThanOrEqual(2);
  });

  it('adds a multichannel sequence and rounds each line once, half away from zero', () => {
    const f = forecast({
      audienceSize: 12345,
      averageOrderValueCents: 8000,
      marginRate: 0.3,
      steps: [
        // email: 12 345 × 100 / 1000 = 1 234.5 c → 1 235; bounces free
        {
          volume: 12345,
          unit: defaultUnitCosts('email'),
          returns: defaultReturns('email'),
          ...defaultRates('email'),
        },
        // SMS to 12 000 non-responders, 2 segments × 6 c = 12 c → 144 000 c
        {
          volume: 12000,
          unit: { channel: 'sms', pricePerSegmentCents: 6, segments: 2 },
          returns: defaultReturns('sms'),
          ...defaultRates('sms'),
        },
        // 500 calls to clickers × 4 min × 70 c = 140 000 c
        {
          volume: 500,
          unit: defaultUnitCosts('phone'),
          returns: defaultReturns('phone'),
          ...defaultRates('phone'),
        },
        // voice: 7 000 × 20 c × 30 s / 60 = 70 000 c
        {
          volume: 7000,
          unit: defaultUnitCosts('voice'),
          returns: defaultReturns('voice'),
          ...defaultRates('voice'),
        },
      ],
    });
    expect(f.steps.map((s) => s.sendCents)).toEqual([1235, 144_000, 140_000, 70_000]);
    expect(f.sendCents).toBe(1235 + 144_000 + 140_000 + 70_000);
    // responses: 123.45 + 180 + 40 + 140 = 483.45; sales: 12.345 + 18 + 10 + 21 = 61.345
    expect(f.expectedResponses).toBeCloseTo(483.45, 9);
    expect(f.expectedSales).toBeCloseTo(61.345, 9);
    // revenue 61.345 × 8 000 = 490 760; margin × 0.3 = 147 228
    expect(f.revenueCents).toBe(490_760);
    expect(f.marginCents).toBe(147_228);
    expect(f.incentiveCents).toBe(0);
    // ROI per channel before fixed costs: email margin 12.345 × 8 000 × 0.3 = 29 628 vs 1 235 of sends
    // → contribution 28 393, ROI 28 393 / 1 235 = 22.99; phone: 10 sales → margin 24 000 vs 140 000 → −0.8286
    expect(f.steps[0]).toMatchObject({ marginCents: 29_628, contributionCents: 28_393 });
    expect(f.steps[0]?.roiBeforeFixed).toBeCloseTo(22.9903, 4);
    expect(f.steps[2]).toMatchObject({
      revenueCents: 80_000,
      marginCents: 24_000,
      contributionCents: -116_000,
    });
    expect(f.steps[2]?.roiBeforeFixed).toBeCloseTo(-0.828571, 6);
  });

  it('gives no ROI when nothing is spent and no break-even when each sale loses money', () => {
    const free = forecast({
      audienceSize: 100,
      averageOrderValueCents: 1000,
      marginRate: 0.5,
      steps: [
        {
          volume: 100,
          unit: { channel: 'email', pricePerThousandCents: 0 },
          returns: defaultReturns('email'),
          ...defaultRates('email'),
        },
      ],
    });
    expect(free.roi).toBeNull();
    const losing = forecast({
      ...mailing,
      offer: { type: 'financial', discount: { kind: 'percent', rate: 0.5 }, expectedTakeUp: 1 },
    });
    // 50 % off a 250 € order costs 125 € per sale > 100 € of margin
    expect(losing.breakEvenResponseRate).toBeNull();
  });

  it('refuses absurd input with one error per field', () => {
    try {
      forecast({
        ...mailing,
        marginRate: 1.4,
        fixed: { creativeCents: -5 },
        steps: [
          {
            ...mailing.steps[0]!,
            volume: 20000,
            unit: { ...defaultUnitCosts('postal'), printingCents: 1_000_000 },
          },
        ],
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).fieldErrors).toEqual([
        { field: 'marginRate', message: 'The margin rate cannot exceed 100 %' },
        { field: 'fixed.creativeCents', message: 'The creative cost cannot be negative' },
        {
          field: 'steps.0.unit.printingCents',
          message: 'The printing cost per letter cannot exceed 50 €: check the figure',
        },
        {
          field: 'steps.0.volume',
          message: 'A step cannot send to more than the 10000 contacts of the audience',
        },
      ]);
    }
  });
});

describe('sends needed', () => {
  it('inverts the forecast', () => {
    // 100 customers at 2 % × 20 % = 0.4 % → 100 / 0.004 = 25 000 sends
    expect(sendsNeeded({ customers: 100, responseRate: 0.02, conversionRate: 0.2 })).toBe(25000);
    // 7 customers at 3 % × 15 % = 0.45 % → 1 555.6 → 1 556 sends
    expect(sendsNeeded({ customers: 7, responseRate: 0.03, conversionRate: 0.15 })).toBe(1556);
  });
  it('refuses an objective the audience cannot reach, and zero rates', () => {
    expect(() =>
      sendsNeeded({ customers: 100, responseRate: 0.02, conversionRate: 0.2, audienceSize: 20000 }),
    ).toThrow('The audience is too small for this objective.');
    expect(() => sendsNeeded({ customers: 1, responseRate: 0, conversionRate: 0.2 })).toThrow(AppError);
  });
});
