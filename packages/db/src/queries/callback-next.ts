import {
  type CallingRules,
  COUNTRY_TIME_ZONES,
  openCallingCountries,
} from '@relance/domain/callbacks/calling-rules';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client';

const text = (values: readonly (string | null)[]) => sql`${sql.param(values)}::text[]`;
const ts = (at: Date) => sql`${at.toISOString()}::timestamptz`;

/**
 * Whether the contact may be called at `at` under the rules, as SQL on `t` (callback_tasks) and `ct` (contacts):
 * inside the calling hours of the contact's local time (their country's time zone; the days, ranges and French
 * public holidays computed once per zone by the domain, openCallingCountries), fewer calls than the maximum over the
 * last days, no refusal in the refusal period, no phone suppression (the do-not-call list) on any of the contact's
 * numbers.
 */
export function callableSql(rules: CallingRules, at: Date): SQL {
  const open = openCallingCountries(rules, at);
  const known = Object.keys(COUNTRY_TIME_ZONES);
  return sql`(
    (ct.country = ANY(${text(open.countries)}) OR (${open.elsewhere} AND ct.country <> ALL(${text(known)})))
    AND (SELECT count(*) FROM call_attempts a
          WHERE a.contact_id = t.contact_id
            AND a.created_at > ${ts(at)} - make_interval(days => ${rules.attemptWindowDays})) < ${rules.maxAttempts}
    AND NOT EXISTS (SELECT 1 FROM call_attempts a
          WHERE a.contact_id = t.contact_id AND a.outcome IN ('not_interested', 'lost', 'do_not_call')
            AND a.created_at > ${ts(at)} - make_interval(days => ${rules.refusalDays}))
    AND NOT EXISTS (SELECT 1 FROM suppressions s
          WHERE s.channel = 'phone' AND s.address = ANY(ARRAY[t.phone, ct.mobile, ct.phone]))
  )`;
}

/**
 * Whether `agentId` may take the task now: open and due, not locked by someone (or expired), a promised callback
 * kept for the agent who promised it for an hour after its time, its contact not held by another agent, and in a
 * queue the agent works (its agents, or anyone when it names none).
 */
export function takeableSql(rules: CallingRules, at: Date, agentId: string): SQL {
  return sql`(
    t.status = 'open' AND t.due_at <= ${ts(at)}
    AND (t.locked_until IS NULL OR t.locked_until <= ${ts(at)})
    AND (t.assigned_to IS NULL OR t.assigned_to = ${agentId}::uuid OR t.due_at <= ${ts(at)} - interval '1 hour')
    AND (cardinality(q.agent_ids) = 0 OR ${agentId}::uuid = ANY(q.agent_ids))
    AND NOT EXISTS (SELECT 1 FROM callback_contact_locks l
                     WHERE l.contact_id = t.contact_id AND l.locked_until > ${ts(at)} AND l.agent_id <> ${agentId}::uuid)
    AND ${callableSql(rules, at)}
  )`;
}

export interface TakeOptions {
  agentId: string;
  /** the queues to take from; null: every queue the agent works */
  queueIds: readonly string[] | null;
  rules: CallingRules;
  at?: Date;
}

/** The task the agent holds now (a live lock), if any: found from the small table of contact locks. */
export async function heldTask(db: Db, agentId: string, at = new Date()): Promise<number | null> {
  const [row] = await db.execute<{ id: string }>(sql`
    SELECT t.id FROM callback_contact_locks l JOIN callback_tasks t ON t.id = l.task_id
     WHERE l.agent_id = ${agentId}::uuid AND l.locked_until > ${ts(at)}
       AND t.locked_by = ${agentId}::uuid AND t.locked_until > ${ts(at)} AND t.status = 'open'
     ORDER BY t.locked_at DESC LIMIT 1`);
  return row ? Number(row.id) : null;
}

/**
 * "Next": the agent's task, locked to them until the rules' lock time. An agent holding a task gets it back (one
 * at a time). Otherwise the best takeable task (priority, then due time) is locked in one statement: the row with
 * FOR UPDATE SKIP LOCKED (two agents at the same moment take two different rows), its contact in
 * callback_contact_locks (the primary key makes two tasks of the same contact, taken at the same moment by two
 * agents, go to one of them only: the other's upsert finds the live lock and takes nothing, and tries the next
 * task). The agent's own requests are serialised by a transaction-scoped advisory lock.
 */
