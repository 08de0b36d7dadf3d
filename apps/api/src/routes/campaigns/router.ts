import type { Db } from '@relance/db/client';
import { stateOf } from '@relance/db/queries/campaign-lifecycle';
import {
  audienceSize,
  createCampaign,
  getCampaign,
  listCampaigns,
  replaceCampaignPlan,
  type StoredCampaign,
} from '@relance/db/queries/campaigns';
import { getPlanningSettings } from '@relance/db/queries/planning-settings';
import { AppError } from '@relance/domain/errors';
import {
  type CampaignPlan,
  campaignForecast,
  campaignInputSchema,
} from '@relance/domain/planning/campaign-input';
import { allowedEvents } from '@relance/domain/planning/campaign-lifecycle';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import { actorId } from '../../http/principal';
import type { ApiRegistry } from '../../http/registry';
import { checkPlanContent, previewBody, previewContent } from './content';
import { campaignDispatchRoutes } from './dispatch';
import { campaignLifecycleRoutes } from './lifecycle';
import { forecastWithSettings, offerWarningAnswer, planWithSettings } from './plan-settings';
import { checkTestSample, testForecastAnswer, withTestForecast } from './test-plan';

const idParams = z.object({ id: z.uuid({ error: 'Not a campaign id' }) });
const replaceBody = z.object({
  version: z.number({ error: 'Send the version you loaded' }).int().positive(),
  plan: campaignInputSchema,
});
const cloneBody = z.object({ name: z.string().trim().min(1).max(200).optional() });

const forecastAnswer = z
  .object({
    audienceSize: z.number(),
    volumes: z.array(z.number()),
    forecast: z.object({}).loose(),
    offerWarnings: z.array(offerWarningAnswer),
    test: testForecastAnswer,
  })
  .meta({ id: 'CampaignForecast' });
export const campaignAnswer = forecastAnswer
  .extend({
    id: z.string(),
    name: z.string(),
    kind: z.string(),
    objective: z.string(),
    status: z.string(),
    resumeTo: z.string().nullable(),
    allowedEvents: z.array(z.string()),
    version: z.number(),
    plan: z.object({}).loose(),
    steps: z.array(
      z.object({ id: z.string(), position: z.number(), channel: z.string(), offsetDays: z.number() }),
    ),
  })
  .meta({ id: 'Campaign' });
const listAnswer = z.object({
  items: z.array(
    z
      .object({
        id: z.string(),
        name: z.string(),
        status: z.string(),
        channels: z.array(z.string()),
        audienceSize: z.number(),
        budgetCents: z.number(),
        expectedSales: z.number(),
        revenueCents: z.number(),
        roi: z.number().nullable(),
      })
      .loose(),
  ),
});

/** The plan's forecast for the audience as it is now, with the workspace's planning settings, and its offer warnings. */
async function withForecast(db: Db, plan: CampaignPlan) {
  return withTestForecast(await forecastWithSettings(db, plan, await getPlanningSettings(db)), plan);
}

export async function answer(db: Db, stored: StoredCampaign) {
  const { campaign, steps, plan } = stored;
  return {
    id: campaign.id,
    name: campaign.name,
    kind: campaign.kind,
    objective: campaign.objective,
    status: campaign.status,
    resumeTo: campaign.resumeTo,
    allowedEvents: allowedEvents(stateOf(campaign)),
    ownerId: campaign.ownerId,
    version: campaign.version,
    createdAt: campaign.createdAt,
    updatedAt: campaign.updatedAt,
    plan,
    steps: steps.map((s) => ({
      id: s.id,
      position: s.position,
      channel: s.channel,
      offsetDays: s.offsetDays,
    })),
    ...(await withForecast(db, plan)),
  };
}

