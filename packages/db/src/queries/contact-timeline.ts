import { sql } from 'drizzle-orm';
import type { Db } from '../client';

export type TimelineItem =
  | {
      type: 'order';
      at: string;
      id: number;
      amountCents: number;
      promo: boolean;
      voucher: boolean;
      source: string | null;
    }
  | {
      type: 'interaction';
      at: string;
      id: number;
      kind: string;
      subject: string | null;
      closedAt: string | null;
    }
  | { type: 'consent'; at: string; id: number; channel: string; status: string; source: string }
  | { type: 'suppression'; at: string; id: number; channel: string; reason: string; source: string }
  | {
      type: 'send';
      at: string;
      id: number;
      campaignId: string;
      campaignName: string;
      channel: string;
      status: string;
      trackingCode: string | null;
    }
  | {
      type: 'send_event';
      at: string;
      id: number;
      kind: string;
      source: string;
      amountCents: number | null;
      campaignId: string;
      campaignName: string;
      channel: string;
    }
  | {
      type: 'follow_up_move';
      at: string;
      id: number;
      followUpId: number;
      kind: string;
      fromStage: string;
      toStage: string;
      amountCents: number | null;
      lostReason: string | null;
      competitor: string | null;
      note: string | null;
      userName: string | null;
      campaignId: string;
      campaignName: string;
    };

export const TIMELINE_TYPES = [
  'order',
  'interaction',
  'consent',
  'suppression',
  'send',
  'send_event',
  'follow_up_move',
] as const satisfies readonly TimelineItem['type'][];

/** Where a page of the timeline starts: after the last item of the previous one (newest first). */
export interface TimelineCursor {
  at: string;
  type: TimelineItem['type'];
  id: number;
}

/**
 * Everything that happened to a contact, newest first, in one query over its sources: orders, interactions,
 * consent changes, suppressions, the sends made to them, what came back from those sends (deliveries, opens,
 * clicks, responses, quotes, sales, bounces, opt-outs...: every source but the follow-up board, whose moves are
 * shown as moves, with who made them) and the follow-up moves. Each source is read through its contact index;
 * keyset pages on (time, type, id).
 */
export async function contactTimeline(
  db: Db,
  contactId: number,
  limit = 100,
  after: TimelineCursor | null = null,
): Promise<{ items: TimelineItem[]; next: TimelineCursor | null }> {
  const rows = await db.execute<{
    type: TimelineItem['type'];
    at: Date;
    id: string;
    data: Record<string, unknown>;
  }>(sql`
    -- times to the millisecond (what a cursor carries), so that a page starts exactly after the previous one
    SELECT * FROM (SELECT type, date_trunc('milliseconds', at) AS at, id, data FROM (
      SELECT 'order' AS type, ordered_at AS at, id,
             jsonb_build_object('amountCents', amount_cents, 'promo', promo, 'voucher', voucher, 'source', source) AS data
        FROM orders WHERE contact_id = ${contactId}
      UNION ALL
      SELECT 'interaction', occurred_at, id,
             jsonb_build_object('kind', kind, 'subject', subject, 'closedAt', closed_at)
        FROM interactions WHERE contact_id = ${contactId}
      UNION ALL
      SELECT 'consent', recorded_at, id,
             jsonb_build_object('channel', channel, 'status', status, 'source', source)
        FROM consent_events WHERE contact_id = ${contactId}
      UNION ALL
      SELECT 'suppression', created_at, id,
             jsonb_build_object('channel', channel, 'reason', reason, 'source', source)
        FROM suppressions WHERE contact_id = ${contactId}
      UNION ALL
      SELECT 'send', coalesce(s.finished_at, s.handed_at, s.created_at), s.id,
             jsonb_build_object('campaignId', s.campaign_id, 'campaignName', cp.name, 'channel', s.channel,
                                'status', s.status, 'trackingCode', s.tracking_code)
        FROM sends s JOIN campaigns cp ON cp.id = s.campaign_id
       WHERE s.contact_id = ${contactId} AND s.status IN ('sent', 'failed', 'unknown')
      UNION ALL
      SELECT 'send_event', e.occurred_at, e.id,
             jsonb_build_object('kind', e.kind, 'source', e.source, 'amountCents', e.amount_cents,
                                'campaignId', s.campaign_id, 'campaignName', cp.name, 'channel', s.channel)
        FROM sends s JOIN send_events e ON e.send_id = s.id JOIN campaigns cp ON cp.id = s.campaign_id
       WHERE s.contact_id = ${contactId} AND e.source <> 'follow_up'
      UNION ALL
      SELECT 'follow_up_move', m.at, m.id,
             jsonb_build_object('followUpId', m.follow_up_id, 'kind', m.kind, 'fromStage', m.from_stage,
                                'toStage', m.to_stage, 'amountCents', m.amount_cents, 'lostReason', m.lost_reason,
                                'competitor', m.competitor, 'note', m.note, 'userName', u.name,
                                'campaignId', f.campaign_id, 'campaignName', cp.name)
        FROM follow_up_moves m JOIN follow_ups f ON f.id = m.follow_up_id
        JOIN campaigns cp ON cp.id = f.campaign_id LEFT JOIN users u ON u.id = m.user_id
       WHERE m.contact_id = ${contactId}
    ) u) t
    ${after ? sql`WHERE (at, type, id) < (${after.at}::timestamptz, ${after.type}, ${after.id})` : sql``}
    ORDER BY at DESC, type DESC, id DESC
    LIMIT ${limit + 1}`);
  const items = rows
    .slice(0, limit)
    .map(
      (r) =>
        ({ type: r.type, at: new Date(r.at).toISOString(), id: Number(r.id), ...r.data }) as TimelineItem,
    );
  const last = items.at(-1);
  return {
    items,
    next: rows.length > limit && last ? { at: last.at, type: last.type, id: last.id } : null,
  };
}
