import { describe, expect, it } from 'vitest';
import { campaignInputSchema } from '../planning/campaign-input';
import { planPhase } from './phase-plan';
import { MAX_SEND_ATTEMPTS, mayRetry, retryDelayMs } from './retry';
import { dayOffset, phaseStart, stepDueAt } from './schedule';
import { effectiveStep, offerWording } from './variant-step';

const paris = (iso: string) =>
  new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'Europe/Paris',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(new Date(iso));

const smsWindow = {
  timeZone: 'Europe/Paris',
  days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as ('mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat')[],
  hours: [{ from: '08:00', to: '20:00' }],
  closedOnPublicHolidays: true,
};

describe('when steps go out', () => {
  it('D+n is n calendar days at the same Paris time, across a daylight-saving change', () => {
    // Friday 27 March 2026 10:00 in Paris (UTC+1); the clocks go forward on Sunday 29
    const start = new Date('2026-03-27T09:00:00Z');
    expect(dayOffset(start, 3).toISOString()).toBe('2026-03-30T08:00:00.000Z'); // 10:00 in Paris, UTC+2
    expect(paris(dayOffset(start, 3).toISOString())).toBe('30/03/2026 10:00');
  });

  it('a step due on a Sunday or a public holiday, or at night, goes at the next opening of its window', () => {
    // Saturday 31 October 2026 19:00 + 1 day = Sunday; Monday 2 November is no holiday: 08:00 that day
    expect(paris(stepDueAt(new Date('2026-10-31T18:00:00Z'), 1, smsWindow).toISOString())).toBe(
      '02/11/2026 08:00',
    );
    // Thursday 24 December 2026 21:00 (closed): Friday 25 is Christmas, so Saturday 26 at 08:00
    expect(paris(stepDueAt(new Date('2026-12-24T20:00:00Z'), 0, smsWindow).toISOString())).toBe(
      '26/12/2026 08:00',
    );
    // within the window: at once
    expect(stepDueAt(new Date('2026-12-23T10:00:00Z'), 0, smsWindow).toISOString()).toBe(
      '2026-12-23T10:00:00.000Z',
    );
  });

  it('D+0 is the launch, or the campaign’s start date (midnight in Paris) when later', () => {
    const launched = new Date('2026-05-04T12:00:00Z');
    expect(phaseStart(launched)).toEqual(launched);
    expect(phaseStart(launched, '2026-05-01')).toEqual(launched);
    expect(phaseStart(launched, '2026-05-11').toISOString()).toBe('2026-05-10T22:00:00.000Z');
  });
});

describe('variants and phases', () => {
  const plan = campaignInputSchema.parse({
    name: 'Test',
    kind: 'win_back',
    objective: 'sale',
    averageOrderValueCents: 10_000,
    marginRate: 0.3,
    offer: { type: 'financial', discount: { kind: 'percent', rate: 0.1 }, expectedTakeUp: 0.5 },
    testPlan: { sample: { mode: 'percent', share: 0.1 }, rollout: 'manual', durationDays: 14 },
    steps: [
      {
        channel: 'email',
        offsetDays: 0,
        content: { subject: 'A' },
        variants: [
          { differsOn: 'channel', channel: 'sms', content: { text: 'B' } },
          { differsOn: 'timing', offsetDays: 2 },
        ],
      },
      { channel: 'postal', offsetDays: 7, target: { type: 'non_responders' } },
    ],
  });

  it('a group gets its own variant of a step, and the step as planned elsewhere', () => {
    const [first, second] = plan.steps;
    expect(effectiveStep(first!, 'A', plan.offer)).toMatchObject({
      channel: 'email',
      offsetDays: 0,
      changed: false,
    });
    expect(effectiveStep(first!, 'B', plan.offer)).toMatchObject({
      channel: 'sms',
      content: { text: 'B' },
      changed: true,
    });
    expect(effectiveStep(first!, 'C', plan.offer)).toMatchObject({
      channel: 'email',
      offsetDays: 2,
      changed: true,
    });
    expect(effectiveStep(second!, 'B', plan.offer)).toMatchObject({ channel: 'postal', changed: false });
  });

  it('the offer merge value: as worded, else its incentive in French', () => {
    expect(offerWording(plan.offer ?? null)).toBe('-10 %');
    expect(
      offerWording({
        type: 'financial',
        discount: { kind: 'amount', amountCents: 1500 },
        expectedTakeUp: 0.2,
      }),
    ).toBe('-15 €');
    expect(
      offerWording({
        type: 'material',
        giftValueCents: 2000,
        expectedTakeUp: 0.2,
        description: 'Un panier garni',
      }),
    ).toBe('Un panier garni');
    expect(offerWording(null)).toBeNull();
  });

  it('the test schedules every step for every group (a channel variant takes its channel’s window), its sample and its end', () => {
    const launchedAt = new Date('2026-06-01T08:00:00Z'); // Monday 10:00 in Paris
    const test = planPhase(plan, { phase: 'test', launchedAt, audienceSize: 1234 });
    expect(test.groups).toEqual(['A', 'B', 'C']);
    expect(test.sampleSize).toBe(123);
    expect(test.waves.map((w) => `${w.stepIndex}/${w.variant}/${w.channel}`)).toEqual([
      '0/A/email',
      '0/B/sms',
      '0/C/email',
      '1/A/postal',
      '1/B/postal',
      '1/C/postal',
    ]);
    expect(test.waves[2]!.dueAt.toISOString()).toBe('2026-06-03T08:00:00.000Z'); // D+2
    expect(test.endsAt!.toISOString()).toBe('2026-06-15T08:00:00.000Z');
    const rollout = planPhase(plan, { phase: 'rollout', launchedAt, audienceSize: 0, variant: 'B' });
    expect(rollout.groups).toEqual(['B']);
    expect(rollout.sampleSize).toBeNull();
    expect(rollout.waves.map((w) => w.channel)).toEqual(['sms', 'postal']);
  });
});

describe('retries', () => {
  it('back off exponentially with jitter, never sooner than the provider asked, a limited number of times', () => {
    expect(retryDelayMs(1, undefined, () => 0.5)).toBe(10_000);
    expect(retryDelayMs(3, undefined, () => 0.5)).toBe(40_000);
    expect(retryDelayMs(12, undefined, () => 0.5)).toBe(600_000);
    expect(retryDelayMs(1, 90_000, () => 0.5)).toBe(90_000);
    expect(retryDelayMs(1, undefined, () => 0)).toBe(8_000);
    expect(mayRetry(MAX_SEND_ATTEMPTS - 1)).toBe(true);
    expect(mayRetry(MAX_SEND_ATTEMPTS)).toBe(false);
  });
});
