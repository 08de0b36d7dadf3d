import { sourceHotness, TIER_VALUE_SQL } from '@relance/domain/callbacks/priority';
import { type TaskSource, type TeamQueue, teamQueueOf } from '@relance/domain/callbacks/vocabulary';
import { sql } from 'drizzle-orm';
import type { Db } from '../client';

/** A task to create. `sourceKey` is unique within its source: the same task asked for twice is created once. */
export interface NewCallbackTask {
  source: TaskSource;
  sourceKey: string;
  contactId: number;
  /** why it is there, in words (the campaign's name, the score, the signal) */
  reason: string;
  detail?: Record<string, unknown>;
  /** the number to call when the source gave one (else the contact's mobile, then landline) */
  phone?: string | null;
  /** added to the source's hotness and the customer's value (e.g. a probability of leaving, a score) */
  priority?: number;
  /** not before this time; default now */
  dueAt?: Date | null;
  /** the send the task comes from: the call's outcome goes back to it */
  sendId?: number | null;
  campaignId?: string | null;
  stepId?: string | null;
  createdBy?: string | null;
  /** a team queue other than the source's own */
  queue?: TeamQueue;
}

/** A task's queue: its campaign's (campaign sources with a campaign) or its team's. */
export function queueKeyOf(task: Pick<NewCallbackTask, 'source' | 'campaignId' | 'queue'>): string {
  if (task.queue) return `team:${task.queue}`;
  const campaignSource =
    task.source === 'phone_step' || task.source === 'hot_prospect' || task.source === 'quote_reminder';
  return campaignSource && task.campaignId
    ? `campaign:${task.campaignId}`
    : `team:${teamQueueOf(task.source)}`;
}

const TEAM_NAMES: Record<string, string> = {
  'team:winback': 'Win-back',
  'team:prospects': 'Prospects',
  'team:care': 'Customer care',
};

const text = (values: readonly (string | null)[]) => sql`${sql.param(values)}::text[]`;

/**
 * Makes sure the queues exist: the team queues, and one per campaign (named after it), created on first use.
 */
export async function ensureQueues(db: Db, keys: readonly string[]): Promise<void> {
  const unique = [...new Set(keys)];
  const teams = unique.filter((k) => k.startsWith('team:'));
  const campaignIds = unique.filter((k) => k.startsWith('campaign:')).map((k) => k.slice('campaign:'.length));
  if (teams.length > 0)
    await db.execute(sql`
      INSERT INTO callback_queues (key, kind, name)
      SELECT k, 'team', n FROM unnest(${text(teams)}, ${text(teams.map((t) => TEAM_NAMES[t] ?? t.slice(5)))}) AS v(k, n)
      ON CONFLICT (key) DO NOTHING`);
  if (campaignIds.length > 0)
    await db.execute(sql`
      INSERT INTO callback_queues (key, kind, name, campaign_id)
      SELECT 'campaign:' || c.id, 'campaign', c.name, c.id FROM campaigns c WHERE c.id = ANY(${text(campaignIds)}::uuid[])
      ON CONFLICT (key) DO NOTHING`);
}

/**
 * Creates tasks in one INSERT ... SELECT over arrays, idempotent on (source, source key): a retried batch, a
 * re-run feed or a webhook delivered twice creates nothing more. The priority is the source's hotness, plus the
 * customer's value tier, plus the task's own `priority`. Tasks for contacts that no longer exist are left out.
 * Answers the ids of the tasks created now.
 */
