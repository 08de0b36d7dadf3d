import { describe, expect, it } from 'vitest';
import { threeSteps } from '../../../../tests/support/campaign-fixtures';
import { AppError } from '../errors';
import { type CampaignInput, campaignInputSchema } from './campaign-input';
import { checkTestSampleFits, testForecast } from './test-forecast';
import {
  calculatorBaseline,
  defaultTestDurationDays,
  minimumTestSample,
  splitSample,
  testGroups,
} from './test-plan';

const POSTAL_CURVE = [0.02, 0.2, 0.55, 0.85, 1] as const;
const umbrella = {
  type: 'material',
  description: 'Un parapluie offert',
  giftValueCents: 1500,
  expectedTakeUp: 0.5,
};
const tenPercent = {
  type: 'financial',
  description: '10 % sur votre prochaine commande',
  discount: { kind: 'percent', rate: 0.1 },
  expectedTakeUp: 0.8,
} as const;

/** The three-step campaign with a test plan, and variants on its steps. */
function tested(
  variants: Record<number, unknown[]>,
  testPlan: unknown = { sample: { mode: 'percent', share: 0.1 } },
  extra: Partial<CampaignInput> = {},
): unknown {
  return {
    ...threeSteps,
    ...extra,
    testPlan,
    steps: threeSteps.steps.map((s, i) => (variants[i] ? { ...s, variants: variants[i] } : s)),
  };
}

/** The field errors of a plan that must be refused, keyed by path. */
function refused(input: unknown): Record<string, string> {
  const parsed = campaignInputSchema.safeParse(input);
  expect(parsed.success, 'the plan should be refused').toBe(false);
  return Object.fromEntries(parsed.error!.issues.map((i) => [i.path.join('.'), i.message]));
}

