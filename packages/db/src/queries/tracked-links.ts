import { effectiveStep, offerWording } from '@relance/domain/dispatch/variant-step';
import type { CampaignPlan } from '@relance/domain/planning/campaign-input';
import type { VariantLabel } from '@relance/domain/planning/test-plan';
import type { Channel } from '@relance/domain/vocabulary';
import { sql } from 'drizzle-orm';
import type { Db } from '../client';

/**
 * Where the links of a step's variant lead (the same for all its sends): its campaign and the landing pages it may
 * lead to. Keyed by step, variant and channel (a variant may change the channel, and the channel is the UTM medium).
 */
export interface LinkTargetRow {
  stepId: string;
  variant: VariantLabel;
  channel: Channel;
  campaignId: string;
  campaignName: string;
  /** the landing URLs, most specific first (domain tracking/landing.ts `landingUrlFor`) */
  landing: { variant: string | null; step: string | null; campaign: string | null };
}

/** What a tracked link needs to answer: the send, and where its step's variant leads. */
export interface TrackedLink extends LinkTargetRow {
  sendId: number;
}

/** A send's code and what it needs to find its target, without the target (tracked codes are read in bulk). */
export interface TrackedCode {
  code: string;
  sendId: number;
  stepId: string;
  variant: VariantLabel;
  channel: Channel;
}

type TargetColumns = {
  step_id: string;
  variant: VariantLabel;
  channel: Channel;
  campaign_id: string;
  name: string;
  variant_landing: string | null;
  step_landing: string | null;
  campaign_landing: string | null;
};

/** the landing of a message variant (the step's `variants[]` entry that rewrites the message), else null */
const variantLanding = (variant: ReturnType<typeof sql>) => sql`
  (SELECT v->>'landingUrl' FROM jsonb_array_elements(
          CASE WHEN jsonb_typeof(st.definition->'variants') = 'array' THEN st.definition->'variants' END) v
    WHERE v->>'label' = ${variant}::text AND v->>'differsOn' = 'message' LIMIT 1)`;

const targetOf = (r: TargetColumns): LinkTargetRow => ({
  stepId: r.step_id,
  variant: r.variant,
  channel: r.channel,
  campaignId: r.campaign_id,
  campaignName: r.name,
  landing: { variant: r.variant_landing, step: r.step_landing, campaign: r.campaign_landing },
});

/**
 * The sends of tracking codes (compact, upper case, as stored) and their targets, in one statement through the
 * codes' UNIQUE index; unknown codes are left out. A send's code, step and variant never change, so callers may
 * keep the code → send part as long as they like; the target (landing pages, campaign name) may be edited.
 */
export async function trackedLinksByCodes(
  db: Db,
  codes: readonly string[],
): Promise<Map<string, TrackedLink>> {
  const found = new Map<string, TrackedLink>();
  if (codes.length === 0) return found;
  const rows = await db.execute<TargetColumns & { code: string; id: string }>(sql`
    SELECT s.tracking_code AS code, s.id, s.step_id, s.variant, s.channel, s.campaign_id, c.name,
           ${variantLanding(sql`s.variant`)} AS variant_landing,
           st.definition->>'landingUrl' AS step_landing,
           c.plan->>'landingUrl' AS campaign_landing
      FROM sends s
      JOIN campaign_steps st ON st.id = s.step_id
      JOIN campaigns c ON c.id = s.campaign_id
     WHERE s.tracking_code = ANY(${sql.param([...new Set(codes)])}::text[])`);
  for (const r of rows) found.set(r.code, { sendId: Number(r.id), ...targetOf(r) });
  return found;
}

/**
 * Tracking codes in bulk, in send order, for a cache to hold before anyone clicks: either the sends after
 * `afterSendId` (the ones made since the last read), or, without it, the newest `limit` sends made in the last
 * `withinDays` days (the clicks of a campaign come in its first days). Read through the primary key.
 */
export async function trackedCodes(
  db: Db,
  options: { afterSendId: number; limit: number } | { newest: number; withinDays: number },
): Promise<TrackedCode[]> {
  type Row = { code: string; id: string; step_id: string; variant: VariantLabel; channel: Channel };
  const rows =
    'afterSendId' in options
      ? await db.execute<Row>(sql`
          SELECT tracking_code AS code, id, step_id, variant, channel FROM sends
           WHERE id > ${options.afterSendId} AND tracking_code IS NOT NULL
           ORDER BY id LIMIT ${options.limit}`)
      : await db.execute<Row>(sql`
          SELECT * FROM (
            SELECT tracking_code AS code, id, step_id, variant, channel FROM sends
             WHERE tracking_code IS NOT NULL AND created_at > now() - make_interval(days => ${options.withinDays})
             ORDER BY id DESC LIMIT ${options.newest}) newest
           ORDER BY id`);
  return rows.map((r) => ({
    code: r.code,
    sendId: Number(r.id),
    stepId: r.step_id,
    variant: r.variant,
    channel: r.channel,
  }));
}

/** The newest send's id (0 without sends): where reading new codes starts. */
export async function lastSendId(db: Db): Promise<number> {
  const [row] = await db.execute<{ id: string | null }>(sql`SELECT max(id) AS id FROM sends`);
  return Number(row?.id ?? 0);
}

/**
 * The targets of (step, variant, channel) keys, as they are now (a landing page or the campaign's name may have
 * been edited); a key whose step no longer exists is left out.
 */
export async function linkTargets(
  db: Db,
  keys: readonly { stepId: string; variant: VariantLabel; channel: Channel }[],
): Promise<LinkTargetRow[]> {
  if (keys.length === 0) return [];
  const rows = await db.execute<TargetColumns>(sql`
    SELECT k.step_id, k.variant, k.channel, c.id AS campaign_id, c.name,
           ${variantLanding(sql`k.variant`)} AS variant_landing,
           st.definition->>'landingUrl' AS step_landing,
           c.plan->>'landingUrl' AS campaign_landing
      FROM unnest(${sql.param(keys.map((k) => k.stepId))}::uuid[],
                  ${sql.param(keys.map((k) => k.variant))}::variant_label[],
                  ${sql.param(keys.map((k) => k.channel))}::channel[]) AS k(step_id, variant, channel)
      JOIN campaign_steps st ON st.id = k.step_id
      JOIN campaigns c ON c.id = st.campaign_id`);
  return rows.map(targetOf);
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
