import type { Audience } from '@relance/domain/planning/campaign-input';
import {
  builtInPlanningSettings,
  type PlanningSettings,
  type PlanningSettingsInput,
  planningSettingsSchema,
} from '@relance/domain/planning/planning-settings';
import { sql as dsql, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { settings } from '../schema/indicators';
import { audienceCondition } from './audience';

const KEY = 'planning';

/**
 * The workspace's planning defaults: what is stored, read through the domain's schema so that a key added since
 * it was saved takes its built-in value; the built-in French defaults when nothing (valid) is stored.
 */
export async function getPlanningSettings(db: Db): Promise<PlanningSettings> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, KEY));
  const parsed = planningSettingsSchema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : builtInPlanningSettings();
}

/** Stores the settings whole (one upsert: nothing is saved half-way); the caller has validated them. */
export async function savePlanningSettings(
  db: Db,
  value: PlanningSettings | PlanningSettingsInput,
): Promise<PlanningSettings> {
  const parsed = planningSettingsSchema.parse(value);
  await db
    .insert(settings)
    .values({ key: KEY, value: parsed })
    .onConflictDoUpdate({ target: settings.key, set: { value: parsed, updatedAt: dsql`now()` } });
  return parsed;
}

/**
 * How many contacts of the audience already got a discount in the `days` days before `asOf` (the database's
 * clock by default): an order placed with a promotion or a voucher. One set-based statement: the discounted
 * contacts are a UNION of sources, semi-joined to the audience. When the dispatch issue lands, sends of
 * campaigns whose offer is financial join the union as a second source
 * (`UNION SELECT s.contact_id FROM sends s JOIN campaigns ... WHERE offer type = 'financial' AND sent in the window`).
 */
export async function recentlyDiscountedContacts(
  db: Db,
  audience: Audience,
  days: number,
  asOf?: Date,
): Promise<number> {
  const at = dsql`coalesce(${asOf?.toISOString() ?? null}::timestamptz, now())`;
  const rows = await db.execute<{ n: number }>(dsql`
    WITH discounted AS (
      SELECT o.contact_id
        FROM orders o
       WHERE (o.promo OR o.voucher)
         AND o.ordered_at > ${at} - make_interval(days => ${days})
         AND o.ordered_at <= ${at}
    )
    SELECT count(*)::int AS n
      FROM contacts c
     WHERE ${await audienceCondition(db, audience, { id: dsql`c.id`, tags: dsql`c.tags` })}
       AND EXISTS (SELECT 1 FROM discounted d WHERE d.contact_id = c.id)`);
  return rows[0]?.n ?? 0;
}