describe('test plan and variants in a campaign plan', () => {
  it('keeps a test plan and labels the variants B and C; the stored plan parses again to itself', () => {
    const plan = campaignInputSchema.parse(
      tested(
        {
          0: [
            { differsOn: 'offer', offer: umbrella },
            { differsOn: 'timing', offsetDays: 2 },
          ],
        },
        {
          sample: { mode: 'absolute', size: 2000 },
          rollout: 'automatic',
          calculator: { baselineRate: 0.02, relativeLift: 0.5 },
        },
      ),
    );
    expect(plan.testPlan).toEqual({
      sample: { mode: 'absolute', size: 2000 },
      winnerMetric: 'response_rate',
      rollout: 'automatic',
      calculator: { baselineRate: 0.02, relativeLift: 0.5 },
    });
    expect(plan.steps[0]!.variants!.map((v) => [v.label, v.differsOn])).toEqual([
      ['B', 'offer'],
      ['C', 'timing'],
    ]);
    expect(plan.steps[1]!.variants).toBeUndefined();
    // what the API stores is sent back by the builder as is
    expect(campaignInputSchema.parse(JSON.parse(JSON.stringify(plan)))).toEqual(plan);
  });

  it('refuses a variant that changes two parameters at once', () => {
    expect(refused(tested({ 0: [{ differsOn: 'timing', offsetDays: 3, channel: 'sms' }] }))).toEqual({
      'steps.0.variants.0.channel':
        'This variant tests the day: it cannot also change the channel (test one parameter at a time)',
    });
  });

  it('refuses variants that change nothing, and a B that tests another parameter on another step', () => {
    const errors = refused(
      tested({
        0: [{ differsOn: 'timing', offsetDays: 0 }],
        1: [{ differsOn: 'channel', channel: 'email' }],
      }),
    );
    expect(errors).toEqual({
      'steps.0.variants.0.offsetDays': "Variant B goes out on the step's own day (D+0): choose another day",
      'steps.1.variants.0.differsOn':
        'Variant B of step 1 tests the day: variant B must test the same parameter on every step (one parameter at a time)',
      'steps.1.variants.0.channel': "Variant B is on the step's own channel (email): choose another channel",
    });
  });

  it('refuses a fourth variant, a wrong label, and variants without a test plan', () => {
    const timing = (d: number) => ({ differsOn: 'timing', offsetDays: d });
    expect(refused(tested({ 0: [timing(1), timing(2), timing(3)] }))).toEqual({
      'steps.0.variants': 'At most 3 variants: A (the step itself), B and C',
    });
    expect(refused(tested({ 0: [{ ...timing(1), label: 'C' }] }))).toEqual({
      'steps.0.variants.0.label': 'This variant is B: variants go A (the step itself), B, then C',
    });
    expect(refused(tested({ 0: [timing(1)] }, null))).toEqual({
      testPlan: 'Step 1 has variants: set the test plan (sample, winner metric, rollout), or remove them',
    });
  });

  it('tells an offer from an incentive: the incentive keeps the offer and changes its value', () => {
    const base = { offer: tenPercent };
    // 15 % instead of 10 %: the same offer with a larger discount is an incentive test
    const larger = { ...tenPercent, discount: { kind: 'percent', rate: 0.15 } };
    expect(refused(tested({ 0: [{ differsOn: 'offer', offer: larger }] }, undefined, base))).toEqual({
      'steps.0.variants.0.offer':
        'Variant B keeps the campaign\'s offer and only changes its incentive: choose "incentive" as what it changes',
    });
    expect(
      campaignInputSchema.safeParse(
        tested({ 0: [{ differsOn: 'incentive', offer: larger }] }, undefined, base),
      ).success,
    ).toBe(true);
    // a gift instead of the discount is another offer, not an incentive; the same offer (take-up aside) is nothing
    expect(
      refused(
        tested(
          {
            0: [{ differsOn: 'incentive', offer: umbrella }],
            1: [{ differsOn: 'incentive', offer: { ...tenPercent, expectedTakeUp: 0.5 } }],
          },
          undefined,
          base,
        ),
      ),
    ).toEqual({
      'steps.0.variants.0.offer.type':
        'An incentive variant keeps the campaign\'s offer (financial, "10 % sur votre prochaine commande") and changes only its value: choose "offer" to test another offer',
      'steps.1.variants.0.offer':
        "Variant B's incentive is the campaign offer's: change its value, or remove the variant",
    });
    expect(
      campaignInputSchema.safeParse(tested({ 0: [{ differsOn: 'offer', offer: umbrella }] }, undefined, base))
        .success,
    ).toBe(true);
    // without a campaign offer, any offer is a test of the offer, and there is no incentive to change
    expect(refused(tested({ 0: [{ differsOn: 'incentive', offer: umbrella }] }))).toEqual({
      'steps.0.variants.0.differsOn':
        "The campaign has no offer, so there is no incentive to change: set the campaign's offer, or test an offer",
    });
  });

  it('refuses a channel or a day that breaks the steps aimed at this one', () => {
    // step 3 calls the openers or clickers of the email (step 2) at D+10
    expect(
      refused(
        tested({
          1: [{ differsOn: 'channel', channel: 'sms' }],
          2: [{ differsOn: 'channel', channel: 'sms' }],
        }),
      ),
    ).toEqual({
      'steps.1.variants.0.channel':
        'Step 3 goes to the openers or clickers of this email: on sms nobody opens or clicks, so test something else here',
    });
    expect(
      refused(
        tested({
          0: [{ differsOn: 'timing', offsetDays: 8 }],
          1: [{ differsOn: 'timing', offsetDays: 12 }],
          2: [{ differsOn: 'timing', offsetDays: 5 }],
        }),
      ),
    ).toEqual({
      // the letter's non-responders get the email at D+7: the letter must have gone out by then
      'steps.0.variants.0.offsetDays':
        'Step 2 (D+7) aims at the contacts of this step: variant B must go out by D+7',
      'steps.1.variants.0.offsetDays':
        'Step 3 (D+10) aims at the contacts of this step: variant B must go out by D+10',
      'steps.2.variants.0.offsetDays':
        'Variant B would go out before step 2 (D+7), whose contacts it aims at: choose D+7 or later',
    });
  });

  it('asks for the message of a message variant and of a channel variant when the step has one', () => {
    const sms = { text: 'Revenez ! STOP 36180', senderName: 'MARTINPAIN' };
    const email = { subject: 'Revenez', mjml: '<mjml><mj-body></mj-body></mjml>' };
    const errors = refused({
      ...threeSteps,
      testPlan: { sample: { mode: 'percent', share: 0.2 } },
      steps: [
        {
          channel: 'email',
          offsetDays: 0,
          content: email,
          variants: [{ differsOn: 'channel', channel: 'sms' }],
        },
        { channel: 'sms', offsetDays: 3, content: sms, variants: [{ differsOn: 'message', content: sms }] },
      ],
    });
    expect(errors['steps.0.variants.0.content']).toBe(
      "The step's email message is written: write variant B's message for sms too",
    );
    expect(errors['steps.1.variants.0.differsOn']).toBe(
      'Variant B of step 1 tests the channel: variant B must test the same parameter on every step (one parameter at a time)',
    );
    expect(errors['steps.1.variants.0.content']).toBe(
      "Variant B's message is the step's own: change it, or remove the variant",
    );
  });

  it('refuses an automatic rollout on revenue per contact, and fewer contacts than variants', () => {
    expect(
      refused(
        tested(
          {
            0: [
              { differsOn: 'timing', offsetDays: 1 },
              { differsOn: 'timing', offsetDays: 2 },
            ],
          },
          {
            sample: { mode: 'absolute', size: 2 },
            winnerMetric: 'revenue_per_contact',
            rollout: 'automatic',
          },
        ),
      ),
    ).toEqual({
      'testPlan.rollout':
        'Revenue per contact cannot be tested for significance, so no winner would ever be rolled out automatically: roll out by hand, or choose the response or conversion rate',
      'testPlan.sample.size': 'A test of 3 variants needs at least 3 contacts (one per variant)',
    });
  });
});

