import { AppError } from '@relance/domain/errors';
import { type FollowUpStage, planMove } from '@relance/domain/tracking/follow-up';
import type { FollowUpEditInput, FollowUpMoveInput } from '@relance/domain/tracking/follow-up-input';
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { refreshNextReminder } from './follow-up-reminders';
import { cancelPendingReminders } from './follow-ups-sync';
import { applySendEvents } from './send-events-apply';

type Locked = {
  id: string;
  send_id: string;
  contact_id: string;
  stage: FollowUpStage;
  version: number;
};

/** The follow-up, locked for the rest of the transaction, checked against the version the caller loaded. */
async function lockAtVersion(tx: Db, id: number, version: number): Promise<Locked> {
  const [row] = await tx.execute<Locked>(sql`
    SELECT id, send_id, contact_id, stage, version FROM follow_ups WHERE id = ${id} FOR UPDATE`);
  if (!row) throw AppError.notFound(`Follow-up ${id}`);
  if (row.version !== version)
    throw new AppError(
      'conflict',
      `This follow-up changed since you loaded it (version ${row.version}, yours ${version}): reload it and try again.`,
    );
  return row;
}

/**
 * A move on the board, in one transaction: the follow-up is locked and checked against the version loaded (a
 * stale card gets a conflict and nothing changes), the stage machine says whether the move is allowed, the event
 * it records goes through applySendEvents (source `follow_up`, source id `fu<id>-v<version>`: unique per move,
 * and the same move replayed at the same version is one event) so that the board counts quotes, reminders and
 * sales and syncFollowUps moves the stage and the amounts; then what only the move knows: the lost reason, a
 * reopen, the reminder made (the one given, or the earliest pending), the move in the history. Returns the new
 * version.
 */
export async function moveFollowUp(
  db: Db,
  id: number,
  input: FollowUpMoveInput,
  userId: string | null,
): Promise<{ version: number; stage: FollowUpStage }> {
  return db.transaction(async (tx) => {
    const current = await lockAtVersion(tx, id, input.version);
    const plan = planMove(current.stage, input);
    if (!plan.ok) throw AppError.validation(plan.message, [{ field: 'kind', message: plan.message }]);
    const at = new Date();
    if (plan.event) {
      await applySendEvents(tx, [
        {
          sendId: Number(current.send_id),
          kind: plan.event.kind,
          source: 'follow_up',
          sourceId: `fu${id}-v${current.version}`,
          amountCents: plan.event.amountCents,
          occurredAt: at,
          detail: { followUpId: id, userId, move: input.kind },
        },
      ]);
    }
    const lost = input.kind === 'lost' ? input : null;
    const note = input.kind === 'remind' ? input.note : null;
    const [row] = await tx.execute<{ version: number; stage: FollowUpStage }>(sql`
      UPDATE follow_ups SET
        stage = ${plan.to},
        stage_at = CASE WHEN stage = ${plan.to} THEN stage_at ELSE ${at.toISOString()}::timestamptz END,
        lost_reason = ${lost ? lost.reason : sql`CASE WHEN ${plan.to} = 'lost' THEN lost_reason END`},
        competitor = ${lost ? lost.competitor : sql`CASE WHEN ${plan.to} = 'lost' THEN competitor END`},
        -- the first person to work an unowned follow-up takes it (their due list shows its reminders)
        owner_id = coalesce(owner_id, ${userId}::uuid),
        version = version + 1, updated_at = now()
       WHERE id = ${id}
      RETURNING version, stage`);
    await tx.execute(sql`
      INSERT INTO follow_up_moves (follow_up_id, contact_id, kind, from_stage, to_stage, amount_cents, lost_reason,
                                   competitor, note, user_id, at)
      VALUES (${id}, ${current.contact_id}, ${input.kind}, ${current.stage}, ${plan.to},
              ${plan.event?.amountCents ?? null}, ${lost?.reason ?? null}, ${lost?.competitor ?? null}, ${note},
              ${userId}, ${at.toISOString()})`);
    if (input.kind === 'remind') await markReminderDone(tx, id, input.reminderId ?? null, userId);
    if (plan.to === 'sale' || plan.to === 'lost') await cancelPendingReminders(tx, [String(id)]);
    return { version: row!.version, stage: row!.stage };
  });
}

/** The reminder made: the one named (it must be this follow-up's and pending), else the earliest pending one. */
async function markReminderDone(
  tx: Db,
  followUpId: number,
  reminderId: number | null,
  userId: string | null,
) {
  const done = await tx.execute<{ id: string }>(sql`
    UPDATE follow_up_reminders SET done_at = now(), done_by = ${userId}
     WHERE id = (SELECT id FROM follow_up_reminders
                  WHERE follow_up_id = ${followUpId} AND done_at IS NULL AND cancelled_at IS NULL
                    ${reminderId === null ? sql`` : sql`AND id = ${reminderId}`}
                  ORDER BY due_at, id LIMIT 1)
    RETURNING id`);
  if (reminderId !== null && done.length === 0)
    throw AppError.validation(`Reminder ${reminderId} is not a pending reminder of this follow-up.`, [
      { field: 'reminderId', message: 'Not a pending reminder of this follow-up' },
    ]);
  await refreshNextReminder(tx, followUpId);
}

/** The notes and the owner, at the version loaded (a conflict otherwise). */
export async function editFollowUp(
  db: Db,
  id: number,
  input: FollowUpEditInput,
): Promise<{ version: number }> {
  return db.transaction(async (tx) => {
    await lockAtVersion(tx, id, input.version);
    if (input.ownerId) {
      const [owner] = await tx.execute(sql`SELECT 1 FROM users WHERE id = ${input.ownerId} AND active`);
      if (!owner)
        throw AppError.validation('No active user has this id.', [
          { field: 'ownerId', message: 'Choose a user' },
        ]);
    }
    const [row] = await tx.execute<{ version: number }>(sql`
      UPDATE follow_ups SET notes = ${input.notes},
             owner_id = ${input.ownerId === undefined ? sql`owner_id` : input.ownerId},
             version = version + 1, updated_at = now()
       WHERE id = ${id} RETURNING version`);
    return { version: row!.version };
  });
}
