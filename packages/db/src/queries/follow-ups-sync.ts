import {
  FOLLOW_UP_EVENT_KINDS,
  FOLLOW_UP_STAGES,
  type FollowUpStage,
  stageOfEvent,
  stageRank,
} from '@relance/domain/tracking/follow-up';
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import type { RecordedEvent } from './send-events-apply';

const text = (values: readonly (string | null)[]) => sql`${sql.param(values)}::text[]`;

/** The stages in rank order, as a SQL array: a stage's rank is its position in it. */
export const STAGES_BY_RANK = sql.raw(
  `ARRAY[${[...FOLLOW_UP_STAGES]
    .sort((a, b) => stageRank(a) - stageRank(b))
    .map((s) => `'${s}'`)
    .join(',')}]::follow_up_stage[]`,
);

interface PerSend {
  sendId: number;
  /** the highest stage the batch's events put it at (null: only reminders) */
  stage: FollowUpStage | null;
  opens: boolean;
  quoteCents: number | null;
  saleCents: number | null;
  reminders: number;
  at: Date;
}

const opening = new Set<string>(FOLLOW_UP_EVENT_KINDS);

/** What a batch of new events does to each send's follow-up, in memory (the batch is already in memory). */
export function followUpChanges(events: readonly RecordedEvent[]): PerSend[] {
  const bySend = new Map<number, PerSend>();
  for (const e of events) {
    const stage = stageOfEvent(e.kind);
    if (!stage && e.kind !== 'reminded') continue;
    const row = bySend.get(e.sendId) ?? {
      sendId: e.sendId,
      stage: null,
      opens: false,
      quoteCents: null,
      saleCents: null,
      reminders: 0,
      at: e.occurredAt,
    };
    if (stage && (row.stage === null || stageRank(stage) > stageRank(row.stage))) row.stage = stage;
    if (opening.has(e.kind)) row.opens = true;
    if (e.kind === 'quoted' && e.amountCents > 0) row.quoteCents = (row.quoteCents ?? 0) + e.amountCents;
    if (e.kind === 'sold' && e.amountCents > 0) row.saleCents = (row.saleCents ?? 0) + e.amountCents;
    if (e.kind === 'reminded') row.reminders += e.events;
    if (e.occurredAt < row.at) row.at = e.occurredAt;
    bySend.set(e.sendId, row);
  }
  return [...bySend.values()].sort((a, b) => a.sendId - b.sendId);
}

/**
 * Keeps the follow-ups in step with the events just recorded (applySendEvents calls it in its transaction, with
 * the new events only, so a re-delivered event changes nothing): a response, a quote or a sale opens the send's
 * follow-up if it has none (at the stage of the highest of them: a sale at a counter opens it at "sale", owned by
 * the contact's owner); on an existing one, an event moves the stage only up (stageRank: a late "responded" never
 * moves a quote back), a quote sets the quoted amount, a sale adds its amount, a reminder counts. A follow-up that
 * closes (sale, lost) has its pending reminders cancelled. One statement for the follow-ups, one for the reminders.
 */
export async function syncFollowUps(tx: Db, events: readonly RecordedEvent[]): Promise<number> {
  const changes = followUpChanges(events);
  if (changes.length === 0) return 0;
  const rank = (stage: ReturnType<typeof sql>) => sql`array_position(${STAGES_BY_RANK}, ${stage})`;
  const rows = await tx.execute<{ id: string; closed: boolean }>(sql`
    WITH v AS (
      SELECT * FROM unnest(${text(changes.map((c) => String(c.sendId)))}::bigint[],
                           ${text(changes.map((c) => c.stage))}::follow_up_stage[],
                           ${text(changes.map((c) => String(c.opens)))}::boolean[],
                           ${text(changes.map((c) => (c.quoteCents == null ? null : String(c.quoteCents))))}::bigint[],
                           ${text(changes.map((c) => (c.saleCents == null ? null : String(c.saleCents))))}::bigint[],
                           ${text(changes.map((c) => String(c.reminders)))}::int[],
                           ${text(changes.map((c) => c.at.toISOString()))}::timestamptz[])
               AS v(send_id, stage, opens, quote_cents, sale_cents, reminders, at)
    )
    INSERT INTO follow_ups AS f (send_id, contact_id, campaign_id, step_id, channel, stage, quote_cents, sale_cents,
                                 reminders, owner_id, opened_at, stage_at)
    SELECT v.send_id, s.contact_id, s.campaign_id, s.step_id, s.channel, coalesce(v.stage, 'response'),
           v.quote_cents, v.sale_cents, v.reminders, c.owner_id, v.at, v.at
      FROM v JOIN sends s ON s.id = v.send_id JOIN contacts c ON c.id = s.contact_id
     WHERE v.opens OR EXISTS (SELECT 1 FROM follow_ups e WHERE e.send_id = v.send_id)
     ORDER BY v.send_id
    ON CONFLICT (send_id) DO UPDATE SET
      stage = CASE WHEN ${rank(sql`excluded.stage`)} > ${rank(sql`f.stage`)} THEN excluded.stage ELSE f.stage END,
      stage_at = CASE WHEN ${rank(sql`excluded.stage`)} > ${rank(sql`f.stage`)} THEN excluded.stage_at ELSE f.stage_at END,
      -- a lost follow-up that an event moves on (a sale after all) keeps no lost reason
      lost_reason = CASE WHEN ${rank(sql`excluded.stage`)} > ${rank(sql`f.stage`)} THEN NULL ELSE f.lost_reason END,
      competitor = CASE WHEN ${rank(sql`excluded.stage`)} > ${rank(sql`f.stage`)} THEN NULL ELSE f.competitor END,
      quote_cents = coalesce(excluded.quote_cents, f.quote_cents),
      sale_cents = CASE WHEN excluded.sale_cents IS NULL THEN f.sale_cents
                        ELSE coalesce(f.sale_cents, 0) + excluded.sale_cents END,
      reminders = f.reminders + excluded.reminders,
      opened_at = least(f.opened_at, excluded.opened_at),
      version = f.version + 1,
      updated_at = now()
    RETURNING f.id, f.stage IN ('sale', 'lost') AS closed`);
  const closed = rows.filter((r) => r.closed).map((r) => r.id);
  if (closed.length > 0) await cancelPendingReminders(tx, closed);
  return rows.length;
}

/** Pending reminders of follow-ups that closed are cancelled; the follow-ups keep no next reminder. */
export async function cancelPendingReminders(tx: Db, followUpIds: readonly string[]): Promise<void> {
  await tx.execute(sql`
    WITH cancelled AS (
      UPDATE follow_up_reminders SET cancelled_at = now()
       WHERE follow_up_id = ANY(${text(followUpIds)}::bigint[]) AND done_at IS NULL AND cancelled_at IS NULL
    )
    UPDATE follow_ups SET next_reminder_at = NULL
     WHERE id = ANY(${text(followUpIds)}::bigint[]) AND next_reminder_at IS NOT NULL`);
}
