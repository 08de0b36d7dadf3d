import { applyCampaignEvent, type CampaignRow } from '@relance/db/queries/campaign-lifecycle';
import { audienceSize, getCampaign } from '@relance/db/queries/campaigns';
import { cancelPendingSends } from '@relance/db/queries/dispatch-claims';
import { getPhase, insertPhase, saveTestReading } from '@relance/db/queries/dispatch-phases';
import { planPhase } from '@relance/domain/dispatch/phase-plan';
import { AppError } from '@relance/domain/errors';
import type { CampaignEvent } from '@relance/domain/planning/campaign-lifecycle';
import { testGroups, VARIANT_LABELS, type VariantLabel } from '@relance/domain/planning/test-plan';
import { assertNever } from '@relance/domain/vocabulary';
import { requeuePending, type Scheduler, scheduleCampaign } from './schedule';
import { readTest, type TestReading } from './test-reading';

export interface DispatchEvent {
  campaignId: string;
  event: CampaignEvent;
  /** the version the user saw; null: the engine's own event (a test's end, an automatic rollout) */
  version: number | null;
  actorId: string | null;
  /** rollout: the variant to roll out (default: the test's recommendation, else A) */
  variant?: VariantLabel;
}

const generationOf = (row: CampaignRow) => `v${row.version}`;

/** The variant a rollout sends: the one asked for, else what the test's reading recommends, else A. */
async function rolloutVariant(s: Scheduler, campaignId: string, asked: VariantLabel | undefined) {
  const stored = await getCampaign(s.db, campaignId);
  if (!stored) throw AppError.notFound('This campaign');
  const groups = stored.plan.testPlan ? testGroups(stored.plan.steps) : (['A'] as VariantLabel[]);
  if (asked && !groups.includes(asked)) {
    throw AppError.validation('This variant is not part of the campaign.', [
      { field: 'variant', message: `Roll out one of the tested variants: ${groups.join(', ')}` },
    ]);
  }
  if (asked) return { stored, variant: asked };
  const test = await getPhase(s.db, campaignId, 'test');
  const recommended = (test?.reading as TestReading | null)?.recommended;
  return {
    stored,
    variant: recommended && VARIANT_LABELS.includes(recommended) ? recommended : ('A' as VariantLabel),
  };
}

/**
 * A lifecycle event and what dispatch does with it. Starting a phase (launch_test, rollout) writes the phase and
 * its waves in the same transaction as the status change, then schedules the writing of its members and its
 * sends; pause stops the next claims (they check the status); resume schedules again what is pending; cancel and
 * complete cancel the pending sends; test_done reads the test and keeps its reading.
 */
export async function applyDispatchEvent(s: Scheduler, input: DispatchEvent): Promise<CampaignRow> {
  const now = s.now?.() ?? new Date();
  const { campaignId, event, version } = input;
  switch (event) {
    case 'launch_test': {
      const stored = await getCampaign(s.db, campaignId);
      if (!stored) throw AppError.notFound('This campaign');
      const plan = planPhase(stored.plan, {
        phase: 'test',
        launchedAt: now,
        audienceSize: await audienceSize(s.db, stored.plan.audience),
      });
      const row = await applyCampaignEvent(s.db, campaignId, event, version, async (tx) => {
        await insertPhase(tx, campaignId, plan, input.actorId);
      });
      await scheduleCampaign(s, row, generationOf(row));
      return row;
    }
    case 'rollout': {
      const { stored, variant } = await rolloutVariant(s, campaignId, input.variant);
      const plan = planPhase(stored.plan, { phase: 'rollout', launchedAt: now, audienceSize: 0, variant });
      const row = await applyCampaignEvent(s.db, campaignId, event, version, async (tx) => {
        await insertPhase(tx, campaignId, plan, input.actorId);
      });
      await scheduleCampaign(s, row, generationOf(row));
      return row;
    }
    case 'test_done': {
      const reading = await readTest(s.db, campaignId, now);
      return applyCampaignEvent(s.db, campaignId, event, version, async (tx) => {
        if (reading) await saveTestReading(tx, campaignId, reading);
      });
    }
    case 'pause':
      return applyCampaignEvent(s.db, campaignId, event, version);
    case 'resume': {
      const row = await applyCampaignEvent(s.db, campaignId, event, version);
      await scheduleCampaign(s, row, generationOf(row));
      await requeuePending(s, campaignId, generationOf(row));
      return row;
    }
    case 'cancel':
    case 'complete': {
      // the status first: from its commit on, no claim succeeds; then what was still pending is cancelled
      const row = await applyCampaignEvent(s.db, campaignId, event, version);
      await cancelPendingSends(s.db, campaignId);
      return row;
    }
    default:
      return assertNever(event, 'campaign event');
  }
}

/**
 * The end of a test (its delayed job): the reading is kept and the campaign waits for its rollout; when the plan
 * rolls out automatically and a variant won significantly, the rollout starts at once with it. A campaign no
 * longer in test (paused, cancelled, ended by hand) is left alone: a resume schedules the end again.
 */
export async function endTest(s: Scheduler, campaignId: string): Promise<TestReading | null> {
  const stored = await getCampaign(s.db, campaignId);
  if (stored?.campaign.status !== 'testing') return null;
  const reading = await readTest(s.db, campaignId, s.now?.() ?? new Date());
  try {
    await applyCampaignEvent(s.db, campaignId, 'test_done', null, async (tx) => {
      if (reading) await saveTestReading(tx, campaignId, reading);
    });
  } catch (err) {
    // paused or ended by hand in between: nothing to do now
    if (err instanceof AppError && err.code === 'conflict') return null;
    throw err;
  }
  if (reading?.automatic && reading.winner) {
    await applyDispatchEvent(s, {
      campaignId,
      event: 'rollout',
      version: null,
      actorId: null,
      variant: reading.winner,
    });
  }
  return reading;
}
