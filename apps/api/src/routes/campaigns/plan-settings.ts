import type { Db } from '@relance/db/client';
import { audienceSize } from '@relance/db/queries/campaigns';
import { recentlyDiscountedContacts } from '@relance/db/queries/planning-settings';
import { AppError } from '@relance/domain/errors';
import {
  type CampaignPlan,
  campaignForecast,
  campaignInputSchemaWith,
  stepVolumes,
} from '@relance/domain/planning/campaign-input';
import { type OfferWarning, offerWarnings } from '@relance/domain/planning/offers';
import type { PlanningSettings } from '@relance/domain/planning/planning-settings';
import { z } from 'zod';
import { fieldErrorsOf } from '../../http/zod-errors';

/**
 * A plan as the client sent it, with the steps' missing costs and rates taken from the workspace's planning
 * settings. Why parse twice: the registry validates `body` with the static `campaignInputSchema` before the
 * handler runs (that static schema is also what the OpenAPI document shows), but by then the steps' gaps are
 * filled with the built-in defaults and what the client left out can no longer be told apart. The settings
 * change at run time, so the handler parses the raw body again with `campaignInputSchemaWith(settings)`. Both
 * schemas have the same rules (only the defaults differ), so the first parse already answered any 422; this
 * one cannot disagree, and would answer the same field errors if it did.
 */
export function planWithSettings(settings: PlanningSettings, raw: unknown, prefix = ''): CampaignPlan {
  const result = campaignInputSchemaWith(settings).safeParse(raw);
  if (!result.success) {
    throw AppError.validation(
      'Some body fields are invalid: fix them and try again.',
      fieldErrorsOf(result.error, prefix),
    );
  }
  return result.data;
}

/**
 * The offer's warnings (domain `offerWarnings`) with the workspace's threshold and the number of contacts of the
 * audience discounted in the settings' window; that count is only asked for a financial offer.
 */
export async function planOfferWarnings(
  db: Db,
  plan: CampaignPlan,
  settings: PlanningSettings,
): Promise<OfferWarning[]> {
  if (!plan.offer) return [];
  const recent =
    plan.offer.type === 'financial'
      ? await recentlyDiscountedContacts(db, plan.audience, settings.recentDiscountDays)
      : 0;
  return offerWarnings(plan.offer, {
    averageOrderValueCents: plan.averageOrderValueCents,
    marginRate: plan.marginRate,
    discountThreshold: settings.discountWarningThreshold,
    recentlyDiscountedContacts: recent,
    recentDays: settings.recentDiscountDays,
  });
}

/** The plan's forecast for the audience as it is now, priced with the workspace's postage table, and its warnings. */
export async function forecastWithSettings(db: Db, plan: CampaignPlan, settings: PlanningSettings) {
  const size = await audienceSize(db, plan.audience);
  return {
    audienceSize: size,
    volumes: stepVolumes(plan, size),
    forecast: campaignForecast(plan, size, settings.postageTable),
    offerWarnings: await planOfferWarnings(db, plan, settings),
  };
}

export const offerWarningAnswer = z
  .object({ code: z.enum(['discount_addiction', 'recently_discounted', 'incentive_exceeds_margin']) })
  .loose()
  .meta({ id: 'OfferWarning' });
