import { describe, expect, it } from 'vitest';
import { threeSteps } from '../../../../tests/support/campaign-fixtures';
import { campaignForecast, campaignInputSchema, stepVolumes } from './campaign-input';
import { defaultMilestoneCurve } from './milestones';

describe('campaign plans', () => {
  it('fills each step with its channel defaults', () => {
    const plan = campaignInputSchema.parse(threeSteps);
    expect(plan.steps[0]!.unit.channel).toBe('postal');
    expect(plan.steps[2]!.sendWindow.days).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
    expect(plan.audience).toEqual({ type: 'all' });
    expect(plan.steps.map((s) => s.milestones[2])).toEqual(
      plan.steps.map((s) => defaultMilestoneCurve(s.channel)[2]),
    );
  });

  it('sizes each step from the audience and the steps before it', () => {
    const plan = campaignInputSchema.parse(threeSteps);
    // letter: 10,000; 2 % respond = 200
    // email to non-responders: 10,000 − 200 = 9,800
    // call to the email's openers or clickers: 9,800 × 20 % = 1,960
    expect(stepVolumes(plan, 10_000)).toEqual([10_000, 9_800, 1_960]);
  });

  it('forecasts with those volumes: sales × average order value = revenue', () => {
    const plan = campaignInputSchema.parse(threeSteps);
    const f = campaignForecast(plan, 10_000);
    // sales: 10,000 × 2 % × 25 % = 50; 9,800 × 1 % × 10 % = 9.8; 1,960 × 30 % × 20 % = 117.6; total 177.4
    expect(f.expectedSales).toBeCloseTo(177.4, 6);
    // revenue per step, each rounded: 50 × 120 € = 6,000 €; 9.8 × 120 € = 1,176 €; 117.6 × 120 € = 14,112 €
    expect(f.revenueCents).toBe(600_000 + 117_600 + 1_411_200);
    expect(f.steps.map((s) => s.volume)).toEqual([10_000, 9_800, 1_960]);
  });

  it('refuses a step aimed at a step that does not exist, or at clickers of a letter', () => {
    const bad = campaignInputSchema.safeParse({
      ...threeSteps,
      steps: [
        { channel: 'postal', offsetDays: 0 },
        { channel: 'sms', offsetDays: 3, target: { type: 'responders', step: 4 } },
        { channel: 'phone', offsetDays: 5, target: { type: 'openers_clickers', step: 1 } },
      ],
    });
    expect(bad.success).toBe(false);
    const messages = Object.fromEntries(bad.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(messages['steps.1.target.step']).toBe('There is no step 4');
    expect(messages['steps.2.target.step']).toBe('Step 1 is not an email: nobody opens or clicks it');
  });

  it('refuses an end before the start and unit costs of another channel', () => {
    const bad = campaignInputSchema.safeParse({
      ...threeSteps,
      startsOn: '2026-04-01',
      endsOn: '2026-03-01',
      steps: [
        {
          channel: 'email',
          offsetDays: 0,
          unit: { channel: 'sms', pricePerSegmentCents: 6, segments: 1 },
        },
      ],
    });
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['endsOn', 'steps.0.unit.channel']));
  });
});