describe('test sizing', () => {
  it('splits the sample evenly, the first variants taking the odd contacts', () => {
    expect(splitSample(1001, 2)).toEqual([501, 500]);
    expect(splitSample(1000, 3)).toEqual([334, 333, 333]);
    expect(testGroups([{}, { variants: [1] }, { variants: [1, 2] }])).toEqual(['A', 'B', 'C']);
    expect(testGroups([{}, {}])).toEqual(['A']);
  });

  it('sizes the test per winner metric', () => {
    // response rate 2 % → 3 %: p̄ = 2.5 %, √(2 × 0.025 × 0.975) = 0.220794, √(0.0196 + 0.0291) = 0.220681,
    // (1.959964 × 0.220794 + 0.841621 × 0.220681)² = 0.618478² = 0.382515, ÷ 0.01² = 3825.2 → 3826 per variant
    expect(
      minimumTestSample({
        winnerMetric: 'response_rate',
        baselineRate: 0.02,
        relativeLift: 0.5,
        variants: 2,
        responseRate: 0.02,
      }),
    ).toEqual({ perVariant: 3826, total: 7652, variants: 2 });
    // conversion 25 % → 30 %: p̄ = 0.275, √(2 × 0.275 × 0.725) = 0.631466, √(0.1875 + 0.21) = 0.630476,
    // (1.959964 × 0.631466 + 0.841621 × 0.630476)² = 1.768254² = 3.126722, ÷ 0.05² = 1250.7 → 1251 responses
    // per variant; at a 2 % response rate that is 1251 ÷ 0.02 = 62,550 contacts per variant, 3 × for A/B/C
    expect(
      minimumTestSample({
        winnerMetric: 'conversion_rate',
        baselineRate: 0.25,
        relativeLift: 0.2,
        variants: 3,
        responseRate: 0.02,
      }),
    ).toEqual({ perVariant: 62_550, total: 187_650, variants: 3 });
    // a pilot test (A only) is sized for an A/B comparison
    expect(
      minimumTestSample({
        winnerMetric: 'response_rate',
        baselineRate: 0.02,
        relativeLift: 0.5,
        variants: 1,
        responseRate: 0.02,
      }).total,
    ).toBe(7652);
    expect(calculatorBaseline('revenue_per_contact', { responseRate: 0.02, conversionRate: 0.25 })).toBe(
      0.005,
    );
    expect(() =>
      minimumTestSample({
        winnerMetric: 'conversion_rate',
        baselineRate: 0.25,
        relativeLift: 0.2,
        variants: 2,
        responseRate: 0,
      }),
    ).toThrow(AppError);
  });

  it('runs the test until the returns of the last tested send are mostly in', () => {
    // the letter's curve reaches 80 % at 7 + (0.80 − 0.55) × 7 / 0.30 = 12.83 → 13 days
    expect(defaultTestDurationDays([{ offsetDays: 0, variants: [] }], POSTAL_CURVE)).toBe(13);
    // a pilot test covers every step: the call at D+10, + 13
    expect(defaultTestDurationDays(threeSteps.steps, POSTAL_CURVE)).toBe(23);
    // variants on the email at D+7, one of them moved to D+9; the step's own (email) curve reaches 80 % at D+3:
    // 9 + 3
    const plan = campaignInputSchema.parse(tested({ 1: [{ differsOn: 'timing', offsetDays: 9 }] }));
    expect(defaultTestDurationDays(plan.steps, POSTAL_CURVE)).toBe(12);
  });
});

