import {
  type AttributionRule,
  type AttributionSettings,
  attributionSettingsSchema,
} from '@relance/domain/tracking/attribution';
import { sql as dsql, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { settings } from '../schema/indicators';

const KEY = 'attribution';
const text = (values: readonly (string | null)[]) => dsql`${dsql.param(values)}::text[]`;

/** The workspace's attribution window (the built-in 30 days when nothing valid is stored). */
export async function getAttributionSettings(db: Db): Promise<AttributionSettings> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, KEY));
  const parsed = attributionSettingsSchema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : attributionSettingsSchema.parse({});
}

export async function saveAttributionSettings(
  db: Db,
  value: AttributionSettings,
): Promise<AttributionSettings> {
  const parsed = attributionSettingsSchema.parse(value);
  await db
    .insert(settings)
    .values({ key: KEY, value: parsed })
    .onConflictDoUpdate({ target: settings.key, set: { value: parsed, updatedAt: dsql`now()` } });
  return parsed;
}

/** One conversion to credit: the send of its tracking code or the campaign of its coupon, else who bought. */
export interface ConversionToAttribute {
  at: Date;
  codeSendId?: number | null;
  couponCampaignId?: string | null;
  /** lower-cased, as contacts store it */
  email?: string | null;
  /** E.164, as contacts store it (matched on the mobile and on the landline) */
  phone?: string | null;
}

export interface AttributedConversion {
  rule: AttributionRule;
  sendId: number | null;
  /** the contact credited (the send's), or found by email or phone even when no send is credited */
  contactId: number | null;
  campaignId: string | null;
}

/**
 * Credits conversions to sends, in one statement for the whole batch, by the rules of tracking/attribution.ts:
 * the code's send; else the coupon's campaign (its last send to the contact found, if any); else the last send
 * (status sent, by its finishing time) to the contact found by email or phone, made at most `windowDays` days
 * before the conversion and not after it; else none. A phone may match several contacts (a shared landline):
 * the last send to any of them wins. Answers in the input's order.
 */
export async function attributeConversions(
  db: Db,
  items: readonly ConversionToAttribute[],
  windowDays: number,
): Promise<AttributedConversion[]> {
  if (items.length === 0) return [];
  const rows = await db.execute<{
    ord: number;
    rule: AttributionRule;
    send_id: string | null;
    contact_id: string | null;
    campaign_id: string | null;
  }>(dsql`
    WITH input AS (
      SELECT * FROM unnest(${text(items.map((_, i) => String(i)))}::int[],
                           ${text(items.map((c) => (c.codeSendId == null ? null : String(c.codeSendId))))}::bigint[],
                           ${text(items.map((c) => c.couponCampaignId ?? null))}::uuid[],
                           ${text(items.map((c) => c.email ?? null))},
                           ${text(items.map((c) => c.phone ?? null))},
                           ${text(items.map((c) => c.at.toISOString()))}::timestamptz[])
             AS i(ord, code_send, coupon_campaign, email, phone, at)
    ), found AS (
      SELECT i.ord, c.id AS contact_id FROM input i JOIN contacts c ON c.email = i.email WHERE i.code_send IS NULL
      UNION
      SELECT i.ord, c.id FROM input i JOIN contacts c ON c.mobile = i.phone WHERE i.code_send IS NULL
      UNION
      SELECT i.ord, c.id FROM input i JOIN contacts c ON c.phone = i.phone WHERE i.code_send IS NULL
    ), by_coupon AS (
      SELECT DISTINCT ON (i.ord) i.ord, s.id AS send_id, s.contact_id
        FROM input i JOIN found f ON f.ord = i.ord
        JOIN sends s ON s.contact_id = f.contact_id AND s.campaign_id = i.coupon_campaign
       WHERE i.coupon_campaign IS NOT NULL AND s.status = 'sent'
       ORDER BY i.ord, s.finished_at DESC NULLS LAST, s.id DESC
    ), by_window AS (
      SELECT DISTINCT ON (i.ord) i.ord, s.id AS send_id, s.contact_id, s.campaign_id
        FROM input i JOIN found f ON f.ord = i.ord
        JOIN sends s ON s.contact_id = f.contact_id
       WHERE i.coupon_campaign IS NULL AND s.status = 'sent'
         AND s.finished_at <= i.at AND s.finished_at >= i.at - make_interval(days => ${windowDays})
       ORDER BY i.ord, s.finished_at DESC, s.id DESC
    ), first_contact AS (
      SELECT ord, min(contact_id) AS contact_id FROM found GROUP BY ord
    )
    SELECT i.ord,
           CASE WHEN cs.id IS NOT NULL THEN 'code'
                WHEN i.coupon_campaign IS NOT NULL THEN 'coupon'
                WHEN w.send_id IS NOT NULL THEN 'window'
                ELSE 'none' END AS rule,
           coalesce(cs.id, bc.send_id, w.send_id) AS send_id,
           coalesce(cs.contact_id, bc.contact_id, w.contact_id, fc.contact_id) AS contact_id,
           coalesce(cs.campaign_id, i.coupon_campaign, w.campaign_id) AS campaign_id
      FROM input i
      LEFT JOIN sends cs ON cs.id = i.code_send
      LEFT JOIN by_coupon bc ON bc.ord = i.ord
      LEFT JOIN by_window w ON w.ord = i.ord
      LEFT JOIN first_contact fc ON fc.ord = i.ord
     ORDER BY i.ord`);
  return rows.map((r) => ({
    rule: r.rule,
    sendId: r.send_id == null ? null : Number(r.send_id),
    contactId: r.contact_id == null ? null : Number(r.contact_id),
    campaignId: r.campaign_id,
  }));
}
