import { AppError } from '@relance/domain/errors';
import type { ReminderInput } from '@relance/domain/tracking/follow-up-input';
import { sql } from 'drizzle-orm';
import type { Db } from '../client';

/** The workspace's time zone: "today" in the due list is a day in Paris (DESIGN.md). */
const TIME_ZONE = 'Europe/Paris';

/** An open follow-up left without a pending reminder gets one this many days after its last move or reminder. */
export const AUTO_REMINDER_DAYS = 3;

export interface Reminder {
  id: number;
  dueAt: string;
  note: string | null;
  automatic: boolean;
  doneAt: string | null;
  cancelledAt: string | null;
  overdueAt: string | null;
}

/** The follow-up's next reminder: its earliest pending one (none when all are done or cancelled). */
export async function refreshNextReminder(tx: Db, followUpId: number): Promise<void> {
  await tx.execute(sql`
    UPDATE follow_ups SET next_reminder_at = (
      SELECT min(due_at) FROM follow_up_reminders
       WHERE follow_up_id = ${followUpId} AND done_at IS NULL AND cancelled_at IS NULL)
     WHERE id = ${followUpId}`);
}

/** A reminder on an open follow-up (response or quote: a closed one has nothing left to remind). */
export async function scheduleReminder(
  db: Db,
  followUpId: number,
  input: ReminderInput,
  userId: string | null,
): Promise<Reminder> {
  return db.transaction(async (tx) => {
    const [fu] = await tx.execute<{ stage: string }>(
      sql`SELECT stage FROM follow_ups WHERE id = ${followUpId} FOR UPDATE`,
    );
    if (!fu) throw AppError.notFound(`Follow-up ${followUpId}`);
    if (fu.stage !== 'response' && fu.stage !== 'quote')
      throw AppError.validation(`This follow-up is closed (${fu.stage}): there is nothing left to remind.`, [
        { field: 'dueAt', message: 'The follow-up is closed' },
      ]);
    const [row] = await tx.execute<{
      id: string;
      due_at: string;
      note: string | null;
      automatic: boolean;
    }>(sql`
      INSERT INTO follow_up_reminders (follow_up_id, due_at, note, created_by)
      VALUES (${followUpId}, ${input.dueAt.toISOString()}, ${input.note}, ${userId})
      RETURNING id, due_at, note, automatic`);
    await refreshNextReminder(tx, followUpId);
    // whoever schedules a reminder on an unowned follow-up takes it: the reminder shows in their due list
    if (userId)
      await tx.execute(
        sql`UPDATE follow_ups SET owner_id = ${userId} WHERE id = ${followUpId} AND owner_id IS NULL`,
      );
    return {
      id: Number(row!.id),
      dueAt: new Date(row!.due_at).toISOString(),
      note: row!.note,
      automatic: row!.automatic,
      doneAt: null,
      cancelledAt: null,
      overdueAt: null,
    };
  });
}

export interface DueReminder {
  id: number;
  dueAt: string;
  note: string | null;
  automatic: boolean;
  /** past due (the sweep flagged it, or it is past its time now) */
  overdue: boolean;
  overdueSince: string | null;
  followUp: {
    id: number;
    version: number;
    stage: string;
    quoteCents: number | null;
    campaignId: string;
    campaignName: string;
    owner: { id: string; name: string } | null;
  };
  contact: { id: number; firstName: string | null; lastName: string | null; companyName: string | null };
}

export interface DueCursor {
  dueAt: string;
  id: number;
}

/**
 * The reminders due by the end of today (Paris), overdue first (oldest first), for one owner or for everyone
 * (ownerId null); keyset pages on (due time, id) through the pending reminders' partial index.
 */
