import { effectiveStep, offerWording } from '@relance/domain/dispatch/variant-step';
import type { CampaignPlan } from '@relance/domain/planning/campaign-input';
import type { VariantLabel } from '@relance/domain/planning/test-plan';
import type { Channel } from '@relance/domain/vocabulary';
import { sql } from 'drizzle-orm';
import type { Db } from '../client';

/** What a tracked link needs to answer: the send, and the landing pages its step may lead to. */
export interface TrackedLink {
  sendId: number;
  campaignId: string;
  campaignName: string;
  channel: Channel;
  variant: VariantLabel;
  /** the landing URLs, most specific first (domain tracking/landing.ts `landingUrlFor`) */
  landing: { variant: string | null; step: string | null; campaign: string | null };
}

/**
 * The sends of tracking codes (compact, upper case, as stored) and their landing pages, in one statement through
 * the codes' UNIQUE index; unknown codes are left out. A send's code, step and variant never change, so callers
 * may cache the answers.
 */
export async function trackedLinksByCodes(
  db: Db,
  codes: readonly string[],
): Promise<Map<string, TrackedLink>> {
  const found = new Map<string, TrackedLink>();
  if (codes.length === 0) return found;
  const rows = await db.execute<{
    code: string;
    id: string;
    campaign_id: string;
    name: string;
    channel: Channel;
    variant: VariantLabel;
    variant_landing: string | null;
    step_landing: string | null;
    campaign_landing: string | null;
  }>(sql`
    SELECT s.tracking_code AS code, s.id, s.campaign_id, c.name, s.channel, s.variant,
           (SELECT v->>'landingUrl' FROM jsonb_array_elements(
                   CASE WHEN jsonb_typeof(st.definition->'variants') = 'array' THEN st.definition->'variants' END) v
             WHERE v->>'label' = s.variant::text AND v->>'differsOn' = 'message' LIMIT 1) AS variant_landing,
           st.definition->>'landingUrl' AS step_landing,
           c.plan->>'landingUrl' AS campaign_landing
      FROM sends s
      JOIN campaign_steps st ON st.id = s.step_id
      JOIN campaigns c ON c.id = s.campaign_id
     WHERE s.tracking_code = ANY(${sql.param([...new Set(codes)])}::text[])`);
  for (const r of rows) {
    found.set(r.code, {
      sendId: Number(r.id),
      campaignId: r.campaign_id,
      campaignName: r.name,
      channel: r.channel,
      variant: r.variant,
      landing: { variant: r.variant_landing, step: r.step_landing, campaign: r.campaign_landing },
    });
  }
  return found;
}

/** What the hosted landing page (`/l/{code}`) shows: the offer of the send's step and variant. */
export interface HostedLanding {
  sendId: number;
  /** the offer as worded in the plan (the `{{offer}}` merge value), or null for a campaign without one */
  offer: string | null;
  /** the campaign's last day (ISO date), if it has one */
  endsOn: string | null;
  /** the recipient already said they were interested */
  responded: boolean;
}

export async function hostedLandingByCode(db: Db, code: string): Promise<HostedLanding | null> {
  const rows = await db.execute<{
    id: string;
    variant: VariantLabel;
    definition: CampaignPlan['steps'][number];
    plan: Omit<CampaignPlan, 'steps'>;
    responded: boolean;
  }>(sql`
    SELECT s.id, s.variant, st.definition, c.plan,
           EXISTS (SELECT 1 FROM send_outcomes o WHERE o.send_id = s.id AND o.kind = 'responded') AS responded
      FROM sends s
      JOIN campaign_steps st ON st.id = s.step_id
      JOIN campaigns c ON c.id = s.campaign_id
     WHERE s.tracking_code = ${code}`);
  const r = rows[0];
  if (!r) return null;
  const step = effectiveStep(r.definition, r.variant, r.plan.offer);
  return {
    sendId: Number(r.id),
    offer: offerWording(step.offer),
    endsOn: r.plan.endsOn ?? null,
    responded: r.responded,
  };
}
