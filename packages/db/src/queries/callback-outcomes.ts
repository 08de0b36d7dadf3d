import type { CallingRules } from '@relance/domain/callbacks/calling-rules';
import type { CallOutcomeInput } from '@relance/domain/callbacks/outcome-input';
import { type CallOutcome, outcomeEffect } from '@relance/domain/callbacks/vocabulary';
import { AppError } from '@relance/domain/errors';
import { assertNever } from '@relance/domain/vocabulary';
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { createCallbackTasks } from './callback-tasks';
import { applySendEvents } from './send-events-apply';

export interface RecordOutcomeInput {
  taskId: number;
  agentId: string;
  input: CallOutcomeInput;
  rules: CallingRules;
  at?: Date;
}

export interface RecordedOutcome {
  attemptId: number;
  taskStatus: 'open' | 'done' | 'cancelled';
  /** when the task comes back (open tasks) */
  dueAt: string | null;
  /** an event recorded on the task's send */
  event: string | null;
  /** a follow-up task created (the quote's reminder) */
  followUpTaskId: number | null;
}

/** The interaction log's subject for a call (French, as the contact file is kept). */
const SUBJECTS: Record<CallOutcome, string> = {
  no_answer: 'Appel : pas de réponse',
  voicemail: 'Appel : message laissé',
  wrong_number: 'Appel : faux numéro',
  callback: 'Appel : à rappeler',
  interested: 'Appel : intéressé, devis',
  sale: 'Appel : vente',
  not_interested: 'Appel : pas intéressé',
  lost: 'Appel : client perdu',
  do_not_call: 'Appel : ne plus appeler',
};

const euros = (cents: number) =>
  new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100);

function interactionBody(input: CallOutcomeInput): string {
  const parts: string[] = [];
  switch (input.outcome) {
    case 'sale':
      parts.push(`Montant : ${euros(input.amountCents)}`);
      break;
    case 'interested':
      if (input.amountCents !== undefined) parts.push(`Devis : ${euros(input.amountCents)}`);
      break;
    case 'not_interested':
      parts.push(`Raison : ${input.reason}`);
      break;
    case 'lost':
      parts.push(`Raison : ${input.lostReason}${input.competitor ? ` (${input.competitor})` : ''}`);
      break;
    case 'callback':
    case 'no_answer':
    case 'voicemail':
    case 'wrong_number':
    case 'do_not_call':
      break;
    default:
      assertNever(input, 'call outcome');
  }
  if (input.note) parts.push(input.note);
  return parts.join('\n');
}

/**
 * Records what became of a call on a task the agent holds, in one transaction: the call attempt (what the calling
 * rules and the managers' figures read), the task's next state (tried again later, called back at the time
 * given and kept for this agent, done, or cancelled with every other open task of the contact for "do not call"),
 * the contact's lock released, the call in the contact's interaction log, and what the outcome carries: the
 * event on the task's send (source `phone`, id the attempt's: sales won by phone count in the ROI per channel),
 * the lost reason, the phone numbers on the do-not-call list, the quote's reminder task.
 */
