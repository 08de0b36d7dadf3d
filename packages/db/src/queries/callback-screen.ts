import type { CallOutcome, TaskSource, TaskStatus } from '@relance/domain/callbacks/vocabulary';
import type { Tier } from '@relance/domain/indicators';
import type { LostReason } from '@relance/domain/winback/vocabulary';
import type { Sql } from '../client';
import { isoSql } from './winback-lists';

export interface CallTask {
  id: number;
  source: TaskSource;
  reason: string;
  detail: Record<string, unknown>;
  priority: number;
  dueAt: string;
  status: TaskStatus;
  calls: number;
  lastOutcome: CallOutcome | null;
  lockedUntil: string | null;
  lockedBy: string | null;
  queue: { id: string; key: string; name: string };
  campaign: { id: string; name: string } | null;
  stepId: string | null;
  sendId: number | null;
  /** the send's variant and tracking code, for the script's merge values */
  send: { variant: 'A' | 'B' | 'C'; trackingCode: string | null } | null;
  /** the number to call: the task's, else the contact's mobile, then landline */
  phone: string | null;
}

/** Everything the call screen shows about the person called, from the existing contact and win-back data. */
export interface CallContactCard {
  id: number;
  kind: 'person' | 'company';
  civility: string | null;
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
  email: string | null;
  mobile: string | null;
  phone: string | null;
  city: string | null;
  postalCode: string | null;
  stats: { orderCount: number; revenueCents: number; lastOrderAt: string | null; tier: Tier | null };
  orders: { id: number; orderedAt: string; amountCents: number; promo: boolean }[];
  campaigns: {
    campaignId: string;
    name: string;
    channel: string;
    at: string;
    status: string;
    kinds: string[];
  }[];
  complaints: { id: number; kind: string; subject: string | null; at: string; closedAt: string | null }[];
  calls: { id: number; outcome: CallOutcome; at: string; agent: string | null; note: string | null }[];
  lostReason: { reason: LostReason; competitor: string | null; lostAt: string } | null;
  scores: {
    reactivationScore: number | null;
    churnProbability: number | null;
    formerSince: string | null;
    signals: string[];
  };
}

/** A task as the call screen and the queue list show it. */
export async function getCallTask(sql: Sql, taskId: number): Promise<CallTask | null> {
  const [row] = await sql<(CallTask & { contactId: number })[]>`
    SELECT t.id::float8 AS id, t.source, t.reason, t.detail, t.priority, ${isoSql(sql, sql`t.due_at`)} AS "dueAt",
           t.status, t.calls, t.last_outcome AS "lastOutcome", ${isoSql(sql, sql`t.locked_until`)} AS "lockedUntil",
           t.locked_by AS "lockedBy",
           jsonb_build_object('id', q.id, 'key', q.key, 'name', q.name) AS queue,
           CASE WHEN c.id IS NULL THEN NULL ELSE jsonb_build_object('id', c.id, 'name', c.name) END AS campaign,
           t.step_id AS "stepId", t.send_id::float8 AS "sendId",
           CASE WHEN s.id IS NULL THEN NULL ELSE jsonb_build_object('variant', s.variant, 'trackingCode', s.tracking_code) END AS send,
           coalesce(t.phone, ct.mobile, ct.phone) AS phone, t.contact_id::float8 AS "contactId"
      FROM callback_tasks t
      JOIN callback_queues q ON q.id = t.queue_id
      JOIN contacts ct ON ct.id = t.contact_id
      LEFT JOIN campaigns c ON c.id = t.campaign_id
      LEFT JOIN sends s ON s.id = t.send_id
     WHERE t.id = ${taskId}`;
  if (!row) return null;
  const { contactId: _contactId, ...task } = row;
  return task;
}

export async function taskContactId(sql: Sql, taskId: number): Promise<number | null> {
  const [row] = await sql<
    { id: number }[]
  >`SELECT contact_id::float8 AS id FROM callback_tasks WHERE id = ${taskId}`;
  return row?.id ?? null;
}

/**
 * The contact card of the call screen, in one round trip: who, their orders and value, the last campaigns sent to
 * them and what they did with them, complaints and after-sales contacts, earlier calls, the current lost reason,
 * and the win-back scores (reactivation, probability of leaving, warning signals).
 */
