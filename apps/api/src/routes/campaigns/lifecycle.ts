import { audienceSize, getCampaign } from '@relance/db/queries/campaigns';
import { applyDispatchEvent } from '@relance/dispatch/lifecycle';
import { AppError } from '@relance/domain/errors';
import { campaignEventSchema } from '@relance/domain/planning/campaign-lifecycle';
import { launchProblems } from '@relance/domain/planning/launch-readiness';
import { VARIANT_LABELS } from '@relance/domain/planning/test-plan';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import { actorId } from '../../http/principal';
import type { ApiRegistry } from '../../http/registry';
import { answer, campaignAnswer } from './router';

const idParams = z.object({ id: z.uuid({ error: 'Not a campaign id' }) });
const eventBody = z.object({
  event: campaignEventSchema,
  version: z.number({ error: 'Send the version you loaded' }).int().positive(),
  /** rollout: the variant to roll out; left out, the test's recommendation (else A) */
  variant: z.enum(VARIANT_LABELS, { error: 'The variant is A, B or C' }).optional(),
});

/**
 * The lifecycle: launch the test, roll out, pause, resume, complete, cancel. The domain's state machine decides
 * what is allowed (409 with the reason otherwise); starting to send also needs a sendable plan (422 with a field
 * error per problem).
 */
export function campaignLifecycleRoutes(api: ApiRegistry, deps: AppDeps): void {
  const { db } = deps.database;
  api.add(
    {
      method: 'post',
      path: '/api/campaigns/:id/events',
      summary:
        'Move a campaign through its lifecycle (launch_test, test_done, rollout, pause, resume, complete, cancel)',
      tag: 'campaigns',
      access: 'campaigns:write',
      params: idParams,
      body: eventBody,
      response: campaignAnswer,
    },
    async ({ params, body, principal }) => {
      const stored = await getCampaign(db, params.id);
      if (!stored) throw AppError.notFound('This campaign');
      const problems = launchProblems(body.event, stored.campaign.status, {
        steps: stored.plan.steps,
        testPlan: (stored.plan as { testPlan?: unknown }).testPlan,
        audienceSize: await audienceSize(db, stored.plan.audience),
      });
      if (problems.length > 0) {
        throw AppError.validation('The campaign cannot start sending yet: fix these first.', problems);
      }
      // the status change and what dispatch does with it (write the phase, schedule its sends, cancel...)
      await applyDispatchEvent(
        { db, queues: deps.queues },
        {
          campaignId: params.id,
          event: body.event,
          version: body.version,
          actorId: actorId(principal),
          ...(body.variant ? { variant: body.variant } : {}),
        },
      );
      const updated = await getCampaign(db, params.id);
      return answer(db, updated!);
    },
  );
}
