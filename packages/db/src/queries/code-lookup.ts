import type { SendEventKind } from '@relance/domain/dispatch/sends';
import { type CodeOutcome, codeCandidate } from '@relance/domain/tracking/code-input';
import type { Channel } from '@relance/domain/vocabulary';
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { type SendByCode, sendsByCodes } from './send-events-apply';

const text = (values: readonly (string | null)[]) => sql`${sql.param(values)}::text[]`;

/** What a typed or scanned input turned out to be. */
export interface ResolvedCode {
  outcome: CodeOutcome;
  /** the compact tracking code, or the normalised coupon code, as it is kept with the conversion */
  code: string;
  send: SendByCode | null;
  /** the coupon's campaign */
  couponCampaignId: string | null;
}

/**
 * The campaigns of coupon codes (normalised: upper case, letters and digits), in one statement. When two campaigns
 * use the same coupon, the one with sends (launched) wins, then the most recently created.
 */
export async function campaignsByCoupons(db: Db, coupons: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const wanted = [...new Set(coupons.filter((c) => c !== ''))];
  if (wanted.length === 0) return found;
  const rows = await db.execute<{ coupon: string; id: string }>(sql`
    SELECT DISTINCT ON (k.coupon) k.coupon, c.id
      FROM campaigns c
     CROSS JOIN LATERAL (
       SELECT upper(regexp_replace(c.plan->'offer'->>'couponCode', '[^0-9A-Za-z]', '', 'g')) AS coupon) k
     WHERE c.plan->'offer'->>'couponCode' IS NOT NULL AND k.coupon = ANY(${text(wanted)})
     ORDER BY k.coupon, EXISTS (SELECT 1 FROM send_waves w WHERE w.campaign_id = c.id) DESC, c.created_at DESC`);
  for (const r of rows) found.set(r.coupon, r.id);
  return found;
}

/**
 * Typed or scanned inputs → what each is (in their order), in two statements whatever their number: the sends of
 * the well-formed tracking codes, then the campaigns of whatever is left as coupon codes. A tracking code that
 * matches no send, or a typing mistake, may still be a coupon spelt so.
 */
export async function resolveCodes(db: Db, inputs: readonly string[]): Promise<ResolvedCode[]> {
  const candidates = inputs.map(codeCandidate);
  const sends = await sendsByCodes(
    db,
    candidates.flatMap((c) => (c.kind === 'tracking' ? [c.code] : [])),
  );
  const coupons = await campaignsByCoupons(
    db,
    candidates.flatMap((c) => (c.kind === 'tracking' && sends.has(c.code) ? [] : [c.coupon])),
  );
  return candidates.map((c): ResolvedCode => {
    const send = c.kind === 'tracking' ? sends.get(c.code) : undefined;
    if (send && c.kind === 'tracking')
      return { outcome: 'tracking', code: c.code, send, couponCampaignId: null };
    const campaign = coupons.get(c.coupon);
    if (campaign) return { outcome: 'coupon', code: c.coupon, send: null, couponCampaignId: campaign };
    return {
      outcome: c.kind === 'typo' ? 'typo' : 'unknown',
      code: c.kind === 'tracking' ? c.code : c.coupon,
      send: null,
      couponCampaignId: null,
    };
  });
}

export interface RecordedOnCode {
  kind: SendEventKind;
  amountCents: number | null;
  occurredAt: string;
  source: string;
}

/** What the redemption screen shows before anything is recorded. */
export type CodeDescription =
  | {
      outcome: 'tracking';
      code: string;
      campaign: { id: string; name: string };
      step: { id: string; position: number; channel: Channel; offsetDays: number };
      channel: Channel;
      variant: 'A' | 'B' | 'C';
      contact: { id: number; name: string };
      sentAt: string | null;
      /** responses, quotes, sales, losses and returned mail already recorded on this send, latest first */
      recorded: RecordedOnCode[];
    }
  | {
      outcome: 'coupon';
      code: string;
      campaign: { id: string; name: string };
      offer: string | null;
      /** redemptions of this coupon already recorded */
      recorded: { count: number; amountCents: number };
    }
  | { outcome: 'typo' | 'unknown'; code: string };

const SHOWN_KINDS = ['responded', 'quoted', 'sold', 'lost', 'returned'];

/** One input, described for the person at the counter (campaign, step, channel, contact, what is recorded). */
export async function describeCode(db: Db, input: string): Promise<CodeDescription> {
  const [resolved] = await resolveCodes(db, [input]);
  const r = resolved!;
  if (r.outcome === 'tracking' && r.send) {
    const [row] = await db.execute<{
      campaign_name: string;
      position: number;
      step_channel: Channel;
      offset_days: number;
      contact_name: string;
      finished_at: string | null;
    }>(sql`
      SELECT c.name AS campaign_name, st.position, st.channel AS step_channel, st.offset_days,
             coalesce(nullif(trim(coalesce(k.first_name, '') || ' ' || coalesce(k.last_name, '')), ''),
                      k.company_name, k.email, '#' || k.id) AS contact_name,
             s.finished_at
        FROM sends s
        JOIN campaigns c ON c.id = s.campaign_id
        JOIN campaign_steps st ON st.id = s.step_id
        JOIN contacts k ON k.id = s.contact_id
       WHERE s.id = ${r.send.sendId}`);
    const events = await db.execute<{
      kind: SendEventKind;
      amount_cents: string | null;
      occurred_at: string;
      source: string;
    }>(sql`
      SELECT kind, amount_cents, occurred_at, source FROM send_events
       WHERE send_id = ${r.send.sendId} AND kind::text = ANY(${text(SHOWN_KINDS)})
       ORDER BY occurred_at DESC, id DESC LIMIT 20`);
    if (!row) return { outcome: 'unknown', code: r.code };
    return {
      outcome: 'tracking',
      code: r.code,
      campaign: { id: r.send.campaignId, name: row.campaign_name },
      step: {
        id: r.send.stepId,
        position: Number(row.position),
        channel: row.step_channel,
        offsetDays: Number(row.offset_days),
      },
      channel: r.send.channel,
      variant: r.send.variant,
      contact: { id: r.send.contactId, name: row.contact_name },
      sentAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
      recorded: events.map((e) => ({
        kind: e.kind,
        amountCents: e.amount_cents == null ? null : Number(e.amount_cents),
        occurredAt: new Date(e.occurred_at).toISOString(),
        source: e.source,
      })),
    };
  }
  if (r.outcome === 'coupon' && r.couponCampaignId) {
    const [row] = await db.execute<{ name: string; offer: string | null; n: number; amount: string }>(sql`
      SELECT c.name, c.plan->'offer'->>'description' AS offer,
             (SELECT count(*)::int FROM conversions v WHERE v.campaign_id = c.id AND v.code = ${r.code}) AS n,
             (SELECT coalesce(sum(v.amount_cents) FILTER (WHERE v.kind = 'sold'), 0) FROM conversions v
               WHERE v.campaign_id = c.id AND v.code = ${r.code}) AS amount
        FROM campaigns c WHERE c.id = ${r.couponCampaignId}`);
    if (!row) return { outcome: 'unknown', code: r.code };
    return {
      outcome: 'coupon',
      code: r.code,
      campaign: { id: r.couponCampaignId, name: row.name },
      offer: row.offer,
      recorded: { count: Number(row.n), amountCents: Number(row.amount) },
    };
  }
  return { outcome: r.outcome === 'typo' ? 'typo' : 'unknown', code: r.code };
}
