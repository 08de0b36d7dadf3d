import type { CampaignInput } from '@relance/domain/planning/campaign-input';
import { z } from 'zod';
import { api } from '../../../lib/api-client';

const stepForecastSchema = z.object({
  channel: z.string(),
  volume: z.number(),
  unitCostCents: z.number(),
  sendCents: z.number(),
  returnsCents: z.number(),
  expectedResponses: z.number(),
  expectedSales: z.number(),
  revenueCents: z.number(),
  marginCents: z.number(),
  roiBeforeFixed: z.number().nullable(),
});

/** The parts of the domain's `Forecast` the builder shows. */
export const forecastSchema = z.object({
  steps: z.array(stepForecastSchema),
  expectedResponses: z.number(),
  expectedSales: z.number(),
  revenueCents: z.number(),
  marginCents: z.number(),
  fixed: z.object({ totalCents: z.number() }),
  sendCents: z.number(),
  returnsCents: z.number(),
  incentiveCents: z.number(),
  totalCostCents: z.number(),
  netCents: z.number(),
  costPerResponseCents: z.number().nullable(),
  costPerSaleCents: z.number().nullable(),
  roi: z.number().nullable(),
  breakEvenResponseRate: z.number().nullable(),
});
export type Forecast = z.infer<typeof forecastSchema>;

/** A warning on the offer (domain `offerWarnings`), with the figures its message is built from. */
export const offerWarningSchema = z.object({
  code: z.enum(['discount_addiction', 'recently_discounted', 'incentive_exceeds_margin']),
  message: z.string(),
  discountShare: z.number().optional(),
  threshold: z.number().optional(),
  contacts: z.number().optional(),
  days: z.number().optional(),
  incentiveCents: z.number().optional(),
  marginPerSaleCents: z.number().optional(),
});
export type OfferWarning = z.infer<typeof offerWarningSchema>;

/** The plan's test (domain `testForecast`): the sample first, per variant, then the rollout. */
export const testForecastSchema = z.object({
  sampleSize: z.number(),
  variants: z.array(z.object({ label: z.string(), contacts: z.number() })),
  rolloutSize: z.number(),
  shareOfAudience: z.number().nullable(),
  fitsAudience: z.boolean(),
  durationDays: z.number(),
  durationIsDefault: z.boolean(),
  minimum: z.object({ perVariant: z.number(), total: z.number() }).nullable(),
  enough: z.boolean().nullable(),
});
export type TestForecast = z.infer<typeof testForecastSchema>;

export const forecastAnswerSchema = z.object({
  audienceSize: z.number(),
  volumes: z.array(z.number()),
  forecast: forecastSchema,
  offerWarnings: z.array(offerWarningSchema).default([]),
  test: testForecastSchema.nullable().default(null),
});
export type ForecastAnswer = z.infer<typeof forecastAnswerSchema>;

/** The stored plan, as the API gives it back (defaults filled in); the builder edits it as a plan input. */
const campaignSchema = forecastAnswerSchema.extend({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  objective: z.string(),
  status: z.string(),
  allowedEvents: z.array(z.string()),
  version: z.number(),
  updatedAt: z.string(),
  plan: z.looseObject({ name: z.string(), steps: z.array(z.looseObject({ channel: z.string() })) }),
});
export type Campaign = Omit<z.infer<typeof campaignSchema>, 'plan'> & { plan: CampaignInput };

const listItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  objective: z.string(),
  status: z.string(),
  updatedAt: z.string(),
  channels: z.array(z.string()),
  audienceSize: z.number(),
  budgetCents: z.number(),
  expectedSales: z.number(),
  revenueCents: z.number(),
  roi: z.number().nullable(),
});
export type CampaignListItem = z.infer<typeof listItemSchema>;
const listSchema = z.object({ items: z.array(listItemSchema) });

// the API checked the plan against campaignInputSchema before storing it
const asCampaign = (c: z.infer<typeof campaignSchema>): Campaign => c as unknown as Campaign;

export function listCampaigns(signal?: AbortSignal) {
  return api('/api/campaigns', listSchema, { signal });
}

export async function getCampaign(id: string, signal?: AbortSignal) {
  return asCampaign(await api(`/api/campaigns/${encodeURIComponent(id)}`, campaignSchema, { signal }));
}

export function forecastPlan(plan: CampaignInput, signal?: AbortSignal) {
  return api('/api/campaigns/forecast', forecastAnswerSchema, { method: 'POST', body: plan, signal });
}

export async function createCampaign(plan: CampaignInput) {
  return asCampaign(await api('/api/campaigns', campaignSchema, { method: 'POST', body: plan }));
}

export async function replaceCampaign(id: string, version: number, plan: CampaignInput) {
  return asCampaign(
    await api(`/api/campaigns/${encodeURIComponent(id)}`, campaignSchema, {
      method: 'PUT',
      body: { version, plan },
    }),
  );
}

export async function cloneCampaign(id: string, name: string) {
  return asCampaign(
    await api(`/api/campaigns/${encodeURIComponent(id)}/clone`, campaignSchema, {
      method: 'POST',
      body: { name },
    }),
  );
}

/** A lifecycle event (launch_test, rollout, pause, resume, complete, cancel) on the version the user sees. */
/** `variant`: for a rollout, the variant to roll out (the test's recommendation when left out). */
export async function sendCampaignEvent(id: string, event: string, version: number, variant?: string) {
  return asCampaign(
    await api(`/api/campaigns/${encodeURIComponent(id)}/events`, campaignSchema, {
      method: 'POST',
      body: { event, version, ...(variant ? { variant } : {}) },
    }),
  );
}
