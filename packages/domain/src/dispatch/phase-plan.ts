import type { CampaignPlan } from '../planning/campaign-input';
import { resolveTestSample } from '../planning/sample-size';
import { defaultSendWindow, type SendWindow } from '../planning/send-window';
import { defaultTestDurationDays, testGroups, type VariantLabel } from '../planning/test-plan';
import type { Channel } from '../vocabulary';
import { dayOffset, phaseStart, stepDueAt } from './schedule';
import type { SendPhase } from './sends';
import { effectiveStep } from './variant-step';

/** One step of a phase for one variant group, and when it goes out. */
export interface PlannedWave {
  /** 0-based index of the step in the plan */
  stepIndex: number;
  variant: VariantLabel;
  channel: Channel;
  dueAt: Date;
}

export interface PhasePlan {
  phase: SendPhase;
  /** D+0 */
  startedAt: Date;
  /** the groups of this phase: A/B/C for the test, the rolled-out variant for the rollout */
  groups: VariantLabel[];
  waves: PlannedWave[];
  /** the test's sample in contacts (capped at the audience); null for a rollout */
  sampleSize: number | null;
  /** the test: when it is read; null for a rollout */
  endsAt: Date | null;
}

/**
 * The send window of a step on `channel`: the step's own, or, for a channel variant, its channel's default (the
 * step's was written for another channel: an email's Saturday is no voice message's).
 */
export function stepWindow(step: CampaignPlan['steps'][number], channel: Channel): SendWindow {
  return channel === step.channel && step.sendWindow ? step.sendWindow : defaultSendWindow(channel);
}

/**
 * What launching a phase schedules: every step for every group, each at its D+n (a timing variant's own day) at
 * the next opening of its send window (a channel variant takes its channel's default window, since the step's
 * was written for another channel). The test's sample is resolved against the audience as it is at launch.
 */
export function planPhase(
  plan: CampaignPlan,
  input: { phase: SendPhase; launchedAt: Date; audienceSize: number; variant?: VariantLabel },
): PhasePlan {
  const startedAt = phaseStart(input.launchedAt, plan.startsOn);
  const test = input.phase === 'test' ? plan.testPlan : null;
  if (input.phase === 'test' && !test) throw new Error('A test phase needs the plan’s test plan.');
  const groups: VariantLabel[] = test ? testGroups(plan.steps) : [input.variant ?? 'A'];
  const waves = plan.steps.flatMap((step, stepIndex) =>
    groups.map((variant) => {
      const eff = effectiveStep(step, variant, plan.offer);
      const window = stepWindow(step, eff.channel);
      return {
        stepIndex,
        variant,
        channel: eff.channel,
        dueAt: stepDueAt(startedAt, eff.offsetDays, window),
      };
    }),
  );
  if (!test) return { phase: input.phase, startedAt, groups, waves, sampleSize: null, endsAt: null };
  const durationDays = test.durationDays ?? defaultTestDurationDays(plan.steps, plan.steps[0]!.milestones);
  return {
    phase: input.phase,
    startedAt,
    groups,
    waves,
    sampleSize: Math.min(input.audienceSize, resolveTestSample(test.sample, input.audienceSize)),
    endsAt: dayOffset(startedAt, durationDays),
  };
}