export async function dueReminders(
  db: Db,
  options: { ownerId: string | null; limit: number; after: DueCursor | null },
): Promise<{ items: DueReminder[]; next: DueCursor | null }> {
  const rows = await db.execute<{
    id: string;
    due_at: string;
    note: string | null;
    automatic: boolean;
    overdue_at: string | null;
    overdue: boolean;
    follow_up_id: string;
    version: number;
    stage: string;
    quote_cents: string | null;
    campaign_id: string;
    campaign_name: string;
    owner_id: string | null;
    owner_name: string | null;
    contact_id: string;
    first_name: string | null;
    last_name: string | null;
    company_name: string | null;
  }>(sql`
    SELECT r.id, r.due_at, r.note, r.automatic, r.overdue_at, (r.due_at < now()) AS overdue,
           f.id AS follow_up_id, f.version, f.stage, f.quote_cents, f.campaign_id, cp.name AS campaign_name,
           f.owner_id, u.name AS owner_name, c.id AS contact_id, c.first_name, c.last_name, c.company_name
      FROM follow_up_reminders r
      JOIN follow_ups f ON f.id = r.follow_up_id
      JOIN contacts c ON c.id = f.contact_id
      JOIN campaigns cp ON cp.id = f.campaign_id
      LEFT JOIN users u ON u.id = f.owner_id
     WHERE r.done_at IS NULL AND r.cancelled_at IS NULL
       AND r.due_at < ((date_trunc('day', now() AT TIME ZONE ${TIME_ZONE}) + interval '1 day') AT TIME ZONE ${TIME_ZONE})
       ${options.ownerId ? sql`AND f.owner_id = ${options.ownerId}` : sql``}
       ${options.after ? sql`AND (r.due_at, r.id) > (${options.after.dueAt}::timestamptz, ${options.after.id})` : sql``}
     ORDER BY r.due_at, r.id
     LIMIT ${options.limit + 1}`);
  const items = rows.slice(0, options.limit).map((r) => ({
    id: Number(r.id),
    dueAt: new Date(r.due_at).toISOString(),
    note: r.note,
    automatic: r.automatic,
    overdue: r.overdue,
    overdueSince: r.overdue_at ? new Date(r.overdue_at).toISOString() : null,
    followUp: {
      id: Number(r.follow_up_id),
      version: r.version,
      stage: r.stage,
      quoteCents: r.quote_cents === null ? null : Number(r.quote_cents),
      campaignId: r.campaign_id,
      campaignName: r.campaign_name,
      owner: r.owner_id ? { id: r.owner_id, name: r.owner_name ?? '' } : null,
    },
    contact: {
      id: Number(r.contact_id),
      firstName: r.first_name,
      lastName: r.last_name,
      companyName: r.company_name,
    },
  }));
  const last = items.at(-1);
  return { items, next: rows.length > options.limit && last ? { dueAt: last.dueAt, id: last.id } : null };
}

/** How many reminders are due today and how many of them are overdue, for the navigation's badge. */
export async function dueReminderCount(
  db: Db,
  ownerId: string | null,
): Promise<{ due: number; overdue: number }> {
  const [row] = await db.execute<{ due: number; overdue: number }>(sql`
    SELECT count(*)::int AS due, count(*) FILTER (WHERE r.due_at < now())::int AS overdue
      FROM follow_up_reminders r JOIN follow_ups f ON f.id = r.follow_up_id
     WHERE r.done_at IS NULL AND r.cancelled_at IS NULL
       AND r.due_at < ((date_trunc('day', now() AT TIME ZONE ${TIME_ZONE}) + interval '1 day') AT TIME ZONE ${TIME_ZONE})
       ${ownerId ? sql`AND f.owner_id = ${ownerId}` : sql``}`);
  return { due: row?.due ?? 0, overdue: row?.overdue ?? 0 };
}

/**
 * The worker's sweep (every quarter of an hour), two set-based statements:
 * - every open follow-up (response, quote) left without a pending reminder gets one, AUTO_REMINDER_DAYS after its
 *   last move or its last reminder made (now, when that is past): a response is never forgotten;
 * - reminders that went past due since the last sweep are flagged overdue (`overdue_at`: the due list and the
 *   cards show since when, the navigation counts them).
 */
export async function sweepReminders(db: Db): Promise<{ scheduled: number; flagged: number }> {
  return db.transaction(async (tx) => {
    const scheduled = await tx.execute(sql`
      WITH needing AS (
        SELECT f.id,
               greatest(now(), greatest(f.stage_at, coalesce(
                 (SELECT max(done_at) FROM follow_up_reminders d WHERE d.follow_up_id = f.id), f.stage_at))
                 + make_interval(days => ${AUTO_REMINDER_DAYS})) AS due_at
          FROM follow_ups f
         WHERE f.stage IN ('response', 'quote')
           AND NOT EXISTS (SELECT 1 FROM follow_up_reminders p
                            WHERE p.follow_up_id = f.id AND p.done_at IS NULL AND p.cancelled_at IS NULL)
      ), added AS (
        INSERT INTO follow_up_reminders (follow_up_id, due_at, automatic)
        SELECT id, due_at, true FROM needing ORDER BY id
        RETURNING follow_up_id, due_at
      )
      UPDATE follow_ups f SET next_reminder_at = a.due_at FROM added a WHERE f.id = a.follow_up_id
      RETURNING f.id`);
    const flagged = await tx.execute(sql`
      UPDATE follow_up_reminders SET overdue_at = now()
       WHERE done_at IS NULL AND cancelled_at IS NULL AND overdue_at IS NULL AND due_at < now()
      RETURNING id`);
    return { scheduled: scheduled.length, flagged: flagged.length };
  });
}
