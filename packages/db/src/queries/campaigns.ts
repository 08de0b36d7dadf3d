import { AppError } from '@relance/domain/errors';
import type { Audience, CampaignPlan } from '@relance/domain/planning/campaign-input';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { campaignSteps, campaigns } from '../schema/campaigns';
import { contacts } from '../schema/contacts';
import { audienceCondition } from './audience';

export type CampaignRow = typeof campaigns.$inferSelect;
export interface StoredCampaign {
  campaign: CampaignRow;
  steps: (typeof campaignSteps.$inferSelect)[];
  /** the plan as the domain knows it, steps included */
  plan: CampaignPlan;
}

function stepRows(campaignId: string, plan: CampaignPlan) {
  return plan.steps.map((step, i) => ({
    campaignId,
    position: i + 1,
    channel: step.channel,
    offsetDays: step.offsetDays,
    definition: step,
  }));
}

const planOf = (campaign: CampaignRow, steps: StoredCampaign['steps']): CampaignPlan => ({
  ...campaign.plan,
  steps: steps.map((s) => s.definition),
});

/** Creates a draft campaign and its steps in one transaction. */
export async function createCampaign(
  db: Db,
  input: { plan: CampaignPlan; ownerId: string | null },
): Promise<StoredCampaign> {
  const { steps: _steps, ...plan } = input.plan;
  return db.transaction(async (tx) => {
    const [campaign] = await tx
      .insert(campaigns)
      .values({
        name: input.plan.name,
        kind: input.plan.kind,
        objective: input.plan.objective,
        plan,
        ownerId: input.ownerId,
      })
      .returning();
    const steps = await tx.insert(campaignSteps).values(stepRows(campaign!.id, input.plan)).returning();
    return { campaign: campaign!, steps, plan: input.plan };
  });
}

export async function getCampaign(db: Db, id: string): Promise<StoredCampaign | null> {
  const [campaign] = await db.select().from(campaigns).where(eq(campaigns.id, id));
  if (!campaign) return null;
  const steps = await db
    .select()
    .from(campaignSteps)
    .where(eq(campaignSteps.campaignId, id))
    .orderBy(asc(campaignSteps.position));
  return { campaign, steps, plan: planOf(campaign, steps) };
}

/** Every campaign with its steps, most recently changed first, in two queries. */
export async function listCampaigns(db: Db, limit = 200): Promise<StoredCampaign[]> {
  const rows = await db.select().from(campaigns).orderBy(desc(campaigns.updatedAt)).limit(limit);
  if (rows.length === 0) return [];
  const steps = await db
    .select()
    .from(campaignSteps)
    .where(
      inArray(
        campaignSteps.campaignId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(campaignSteps.position));
  return rows.map((campaign) => {
    const own = steps.filter((s) => s.campaignId === campaign.id);
    return { campaign, steps: own, plan: planOf(campaign, own) };
  });
}

/**
 * Replaces a draft's plan and steps. `version` is the one the editor loaded: if someone saved in between, the
 * change is refused (409) rather than silently overwriting theirs. A campaign past draft keeps its plan.
 */
export async function replaceCampaignPlan(
  db: Db,
  id: string,
  plan: CampaignPlan,
  version: number,
): Promise<StoredCampaign> {
  const { steps: _steps, ...rest } = plan;
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(campaigns).where(eq(campaigns.id, id)).for('update');
    if (!current) throw AppError.notFound('This campaign');
    if (current.status !== 'draft') {
      throw new AppError(
        'conflict',
        `The campaign is ${current.status}: only a draft's plan can change (clone it to plan another).`,
      );
    }
    if (current.version !== version) {
      throw new AppError(
        'conflict',
        'Someone saved this campaign since you opened it: reload it, then make your change again.',
        [{ field: 'version', message: `You have version ${version}, the saved one is ${current.version}` }],
      );
    }
    const [campaign] = await tx
      .update(campaigns)
      .set({
        name: plan.name,
        kind: plan.kind,
        objective: plan.objective,
        plan: rest,
        version: sql`${campaigns.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(campaigns.id, id), eq(campaigns.version, version)))
      .returning();
    await tx.delete(campaignSteps).where(eq(campaignSteps.campaignId, id));
    const steps = await tx.insert(campaignSteps).values(stepRows(id, plan)).returning();
    return { campaign: campaign!, steps, plan };
  });
}

/** How many contacts an audience has now (all contacts, those with a tag, or a saved segment's). */
export async function audienceSize(db: Db, audience: Audience): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(contacts)
    .where(await audienceCondition(db, audience));
  return row?.n ?? 0;
}
