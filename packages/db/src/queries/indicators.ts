import {
  DEFAULT_INDICATOR_SETTINGS,
  type IndicatorSettings,
  indicatorSettingsSchema,
} from '@relance/domain/indicators';
import { sql as dsql, eq } from 'drizzle-orm';
import type { Db, Sql } from '../client';
import { contactIndicators, settings } from '../schema/indicators';

const KEY = 'indicators';

export async function getIndicatorSettings(db: Db): Promise<IndicatorSettings> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, KEY));
  const parsed = indicatorSettingsSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_INDICATOR_SETTINGS;
}

export async function saveIndicatorSettings(db: Db, value: IndicatorSettings): Promise<IndicatorSettings> {
  await db
    .insert(settings)
    .values({ key: KEY, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: dsql`now()` } });
  return value;
}

/**
 * Recomputes every contact's indicators in one set-based statement, as of `asOf`:
 * - orders: count, first and last order, revenue, margin, average basket, orders per year of tenure (a tenure
 *   under 30 days counts as 30), revenue over the last `trendWindowDays` against the same length just before,
 *   and the trend between them;
 * - interactions: complaints and after-sales contacts over the last `complaintWindowDays`;
 * - RFM: quintiles (NTILE 5, ties broken by contact id) among contacts with orders: recency by last order,
 *   frequency by order count, monetary by revenue; 5 is best;
 * - tier among contacts with orders, by revenue or margin, from each customer's percent rank (0 for the best,
 *   1 for the last; equal values share a rank): below `goldShare` gold, above 1 − `lowShare` low, else basic.
 *   A lone customer is gold.
 * Answers how many contacts were written.
 */
export async function refreshIndicators(sql: Sql, config: IndicatorSettings, asOf?: Date): Promise<number> {
  const trend = config.trendWindowDays;
  // one refresh at a time across every worker: a second one waits, then recomputes with the newest data
  return sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(4242002)`;
    // the database's clock by default, read after the lock, so that nothing recorded a moment ago falls after it
    const [clock] = await tx<
      { at: string }[]
    >`SELECT coalesce(${asOf?.toISOString() ?? null}::timestamptz, clock_timestamp())::text AS at`;
    const at = clock!.at;
    const result = await tx`
    WITH o AS (
      SELECT contact_id,
             count(*)::int AS order_count,
             min(ordered_at) AS first_order_at,
             max(ordered_at) AS last_order_at,
             sum(amount_cents)::bigint AS revenue_cents,
             coalesce(sum(margin_cents), 0)::bigint AS margin_cents,
             coalesce(sum(amount_cents) FILTER (
               WHERE ordered_at > ${at}::timestamptz - make_interval(days => ${trend})), 0)::bigint AS recent,
             coalesce(sum(amount_cents) FILTER (
               WHERE ordered_at > ${at}::timestamptz - make_interval(days => ${2 * trend})
                 AND ordered_at <= ${at}::timestamptz - make_interval(days => ${trend})), 0)::bigint AS previous
        FROM orders
       WHERE ordered_at <= ${at}::timestamptz
       GROUP BY contact_id
    ), scored AS (
      SELECT o.*,
             ntile(5) OVER (ORDER BY last_order_at, contact_id) AS r,
             ntile(5) OVER (ORDER BY order_count, contact_id) AS f,
             ntile(5) OVER (ORDER BY revenue_cents, contact_id) AS m,
             percent_rank() OVER (
               ORDER BY CASE WHEN ${config.tierBasis} = 'margin' THEN margin_cents ELSE revenue_cents END DESC
             ) AS share
        FROM o
    ), i AS (
      SELECT contact_id,
             count(*) FILTER (WHERE kind = 'complaint')::int AS complaints,
             count(*) FILTER (WHERE kind = 'after_sales')::int AS after_sales
        FROM interactions
       WHERE occurred_at > ${at}::timestamptz - make_interval(days => ${config.complaintWindowDays})
         AND occurred_at <= ${at}::timestamptz
       GROUP BY contact_id
    )
    INSERT INTO contact_indicators AS t (
      contact_id, order_count, first_order_at, last_order_at, revenue_cents, margin_cents, average_basket_cents,
      orders_per_year, revenue_recent_cents, revenue_previous_cents, revenue_trend, complaint_count, after_sales_count,
      recency_score, frequency_score, monetary_score, tier, computed_at)
    SELECT c.id,
           coalesce(s.order_count, 0),
           s.first_order_at,
           s.last_order_at,
           coalesce(s.revenue_cents, 0),
           coalesce(s.margin_cents, 0),
           round(s.revenue_cents::numeric / s.order_count)::int,
           s.order_count / greatest(extract(epoch FROM ${at}::timestamptz - s.first_order_at) / 86400, 30) * 365.25,
           coalesce(s.recent, 0),
           coalesce(s.previous, 0),
           CASE WHEN s.previous > 0 THEN (s.recent - s.previous)::float8 / s.previous END,
           coalesce(i.complaints, 0),
           coalesce(i.after_sales, 0),
           s.r, s.f, s.m,
           CASE WHEN s.contact_id IS NULL THEN NULL
                WHEN s.share < ${config.goldShare} THEN 'gold'
                WHEN s.share > ${1 - config.lowShare} THEN 'low'
                ELSE 'basic' END::tier,
           ${at}::timestamptz
      FROM contacts c
      LEFT JOIN scored s ON s.contact_id = c.id
      LEFT JOIN i ON i.contact_id = c.id
    ON CONFLICT (contact_id) DO UPDATE SET
      order_count = excluded.order_count, first_order_at = excluded.first_order_at,
      last_order_at = excluded.last_order_at, revenue_cents = excluded.revenue_cents,
      margin_cents = excluded.margin_cents, average_basket_cents = excluded.average_basket_cents,
      orders_per_year = excluded.orders_per_year, revenue_recent_cents = excluded.revenue_recent_cents,
      revenue_previous_cents = excluded.revenue_previous_cents, revenue_trend = excluded.revenue_trend,
      complaint_count = excluded.complaint_count, after_sales_count = excluded.after_sales_count,
      recency_score = excluded.recency_score, frequency_score = excluded.frequency_score,
      monetary_score = excluded.monetary_score, tier = excluded.tier, computed_at = excluded.computed_at`;
    return result.count;
  });
}

export async function getContactIndicators(db: Db, contactId: number) {
  const [row] = await db.select().from(contactIndicators).where(eq(contactIndicators.contactId, contactId));
  return row ?? null;
}
