import type { CallOutcome } from '@relance/domain/callbacks/vocabulary';
import type { Sql } from '../client';
import { isoSql } from './winback-lists';

export interface QueueFigures {
  id: string;
  key: string;
  name: string;
  kind: 'team' | 'campaign';
  agentIds: string[];
  open: number;
  /** open and due now */
  due: number;
  /** held by an agent now */
  locked: number;
  /** how long the oldest due task has waited (seconds), null when none is due */
  oldestDueSeconds: number | null;
  /** the average wait of the due tasks (seconds) */
  averageDueSeconds: number | null;
  closedToday: number;
}

/** Each queue's size and ages, biggest first; queues a given agent works only when `agentId` is set. */
export async function queueFigures(sql: Sql, agentId: string | null = null): Promise<QueueFigures[]> {
  const rows = await sql<QueueFigures[]>`
    SELECT q.id, q.key, q.name, q.kind, q.agent_ids::text[] AS "agentIds",
           count(t.id) FILTER (WHERE t.status = 'open')::int AS open,
           count(t.id) FILTER (WHERE t.status = 'open' AND t.due_at <= now())::int AS due,
           count(t.id) FILTER (WHERE t.status = 'open' AND t.locked_until > now())::int AS locked,
           extract(epoch FROM now() - min(t.due_at) FILTER (WHERE t.status = 'open' AND t.due_at <= now()))::float8
             AS "oldestDueSeconds",
           extract(epoch FROM avg(now() - t.due_at) FILTER (WHERE t.status = 'open' AND t.due_at <= now()))::float8
             AS "averageDueSeconds",
           count(t.id) FILTER (WHERE t.closed_at >= date_trunc('day', now() AT TIME ZONE 'Europe/Paris') AT TIME ZONE 'Europe/Paris')::int
             AS "closedToday"
      FROM callback_queues q
      LEFT JOIN callback_tasks t ON t.queue_id = q.id
     WHERE ${agentId === null ? sql`true` : sql`(cardinality(q.agent_ids) = 0 OR ${agentId}::uuid = ANY(q.agent_ids))`}
     GROUP BY q.id
     ORDER BY count(t.id) FILTER (WHERE t.status = 'open') DESC, q.name`;
  return [...rows];
}

export interface AgentFigures {
  agentId: string;
  name: string;
  calls: number;
  /** hours with at least one call (each started hour of the clock counts once) */
  activeHours: number;
  callsPerHour: number;
  /** a person answered */
  reached: number;
  reachRate: number;
  /** interested (a quote) or a sale */
  converted: number;
  /** conversions per person reached */
  conversionRate: number;
  sales: number;
  salesCents: number;
  /** the average time from "next" to the outcome (seconds) */
  averageHandlingSeconds: number | null;
}

const REACHED: CallOutcome[] = ['callback', 'interested', 'sale', 'not_interested', 'lost', 'do_not_call'];
const CONVERTED: CallOutcome[] = ['interested', 'sale'];

/** Each agent's productivity over [from, to): calls per hour, reach rate, conversion, sales. */
export async function agentFigures(sql: Sql, from: Date, to: Date): Promise<AgentFigures[]> {
  const rows = await sql<Omit<AgentFigures, 'callsPerHour' | 'reachRate' | 'conversionRate'>[]>`
    SELECT u.id AS "agentId", u.name, count(*)::int AS calls,
           count(DISTINCT date_trunc('hour', a.created_at))::int AS "activeHours",
           count(*) FILTER (WHERE a.outcome::text = ANY(${sql.array(REACHED)}))::int AS reached,
           count(*) FILTER (WHERE a.outcome::text = ANY(${sql.array(CONVERTED)}))::int AS converted,
           count(*) FILTER (WHERE a.outcome = 'sale')::int AS sales,
           coalesce(sum(a.amount_cents) FILTER (WHERE a.outcome = 'sale'), 0)::float8 AS "salesCents",
           extract(epoch FROM avg(a.created_at - a.started_at))::float8 AS "averageHandlingSeconds"
      FROM call_attempts a JOIN users u ON u.id = a.agent_id
     WHERE a.created_at >= ${from.toISOString()}::timestamptz AND a.created_at < ${to.toISOString()}::timestamptz
     GROUP BY u.id, u.name
     ORDER BY count(*) DESC, u.name`;
  const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 1000 : 0);
  return rows.map((r) => ({
    ...r,
    callsPerHour: ratio(r.calls, r.activeHours),
    reachRate: ratio(r.reached, r.calls),
    conversionRate: ratio(r.converted, r.reached),
  }));
}

export interface CampaignOutcomes {
  campaignId: string | null;
  /** null: calls of tasks without a campaign (win-back, care, by hand) */
  name: string | null;
  calls: number;
  outcomes: Partial<Record<CallOutcome, number>>;
  salesCents: number;
}

/** Calls and their outcomes per campaign over [from, to) (tasks without a campaign together). */
export async function campaignOutcomes(sql: Sql, from: Date, to: Date): Promise<CampaignOutcomes[]> {
  const rows = await sql<CampaignOutcomes[]>`
    SELECT a.campaign_id AS "campaignId", c.name, sum(n)::int AS calls,
           jsonb_object_agg(a.outcome, n) AS outcomes, sum(sales)::float8 AS "salesCents"
      FROM (SELECT campaign_id, outcome, count(*) AS n,
                   coalesce(sum(amount_cents) FILTER (WHERE outcome = 'sale'), 0) AS sales
              FROM call_attempts
             WHERE created_at >= ${from.toISOString()}::timestamptz AND created_at < ${to.toISOString()}::timestamptz
             GROUP BY campaign_id, outcome) a
      LEFT JOIN campaigns c ON c.id = a.campaign_id
     GROUP BY a.campaign_id, c.name
     ORDER BY sum(n) DESC`;
  return [...rows];
}

export interface QueueTaskRow {
  id: number;
  contactId: number;
  name: string;
  source: string;
  reason: string;
  priority: number;
  dueAt: string;
  calls: number;
  lastOutcome: CallOutcome | null;
  lockedBy: string | null;
}

/** A queue's open tasks in the order "next" serves them (the top `limit`), for the queue view. */
export async function listQueueTasks(sql: Sql, queueId: string, limit: number): Promise<QueueTaskRow[]> {
  const rows = await sql<QueueTaskRow[]>`
    SELECT t.id::float8 AS id, t.contact_id::float8 AS "contactId",
           coalesce(nullif(trim(coalesce(ct.first_name, '') || ' ' || coalesce(ct.last_name, '')), ''), ct.company_name, '') AS name,
           t.source, t.reason, t.priority, ${isoSql(sql, sql`t.due_at`)} AS "dueAt", t.calls,
           t.last_outcome AS "lastOutcome", CASE WHEN t.locked_until > now() THEN u.name END AS "lockedBy"
      FROM callback_tasks t JOIN contacts ct ON ct.id = t.contact_id LEFT JOIN users u ON u.id = t.locked_by
     WHERE t.queue_id = ${queueId}::uuid AND t.status = 'open'
     ORDER BY t.priority DESC NULLS LAST, t.due_at, t.id
     LIMIT ${limit}`;
  return [...rows];
}
