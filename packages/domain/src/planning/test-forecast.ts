import { AppError } from '../errors';
import { type CampaignPlan, stepVolumes } from './campaign-input';
import { resolveTestSample } from './sample-size';
import type { WinnerMetric } from './significance';
import {
  defaultTestDurationDays,
  minimumTestSample,
  type RolloutMode,
  splitSample,
  type TestSampleAdvice,
  testGroups,
  type VariantLabel,
} from './test-plan';

/** How the test of a plan goes for an audience: the sample goes out first, the rest after the test. */
export interface TestForecast {
  /** contacts in the test */
  sampleSize: number;
  /** contacts per group (A is the steps as planned) */
  variants: { label: VariantLabel; contacts: number }[];
  /** contacts left for the rollout */
  rolloutSize: number;
  /** sample / audience; null for an empty audience */
  shareOfAudience: number | null;
  /** false when the sample is larger than the audience (it shrank since the plan was saved): the rest is capped */
  fitsAudience: boolean;
  /** each step's sends in the test and in the rollout (the step's volume for the sample, and the remainder) */
  steps: { test: number; rollout: number }[];
  /** days from the test's D+0 to reading it; the rollout starts then */
  durationDays: number;
  durationIsDefault: boolean;
  winnerMetric: WinnerMetric;
  rollout: RolloutMode;
  /** the calculator's minimum for the kept baseline and lift; null without them */
  minimum: TestSampleAdvice | null;
  /** whether each variant gets at least the minimum; null without a minimum */
  enough: boolean | null;
}

/** The contacts in the plan's test for this audience, or an error at the sample's field when it does not fit. */
export function checkTestSampleFits(plan: CampaignPlan, audienceSize: number): number | null {
  const test = plan.testPlan;
  if (!test) return null;
  const field = test.sample.mode === 'absolute' ? 'testPlan.sample.size' : 'testPlan.sample.share';
  const refuse = (message: string) => {
    throw AppError.validation('The test sample does not fit the audience.', [{ field, message }]);
  };
  if (audienceSize === 0) refuse('The audience has no contacts yet: there is nobody to test on');
  if (test.sample.mode === 'absolute' && test.sample.size > audienceSize) {
    refuse(`The audience has ${audienceSize} contacts: choose at most ${audienceSize}`);
  }
  const size = resolveTestSample(test.sample, audienceSize);
  const groups = testGroups(plan.steps).length;
  if (size < groups) {
    refuse(
      `The sample is ${size} contact${size === 1 ? '' : 's'} of the ${audienceSize} for ${groups} variant${groups === 1 ? '' : 's'}: each needs at least one, take a larger share`,
    );
  }
  return size;
}

/** The test of a plan for an audience of `audienceSize` contacts; null when the plan has no test. */
export function testForecast(plan: CampaignPlan, audienceSize: number): TestForecast | null {
  const test = plan.testPlan;
  if (!test) return null;
  const wanted =
    test.sample.mode === 'absolute' ? test.sample.size : Math.round(test.sample.share * audienceSize);
  const sampleSize = Math.min(wanted, audienceSize);
  const groups = testGroups(plan.steps);
  const split = splitSample(sampleSize, groups.length);
  const all = stepVolumes(plan, audienceSize);
  const inTest = stepVolumes(plan, sampleSize);
  let minimum: TestSampleAdvice | null = null;
  if (test.calculator) {
    try {
      minimum = minimumTestSample({
        winnerMetric: test.winnerMetric,
        ...test.calculator,
        variants: groups.length,
        responseRate: plan.steps[0]!.responseRate,
      });
    } catch (error) {
      // no response expected: the conversion rate cannot be sized
      if (!(error instanceof AppError)) throw error;
    }
  }
  return {
    sampleSize,
    variants: groups.map((label, i) => ({ label, contacts: split[i]! })),
    rolloutSize: audienceSize - sampleSize,
    shareOfAudience: audienceSize > 0 ? sampleSize / audienceSize : null,
    fitsAudience: wanted <= audienceSize,
    steps: all.map((volume, i) => ({ test: inTest[i]!, rollout: Math.max(0, volume - inTest[i]!) })),
    durationDays: test.durationDays ?? defaultTestDurationDays(plan.steps, plan.steps[0]!.milestones),
    durationIsDefault: test.durationDays === undefined,
    winnerMetric: test.winnerMetric,
    rollout: test.rollout,
    minimum,
    enough: minimum ? Math.min(...split) >= minimum.perVariant : null,
  };
}