export function campaignRoutes(api: ApiRegistry, deps: AppDeps): void {
  const { db } = deps.database;
  const publicUrl = deps.env.PUBLIC_URL ?? `http://localhost:${deps.env.PORT}`;

  api.add(
    {
      method: 'post',
      path: '/api/campaigns/preview',
      summary:
        "A step's content rendered for a real contact (email HTML and text, SMS, voice script, call script; a letter as PDF)",
      tag: 'campaigns',
      access: 'campaigns:read',
      body: previewBody,
      response: { contentType: 'application/json or application/pdf', description: 'the rendered content' },
    },
    async ({ body, res }) => {
      const rendered = await previewContent(db, publicUrl, body);
      if (rendered.channel !== 'postal') return rendered;
      res
        .status(200)
        .type('application/pdf')
        .setHeader('Content-Disposition', 'inline; filename="proof.pdf"');
      res.end(rendered.pdf);
    },
  );
  const find = async (id: string) => {
    const stored = await getCampaign(db, id);
    if (!stored) throw AppError.notFound('This campaign');
    return stored;
  };

  api.add(
    {
      method: 'get',
      path: '/api/campaigns',
      summary: 'Campaigns with status, budget and forecast ROI',
      tag: 'campaigns',
      access: 'campaigns:read',
      response: listAnswer,
    },
    async () => {
      const stored = await listCampaigns(db);
      const { postageTable } = await getPlanningSettings(db);
      // one count per distinct audience, not per campaign
      const sizes = new Map<string, number>();
      for (const { plan } of stored) {
        const key = JSON.stringify(plan.audience);
        if (!sizes.has(key)) sizes.set(key, await audienceSize(db, plan.audience));
      }
      return {
        items: stored.map(({ campaign, plan }) => {
          const size = sizes.get(JSON.stringify(plan.audience)) ?? 0;
          const f = campaignForecast(plan, size, postageTable);
          return {
            id: campaign.id,
            name: campaign.name,
            kind: campaign.kind,
            objective: campaign.objective,
            status: campaign.status,
            updatedAt: campaign.updatedAt,
            channels: plan.steps.map((s) => s.channel),
            audienceSize: size,
            budgetCents: f.totalCostCents,
            expectedSales: f.expectedSales,
            revenueCents: f.revenueCents,
            roi: f.roi,
          };
        }),
      };
    },
  );

  api.add(
    {
      method: 'post',
      path: '/api/campaigns/forecast',
      summary: 'The forecast of a plan that is not saved yet (the builder shows it live)',
      tag: 'campaigns',
      access: 'campaigns:read',
      body: campaignInputSchema,
      response: forecastAnswer,
    },
    // the body is parsed again with the workspace's defaults (see planWithSettings)
    async ({ req }) => {
      const settings = await getPlanningSettings(db);
      const plan = planWithSettings(settings, req.body);
      await checkTestSample(db, plan);
      return withTestForecast(await forecastWithSettings(db, plan, settings), plan);
    },
  );

  api.add(
    {
      method: 'post',
      path: '/api/campaigns',
      summary: 'Create a draft campaign',
      tag: 'campaigns',
      access: 'campaigns:write',
      body: campaignInputSchema,
      response: campaignAnswer,
      status: 201,
    },
    async ({ req, principal }) => {
      const plan = planWithSettings(await getPlanningSettings(db), req.body);
      await checkTestSample(db, plan);
      await checkPlanContent(db, plan);
      return answer(db, await createCampaign(db, { plan, ownerId: actorId(principal) }));
    },
  );

  api.add(
    {
      method: 'get',
      path: '/api/campaigns/:id',
      summary: 'A campaign, its plan, its steps and its forecast',
      tag: 'campaigns',
      access: 'campaigns:read',
      params: idParams,
      response: campaignAnswer,
    },
    async ({ params }) => answer(db, await find(params.id)),
  );

  api.add(
    {
      method: 'put',
      path: '/api/campaigns/:id',
      summary: "Replace a draft's plan (send the version you loaded: 409 if someone saved in between)",
      tag: 'campaigns',
      access: 'campaigns:write',
      params: idParams,
      body: replaceBody,
      response: campaignAnswer,
    },
    async ({ params, body, req }) => {
      const plan = planWithSettings(await getPlanningSettings(db), req.body.plan, 'plan');
      await checkTestSample(db, plan);
      await checkPlanContent(db, plan);
      return answer(db, await replaceCampaignPlan(db, params.id, plan, body.version));
    },
  );

  api.add(
    {
      method: 'post',
      path: '/api/campaigns/:id/clone',
      summary: 'Copy a campaign as a new draft',
      tag: 'campaigns',
      access: 'campaigns:write',
      params: idParams,
      body: cloneBody,
      response: campaignAnswer,
      status: 201,
    },
    async ({ params, body, principal }) => {
      const source = await find(params.id);
      const plan = { ...source.plan, name: body.name ?? `Copie de ${source.plan.name}` };
      return answer(db, await createCampaign(db, { plan, ownerId: actorId(principal) }));
    },
  );

  campaignLifecycleRoutes(api, deps);
  campaignDispatchRoutes(api, deps);
}
