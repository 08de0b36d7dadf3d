import type { Db } from '@relance/db/client';
import { audienceSize } from '@relance/db/queries/campaigns';
import type { CampaignPlan } from '@relance/domain/planning/campaign-input';
import { checkTestSampleFits, testForecast } from '@relance/domain/planning/test-forecast';
import { z } from 'zod';

/**
 * Refuses a test sample larger than the audience as it is now (422 at `testPlan.sample.size` or `.share`,
 * "The audience has N contacts: choose at most N"), before anything is saved. The zod schema cannot know the
 * audience: it is counted here, only for a plan with a test.
 */
export async function checkTestSample(db: Db, plan: CampaignPlan): Promise<void> {
  if (!plan.testPlan) return;
  checkTestSampleFits(plan, await audienceSize(db, plan.audience));
}

/** A forecast answer with the plan's test: the sample goes out first, per variant, then the rollout. */
export function withTestForecast<F extends { audienceSize: number }>(forecast: F, plan: CampaignPlan) {
  return { ...forecast, test: testForecast(plan, forecast.audienceSize) };
}

export const testForecastAnswer = z
  .object({
    sampleSize: z.number(),
    variants: z.array(z.object({ label: z.string(), contacts: z.number() })),
    rolloutSize: z.number(),
    shareOfAudience: z.number().nullable(),
    fitsAudience: z.boolean(),
    steps: z.array(z.object({ test: z.number(), rollout: z.number() })),
    durationDays: z.number(),
    durationIsDefault: z.boolean(),
    winnerMetric: z.string(),
    rollout: z.string(),
    minimum: z.object({ perVariant: z.number(), total: z.number(), variants: z.number() }).nullable(),
    enough: z.boolean().nullable(),
  })
  .nullable()
  .meta({ id: 'TestForecast' });