export async function recordCallOutcome(db: Db, options: RecordOutcomeInput): Promise<RecordedOutcome> {
  const { taskId, agentId, input, rules } = options;
  const at = options.at ?? new Date();
  const effect = outcomeEffect(input.outcome);
  return db.transaction(async (txDrizzle) => {
    const tx = txDrizzle as unknown as Db;
    const [task] = await tx.execute<{
      contact_id: string;
      send_id: string | null;
      campaign_id: string | null;
      step_id: string | null;
      queue_id: string;
      locked_at: string | null;
      phone: string | null;
      reason: string;
    }>(sql`
      SELECT contact_id, send_id, campaign_id, step_id, queue_id, locked_at, phone, reason FROM callback_tasks
       WHERE id = ${taskId} AND locked_by = ${agentId}::uuid AND status = 'open'
       FOR UPDATE`);
    if (!task)
      throw new AppError(
        'conflict',
        'This task is no longer yours (its lock ran out and another agent took it, or it was closed): press Next.',
      );
    const amount =
      input.outcome === 'sale' || input.outcome === 'interested' ? (input.amountCents ?? null) : null;
    const nextCallAt =
      input.outcome === 'callback'
        ? input.nextCallAt
        : (input.outcome === 'no_answer' || input.outcome === 'voicemail') && input.nextCallAt
          ? input.nextCallAt
          : input.outcome === 'no_answer'
            ? new Date(at.getTime() + rules.noAnswerRetryMinutes * 60_000)
            : input.outcome === 'voicemail'
              ? new Date(at.getTime() + rules.voicemailRetryMinutes * 60_000)
              : null;
    const [attempt] = await tx.execute<{ id: string }>(sql`
      INSERT INTO call_attempts (task_id, contact_id, send_id, campaign_id, queue_id, agent_id, outcome, amount_cents,
                                 reason, lost_reason, competitor, note, next_call_at, started_at, created_at)
      VALUES (${taskId}, ${task.contact_id}, ${task.send_id}, ${task.campaign_id}::uuid, ${task.queue_id}::uuid,
              ${agentId}::uuid, ${input.outcome}, ${amount},
              ${input.outcome === 'not_interested' ? input.reason : null},
              ${input.outcome === 'lost' ? input.lostReason : null},
              ${input.outcome === 'lost' ? input.competitor : null}, ${input.note || null},
              ${nextCallAt?.toISOString() ?? null}::timestamptz, ${task.locked_at}::timestamptz,
              ${at.toISOString()}::timestamptz)
      RETURNING id`);
    const attemptId = Number(attempt!.id);
    const open = effect.task === 'retry' || effect.task === 'reschedule';
    const status = open ? 'open' : effect.task === 'cancel' ? 'cancelled' : 'done';
    await tx.execute(sql`
      UPDATE callback_tasks
         SET status = ${status}, calls = calls + 1, last_outcome = ${input.outcome}, last_called_at = ${at.toISOString()}::timestamptz,
             due_at = coalesce(${nextCallAt?.toISOString() ?? null}::timestamptz, due_at),
             assigned_to = CASE WHEN ${effect.task === 'reschedule'} THEN ${agentId}::uuid ELSE assigned_to END,
             locked_by = NULL, locked_until = NULL,
             closed_at = CASE WHEN ${open} THEN NULL ELSE ${at.toISOString()}::timestamptz END
       WHERE id = ${taskId}`);
    await tx.execute(sql`DELETE FROM callback_contact_locks WHERE contact_id = ${task.contact_id}`);
    await tx.execute(sql`
      INSERT INTO interactions (contact_id, kind, subject, body, occurred_at, closed_at, user_id)
      VALUES (${task.contact_id}, 'call', ${SUBJECTS[input.outcome]}, ${interactionBody(input) || null},
              ${at.toISOString()}::timestamptz, ${open ? null : at.toISOString()}::timestamptz, ${agentId}::uuid)`);

    if (input.outcome === 'lost')
      await tx.execute(sql`
        INSERT INTO lost_reasons (contact_id, reason, competitor, note, lost_at, user_id)
        VALUES (${task.contact_id}, ${input.lostReason}, ${input.competitor}, ${input.note || null},
                ${at.toISOString()}::timestamptz, ${agentId}::uuid)`);
    if (input.outcome === 'do_not_call') {
      // every number of the contact goes on the do-not-call list (phone suppressions), and nothing else is called
      await tx.execute(sql`
        INSERT INTO suppressions (channel, address, reason, source, contact_id)
        SELECT 'phone', n, 'do_not_call', 'telemarketing', c.id
          FROM contacts c, unnest(ARRAY[${task.phone}::text, c.mobile, c.phone]) AS n
         WHERE c.id = ${task.contact_id} AND n IS NOT NULL
        ON CONFLICT DO NOTHING`);
      await tx.execute(sql`
        UPDATE callback_tasks SET status = 'cancelled', closed_at = ${at.toISOString()}::timestamptz,
                                  locked_by = NULL, locked_until = NULL
         WHERE contact_id = ${task.contact_id} AND status = 'open'`);
    }
    let followUpTaskId: number | null = null;
    if (input.outcome === 'interested') {
      const [id] = await createCallbackTasks(tx, [
        {
          source: 'quote_reminder',
          sourceKey: `call-${attemptId}`,
          contactId: Number(task.contact_id),
          reason: task.reason,
          detail: { quoteCents: amount, fromCall: attemptId },
          phone: task.phone,
          dueAt: new Date(at.getTime() + rules.quoteReminderDays * 86_400_000),
          sendId: task.send_id === null ? null : Number(task.send_id),
          campaignId: task.campaign_id,
          stepId: task.step_id,
          createdBy: agentId,
        },
      ]);
      followUpTaskId = id ?? null;
    }
    let event: string | null = null;
    if (task.send_id !== null && effect.event) {
      await applySendEvents(tx, [
        {
          sendId: Number(task.send_id),
          kind: effect.event,
          source: 'phone',
          sourceId: String(attemptId),
          amountCents: amount,
          occurredAt: at,
          detail: { outcome: input.outcome, taskId, agentId },
        },
      ]);
      event = effect.event;
    }
    return {
      attemptId,
      taskStatus: status,
      dueAt: open ? ((nextCallAt ?? null)?.toISOString() ?? null) : null,
      event,
      followUpTaskId,
    };
  });
}