export async function createCallbackTasks(db: Db, tasks: readonly NewCallbackTask[]): Promise<number[]> {
  if (tasks.length === 0) return [];
  const keys = tasks.map(queueKeyOf);
  await ensureQueues(db, keys);
  const rows = await db.execute<{ id: string }>(sql`
    INSERT INTO callback_tasks (queue_id, contact_id, source, source_key, send_id, campaign_id, step_id, phone,
                                reason, detail, priority, due_at, created_by)
    SELECT q.id, v.contact_id, v.source, v.source_key, v.send_id, v.campaign_id, v.step_id, v.phone, v.reason,
           coalesce(v.detail, '{}'::jsonb), v.priority + ${sql.raw(TIER_VALUE_SQL('ci.tier'))},
           coalesce(v.due_at, now()), v.created_by
      FROM unnest(${text(keys)}, ${text(tasks.map((t) => String(t.contactId)))}::bigint[],
                  ${text(tasks.map((t) => t.source))}::callback_task_source[], ${text(tasks.map((t) => t.sourceKey))},
                  ${text(tasks.map((t) => (t.sendId == null ? null : String(t.sendId))))}::bigint[],
                  ${text(tasks.map((t) => t.campaignId ?? null))}::uuid[], ${text(tasks.map((t) => t.stepId ?? null))}::uuid[],
                  ${text(tasks.map((t) => t.phone ?? null))}, ${text(tasks.map((t) => t.reason))},
                  ${text(tasks.map((t) => (t.detail ? JSON.stringify(t.detail) : null)))}::jsonb[],
                  ${text(tasks.map((t) => String(Math.round(sourceHotness(t.source) + (t.priority ?? 0)))))}::int[],
                  ${text(tasks.map((t) => t.dueAt?.toISOString() ?? null))}::timestamptz[],
                  ${text(tasks.map((t) => t.createdBy ?? null))}::uuid[])
           AS v(queue_key, contact_id, source, source_key, send_id, campaign_id, step_id, phone, reason, detail,
                priority, due_at, created_by)
      JOIN callback_queues q ON q.key = v.queue_key
      JOIN contacts c ON c.id = v.contact_id
      LEFT JOIN contact_indicators ci ON ci.contact_id = v.contact_id
    ON CONFLICT (source, source_key) DO NOTHING
    RETURNING id`);
  return rows.map((r) => Number(r.id));
}

/** A phone step's send that the phone adapter turned into a callback request. */
export interface PhoneStepTask {
  sendId: number;
  contactId: number;
  phone: string | null;
  dueAt: Date | null;
  priority: number;
}

/**
 * A batch of phone-step sends becomes tasks, in one transaction: one INSERT for the tasks (each tied to its send,
 * campaign and step; UNIQUE on the send, so a retried batch creates no duplicate), then the sends are marked sent
 * (provider id `callback-task`) for the claim that holds them. Answers how many sends were marked.
 */
export async function recordPhoneStepTasks(
  db: Db,
  token: string,
  tasks: readonly PhoneStepTask[],
): Promise<number> {
  if (tasks.length === 0) return 0;
  return db.transaction(async (tx) => {
    const ids = text(tasks.map((t) => String(t.sendId)));
    const held = await tx.execute<{ id: string; campaign_id: string; step_id: string }>(sql`
      SELECT id, campaign_id, step_id FROM sends
       WHERE id = ANY(${ids}::bigint[]) AND claim_token = ${token} AND status IN ('sending', 'unknown')`);
    const campaignOf = new Map(held.map((r) => [Number(r.id), r]));
    const names = await tx.execute<{ step_id: string; name: string; position: number }>(sql`
      SELECT s.id AS step_id, c.name, s.position FROM campaign_steps s JOIN campaigns c ON c.id = s.campaign_id
       WHERE s.id = ANY(${text([...new Set(held.map((r) => r.step_id))])}::uuid[])`);
    const stepOf = new Map(names.map((n) => [n.step_id, n]));
    const mine = tasks.filter((t) => campaignOf.has(t.sendId));
    await createCallbackTasks(
      tx as unknown as Db,
      mine.map((t) => {
        const send = campaignOf.get(t.sendId)!;
        const step = stepOf.get(send.step_id);
        return {
          source: 'phone_step',
          sourceKey: String(t.sendId),
          contactId: t.contactId,
          reason: step ? step.name : 'Phone step',
          detail: step ? { campaign: step.name, step: Number(step.position) } : {},
          phone: t.phone,
          priority: t.priority,
          dueAt: t.dueAt,
          sendId: t.sendId,
          campaignId: send.campaign_id,
          stepId: send.step_id,
        };
      }),
    );
    const marked = await tx.execute(sql`
      UPDATE sends SET status = 'sent', provider_id = 'callback-task', finished_at = now(), error = NULL
       WHERE id = ANY(${ids}::bigint[]) AND claim_token = ${token} AND status IN ('sending', 'unknown')`);
    return marked.count;
  });
}