describe('test forecast', () => {
  it('sends the sample first, split per variant, and the rest in the rollout', () => {
    const plan = campaignInputSchema.parse(
      tested(
        { 0: [{ differsOn: 'offer', offer: umbrella }] },
        { sample: { mode: 'percent', share: 0.1 }, calculator: { baselineRate: 0.02, relativeLift: 0.5 } },
      ),
    );
    const f = testForecast(plan, 10_000)!;
    // 10 % of 10,000 = 1,000 in the test: 500 get the letter as planned (A), 500 with the umbrella (B)
    expect(f).toMatchObject({
      sampleSize: 1000,
      variants: [
        { label: 'A', contacts: 500 },
        { label: 'B', contacts: 500 },
      ],
      rolloutSize: 9000,
      shareOfAudience: 0.1,
      fitsAudience: true,
      // test: letter 1,000, email to the 1,000 − 20 responders = 980, call to 20 % of them = 196;
      // the whole audience: 10,000, 9,800, 1,960; the rollout is the rest
      steps: [
        { test: 1000, rollout: 9000 },
        { test: 980, rollout: 8820 },
        { test: 196, rollout: 1764 },
      ],
      // variants on the letter at D+0: 0 + 13 days on the letter's curve
      durationDays: 13,
      durationIsDefault: true,
      winnerMetric: 'response_rate',
      rollout: 'manual',
      // 2 % → 3 % needs 3,826 per variant: 500 is not enough
      minimum: { perVariant: 3826, total: 7652, variants: 2 },
      enough: false,
    });
    expect(testForecast(campaignInputSchema.parse(threeSteps), 10_000)).toBeNull();
  });

  it('refuses a sample larger than the audience at the sample field', () => {
    const plan = (sample: unknown) =>
      campaignInputSchema.parse(tested({ 0: [{ differsOn: 'timing', offsetDays: 2 }] }, { sample }));
    const fieldErrors = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return (error as AppError).fieldErrors;
      }
      throw new Error('should have been refused');
    };
    expect(fieldErrors(() => checkTestSampleFits(plan({ mode: 'absolute', size: 1001 }), 1000))).toEqual([
      { field: 'testPlan.sample.size', message: 'The audience has 1000 contacts: choose at most 1000' },
    ]);
    // 0.1 % of 1,000 = 1 contact for A and B
    expect(fieldErrors(() => checkTestSampleFits(plan({ mode: 'percent', share: 0.001 }), 1000))).toEqual([
      {
        field: 'testPlan.sample.share',
        message:
          'The sample is 1 contact of the 1000 for 2 variants: each needs at least one, take a larger share',
      },
    ]);
    expect(fieldErrors(() => checkTestSampleFits(plan({ mode: 'absolute', size: 10 }), 0))).toEqual([
      {
        field: 'testPlan.sample.size',
        message: 'The audience has no contacts yet: there is nobody to test on',
      },
    ]);
    expect(checkTestSampleFits(plan({ mode: 'absolute', size: 1000 }), 1000)).toBe(1000);
    // saved when the audience was larger: the forecast caps the test and says so
    expect(testForecast(plan({ mode: 'absolute', size: 1500 }), 1000)).toMatchObject({
      sampleSize: 1000,
      rolloutSize: 0,
      fitsAudience: false,
    });
  });
});
