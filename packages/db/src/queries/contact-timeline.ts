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
  | { type: 'suppression'; at: string; id: number; channel: string; reason: string; source: string };

/** Everything that happened to a contact, newest first, in one query over the four sources. */
export async function contactTimeline(db: Db, contactId: number, limit = 100): Promise<TimelineItem[]> {
  const rows = await db.execute<{
    type: TimelineItem['type'];
    at: Date;
    id: string;
    data: Record<string, unknown>;
  }>(sql`
    SELECT * FROM (
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
    ) t
    ORDER BY at DESC, id DESC
    LIMIT ${limit}`);
  return rows.map(
    (r) => ({ type: r.type, at: new Date(r.at).toISOString(), id: Number(r.id), ...r.data }) as TimelineItem,
  );
}