export async function getCallContactCard(sql: Sql, contactId: number): Promise<CallContactCard | null> {
  const [row] = await sql<CallContactCard[]>`
    SELECT ct.id::float8 AS id, ct.kind, ct.civility, ct.first_name AS "firstName", ct.last_name AS "lastName",
           ct.company_name AS "companyName", ct.email, ct.mobile, ct.phone, ct.city, ct.postal_code AS "postalCode",
           (SELECT jsonb_build_object('orderCount', count(*), 'revenueCents', coalesce(sum(o.amount_cents), 0),
                                      'lastOrderAt', ${isoSql(sql, sql`max(o.ordered_at)`)}, 'tier', ci.tier)
              FROM orders o WHERE o.contact_id = ct.id) AS stats,
           coalesce((SELECT jsonb_agg(jsonb_build_object('id', o.id, 'orderedAt', ${isoSql(sql, sql`o.ordered_at`)},
                                                        'amountCents', o.amount_cents, 'promo', o.promo) ORDER BY o.ordered_at DESC)
                       FROM (SELECT * FROM orders WHERE contact_id = ct.id ORDER BY ordered_at DESC LIMIT 5) o), '[]') AS orders,
           coalesce((SELECT jsonb_agg(jsonb_build_object('campaignId', s.campaign_id, 'name', c.name, 'channel', s.channel,
                                                        'at', ${isoSql(sql, sql`s.created_at`)}, 'status', s.status,
                                                        'kinds', (SELECT coalesce(jsonb_agg(DISTINCT e.kind), '[]') FROM send_events e
                                                                   WHERE e.send_id = s.id)) ORDER BY s.id DESC)
                       FROM (SELECT * FROM sends WHERE contact_id = ct.id ORDER BY id DESC LIMIT 5) s
                       JOIN campaigns c ON c.id = s.campaign_id), '[]') AS campaigns,
           coalesce((SELECT jsonb_agg(jsonb_build_object('id', i.id, 'kind', i.kind, 'subject', i.subject,
                                                        'at', ${isoSql(sql, sql`i.occurred_at`)},
                                                        'closedAt', ${isoSql(sql, sql`i.closed_at`)}) ORDER BY i.occurred_at DESC)
                       FROM (SELECT * FROM interactions WHERE contact_id = ct.id AND kind IN ('complaint', 'after_sales')
                              ORDER BY occurred_at DESC LIMIT 5) i), '[]') AS complaints,
           coalesce((SELECT jsonb_agg(jsonb_build_object('id', a.id, 'outcome', a.outcome, 'at', ${isoSql(sql, sql`a.created_at`)},
                                                        'agent', u.name, 'note', a.note) ORDER BY a.id DESC)
                       FROM (SELECT * FROM call_attempts WHERE contact_id = ct.id ORDER BY id DESC LIMIT 5) a
                       LEFT JOIN users u ON u.id = a.agent_id), '[]') AS calls,
           (SELECT jsonb_build_object('reason', l.reason, 'competitor', l.competitor, 'lostAt', ${isoSql(sql, sql`l.lost_at`)})
              FROM lost_reasons l WHERE l.contact_id = ct.id ORDER BY l.id DESC LIMIT 1) AS "lostReason",
           jsonb_build_object('reactivationScore', w.reactivation_score, 'churnProbability', w.churn_probability,
                              'formerSince', ${isoSql(sql, sql`w.former_since`)},
                              'signals', coalesce((SELECT jsonb_agg(k) FROM jsonb_object_keys(w.signals) k), '[]')) AS scores
      FROM contacts ct
      LEFT JOIN contact_indicators ci ON ci.contact_id = ct.id
      LEFT JOIN contact_winback w ON w.contact_id = ct.id
     WHERE ct.id = ${contactId}`;
  if (!row) return null;
  return {
    ...row,
    stats: { ...row.stats, revenueCents: Number(row.stats.revenueCents) },
    orders: row.orders.map((o) => ({ ...o, amountCents: Number(o.amountCents) })),
  };
}
