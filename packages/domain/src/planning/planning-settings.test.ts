import { describe, expect, it } from 'vitest';
import { campaignForecast, campaignInputSchema, campaignInputSchemaWith } from './campaign-input';
import { DEFAULT_POSTAGE_TABLE, defaultRates, defaultReturns, defaultUnitCosts } from './defaults';
import { builtInPlanningSettings, planningSettingsSchema, ratesFor, unitCostsFor } from './planning-settings';

const issues = (input: unknown) => {
  const parsed = planningSettingsSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => [i.path.join('.'), i.message]);
};

describe('planning settings', () => {
  it('are the built-in French defaults when nothing is stored', () => {
    const s = builtInPlanningSettings();
    expect(unitCostsFor(s, 'postal')).toEqual(defaultUnitCosts('postal'));
    expect(unitCostsFor(s, 'phone')).toEqual(defaultUnitCosts('phone'));
    expect(s.returns.postal).toEqual(defaultReturns('postal'));
    expect(ratesFor(s, 'sms')).toEqual(defaultRates('sms'));
    expect(s.postageTable).toEqual(DEFAULT_POSTAGE_TABLE);
    expect(s.discountWarningThreshold).toBe(0.15);
    expect(s.recentDiscountDays).toBe(90);
    // the unit costs are stored without their channel: GET's answer can be sent back as is
    expect(s.unitCosts.email).toEqual({ pricePerThousandCents: 100 });
  });

  it('fill what a partial setting leaves out with the built-in values', () => {
    const s = planningSettingsSchema.parse({
      unitCosts: { email: { pricePerThousandCents: 250 } },
      rates: { postal: { responseRate: 0.03, conversionRate: 0.25 } },
    });
    expect(unitCostsFor(s, 'email')).toEqual({ channel: 'email', pricePerThousandCents: 250 });
    expect(s.unitCosts.sms).toEqual({ pricePerSegmentCents: 6, segments: 1 });
    expect(s.rates.postal).toEqual({ responseRate: 0.03, conversionRate: 0.25 });
    expect(s.rates.email).toEqual(defaultRates('email'));
  });

  it('refuse negative and absurd figures with one message per field', () => {
    expect(
      issues({
        unitCosts: {
          postal: { printingCents: -5, envelopeCents: 8, format: 'standard', weightGrams: 20 },
          sms: { pricePerSegmentCents: 600, segments: 1 },
        },
        rates: { email: { responseRate: 1.5, conversionRate: 0.1 } },
        discountWarningThreshold: 0,
        recentDiscountDays: 1000,
      }),
    ).toEqual([
      ['unitCosts.postal.printingCents', 'The printing cost per letter cannot be negative'],
      ['unitCosts.sms.pricePerSegmentCents', 'The price per SMS segment cannot exceed 1 €: check the figure'],
      ['rates.email.responseRate', 'The expected response rate cannot exceed 100 %'],
      ['discountWarningThreshold', 'The discount threshold must be above 0 %'],
      ['recentDiscountDays', 'At most 730 days (two years)'],
    ]);
  });

  it('refuse a postage table that cannot price the default letter, or repeats a band', () => {
    expect(
      issues({
        unitCosts: { postal: { printingCents: 25, envelopeCents: 8, format: 'large', weightGrams: 600 } },
      }),
    ).toEqual([
      [
        'unitCosts.postal.weightGrams',
        'No large band of the postage table takes a 600 g letter: add a band or lower the weight',
      ],
    ]);
    expect(
      issues({
        postageTable: [
          { format: 'standard', maxWeightGrams: 20, priceCents: 90 },
          { format: 'standard', maxWeightGrams: 20, priceCents: 95 },
        ],
      }),
    ).toEqual([['postageTable.1.maxWeightGrams', 'Two standard bands up to 20 g: keep one']]);
    expect(issues({ postageTable: [] })).toContainEqual([
      'postageTable',
      'The postage table needs at least one band',
    ]);
  });

  it('give a campaign step what it leaves out, and keep what it says', () => {
    const settings = planningSettingsSchema.parse({
      unitCosts: { postal: { printingCents: 40, envelopeCents: 10, format: 'standard', weightGrams: 20 } },
      returns: { postal: { npaiRate: 0.01, handlingCentsPerReturn: 50 } },
      rates: { postal: { responseRate: 0.05, conversionRate: 0.3 } },
      postageTable: [{ format: 'standard', maxWeightGrams: 50, priceCents: 100 }],
    });
    const input = {
      name: 'Reconquête',
      kind: 'win_back',
      objective: 'sale',
      averageOrderValueCents: 10_000,
      marginRate: 0.4,
      steps: [
        { channel: 'postal', offsetDays: 0 },
        { channel: 'postal', offsetDays: 7, responseRate: 0.01 },
      ],
    } as const;
    const plan = campaignInputSchemaWith(settings).parse(input);
    expect(plan.steps[0]).toMatchObject({
      unit: { channel: 'postal', printingCents: 40, envelopeCents: 10 },
      returns: { npaiRate: 0.01, handlingCentsPerReturn: 50 },
      responseRate: 0.05,
      conversionRate: 0.3,
    });
    expect(plan.steps[1]).toMatchObject({ responseRate: 0.01, conversionRate: 0.3 });
    // the static schema keeps the built-in defaults
    expect(campaignInputSchema.parse(input).steps[0]).toMatchObject({
      unit: { printingCents: 25 },
      responseRate: 0.02,
    });
    // 1,000 letters at 40 + 10 + 100 c (the workspace's postage table) = 1,500 €; NPAI 1,000 × 1 % × 50 c = 5 €
    const f = campaignForecast({ ...plan, steps: [plan.steps[0]!] }, 1_000, settings.postageTable);
    expect(f.sendCents).toBe(150_000);
    expect(f.returnsCents).toBe(500);
    // with the built-in table a 20 g letter is 87 c
    expect(campaignForecast({ ...plan, steps: [plan.steps[0]!] }, 1_000).sendCents).toBe(137_000);
  });
});