export async function takeNextTask(db: Db, options: TakeOptions): Promise<number | null> {
  const at = options.at ?? new Date();
  const { agentId, rules } = options;
  const until = new Date(at.getTime() + rules.lockMinutes * 60_000);
  const queues = options.queueIds ? sql`t.queue_id = ANY(${text([...options.queueIds])}::uuid[])` : sql`true`;
  const open = openCallingCountries(rules, at);
  const nowhere = open.countries.length === 0 && !open.elsewhere;
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('callback-agent'), hashtext(${agentId}))`);
    const held = await heldTask(tx as unknown as Db, agentId, at);
    if (held !== null || nowhere) return held;
    const skipped: string[] = [];
    for (let i = 0; i < 8; i++) {
      const [row] = await tx.execute<{ picked: string | null; taken: string | null }>(sql`
        WITH pick AS (
          SELECT t.id, t.contact_id FROM callback_tasks t
            JOIN callback_queues q ON q.id = t.queue_id
            JOIN contacts ct ON ct.id = t.contact_id
           WHERE ${queues} AND t.id <> ALL(${text(skipped)}::bigint[]) AND ${takeableSql(rules, at, agentId)}
           ORDER BY t.priority DESC NULLS LAST, t.due_at, t.id
           LIMIT 1
           FOR UPDATE OF t SKIP LOCKED
        ), contact_lock AS (
          INSERT INTO callback_contact_locks AS l (contact_id, task_id, agent_id, locked_until)
          SELECT contact_id, id, ${agentId}::uuid, ${ts(until)} FROM pick
          ON CONFLICT (contact_id) DO UPDATE
             SET task_id = excluded.task_id, agent_id = excluded.agent_id, locked_until = excluded.locked_until
           WHERE l.locked_until <= ${ts(at)} OR l.agent_id = excluded.agent_id
          RETURNING task_id
        ), taken AS (
          UPDATE callback_tasks t SET locked_by = ${agentId}::uuid, locked_until = ${ts(until)}, locked_at = ${ts(at)}
            FROM contact_lock WHERE t.id = contact_lock.task_id
          RETURNING t.id
        )
        SELECT (SELECT id FROM pick) AS picked, (SELECT id FROM taken) AS taken`);
      if (row?.taken) return Number(row.taken);
      if (!row?.picked) return null;
      // another agent holds this contact (from another task, taken at the same moment): try the next one
      skipped.push(row.picked);
    }
    return null;
  });
}

/** Gives a held task back to the queue (the agent skips it or leaves): its lock and its contact's are released. */
export async function releaseTask(db: Db, taskId: number, agentId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx.execute(sql`
      UPDATE callback_tasks SET locked_by = NULL, locked_until = NULL
       WHERE id = ${taskId} AND locked_by = ${agentId}::uuid AND status = 'open'`);
    await tx.execute(
      sql`DELETE FROM callback_contact_locks WHERE task_id = ${taskId} AND agent_id = ${agentId}::uuid`,
    );
    return rows.count > 0;
  });
}

/** The agent is still on it: the lock (task and contact) runs again for the rules' lock time. */
export async function extendLock(
  db: Db,
  taskId: number,
  agentId: string,
  rules: CallingRules,
  at = new Date(),
): Promise<string | null> {
  const until = new Date(at.getTime() + rules.lockMinutes * 60_000);
  return db.transaction(async (tx) => {
    const rows = await tx.execute(sql`
      UPDATE callback_tasks SET locked_until = ${ts(until)}
       WHERE id = ${taskId} AND locked_by = ${agentId}::uuid AND locked_until > ${ts(at)} AND status = 'open'`);
    if (rows.count === 0) return null;
    await tx.execute(sql`
      UPDATE callback_contact_locks SET locked_until = ${ts(until)} WHERE task_id = ${taskId} AND agent_id = ${agentId}::uuid`);
    return until.toISOString();
  });
}
