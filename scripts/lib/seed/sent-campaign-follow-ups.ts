import type { Database } from '@relance/db/client';
import { sweepReminders } from '@relance/db/queries/follow-up-reminders';
import { applySendEvents } from '@relance/db/queries/send-events-apply';

const DAY = 86_400_000;

/**
 * The sent campaign's follow-ups (opened by its responses, quotes and sales in applySendEvents) all handed to
 * the demo marketer, with what a marketer's week leaves on them: why the lost ones were lost; a phone reminder done
 * on each quote older than three days (recorded as a `reminded` event, so the board counts it); and one pending
 * reminder on every open card, a third of them overdue (flagged by the reminders' sweep), a third due today and
 * the rest in the coming days — so the follow-up board and the due list show every case.
 */
export async function seedDemoFollowUpReminders(
  database: Database,
  campaignId: string,
  marketerId: string | null,
): Promise<void> {
  const { sql } = database;
  const now = new Date();
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  // the campaign's marketer follows its answers up, those of the account manager's companies too
  await sql`UPDATE follow_ups SET owner_id = ${marketerId} WHERE campaign_id = ${campaignId}`;
  await sql`
    UPDATE follow_ups
       SET lost_reason = (ARRAY['price', 'competitor', 'service'])[1 + id % 3]::lost_reason,
           competitor = CASE WHEN id % 3 = 1 THEN 'Direct Discount' END
     WHERE campaign_id = ${campaignId} AND stage = 'lost'`;

  // the quotes chased by phone three days after they were sent
  const chased = await sql<{ id: string; send_id: number; due_at: Date }[]>`
    INSERT INTO follow_up_reminders (follow_up_id, due_at, note, created_by, created_at, done_at, done_by)
    SELECT id, stage_at + interval '3 days', 'Rappeler pour le devis', ${marketerId}, stage_at,
           stage_at + interval '3 days 2 hours', ${marketerId}
      FROM follow_ups
     WHERE campaign_id = ${campaignId} AND stage = 'quote' AND stage_at + interval '3 days 2 hours' < now()
     ORDER BY id
    RETURNING follow_up_id AS id,
              (SELECT send_id::float8 FROM follow_ups f WHERE f.id = follow_up_id) AS send_id, due_at`;
  await applySendEvents(
    database.db,
    chased.map((c) => ({
      sendId: c.send_id,
      kind: 'reminded' as const,
      source: 'follow_up' as const,
      sourceId: `demo-reminder-${c.id}`,
      occurredAt: new Date(new Date(c.due_at).getTime() + 2 * 3_600_000),
      detail: { followUpId: Number(c.id), userId: marketerId },
    })),
  );

  // the next reminder of every open card: overdue, today, or in the coming days
  await sql`
    WITH open AS (
      SELECT id, row_number() OVER (ORDER BY id) AS n FROM follow_ups
       WHERE campaign_id = ${campaignId} AND stage IN ('response', 'quote'))
    INSERT INTO follow_up_reminders (follow_up_id, due_at, note, created_by, created_at)
    SELECT id,
           CASE n % 3 WHEN 0 THEN ${today.toISOString()}::timestamptz - (1 + n % 4) * interval '1 day' + interval '9 hours'
                      WHEN 1 THEN ${today.toISOString()}::timestamptz + interval '15 hours'
                      ELSE ${new Date(today.getTime() + 2 * DAY).toISOString()}::timestamptz + (n % 4) * interval '1 day'
                             + interval '10 hours' END,
           (ARRAY['Rappeler : intéressé par l’offre', 'Envoyer le devis révisé', 'Proposer un rendez-vous en boutique'])[1 + n % 3],
           ${marketerId}, ${today.toISOString()}::timestamptz - interval '6 days'
      FROM open ORDER BY id`;
  await sql`
    UPDATE follow_ups f SET next_reminder_at = r.due
      FROM (SELECT follow_up_id, min(due_at) AS due FROM follow_up_reminders
             WHERE done_at IS NULL AND cancelled_at IS NULL GROUP BY follow_up_id) r
     WHERE f.id = r.follow_up_id AND f.campaign_id = ${campaignId}`;
  // flags the overdue ones, as the nightly sweep does
  await sweepReminders(database.db);
}
