import { FOLLOW_UP_STAGES, type FollowUpStage } from '@relance/domain/tracking/follow-up';
import type { Channel } from '@relance/domain/vocabulary';
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import type { Reminder } from './follow-up-reminders';

export interface FollowUpCard {
  id: number;
  version: number;
  stage: FollowUpStage;
  channel: Channel;
  contact: { id: number; firstName: string | null; lastName: string | null; companyName: string | null };
  owner: { id: string; name: string } | null;
  quoteCents: number | null;
  saleCents: number | null;
  nextReminderAt: string | null;
  reminders: number;
  openedAt: string;
  stageAt: string;
}

export interface BoardColumn {
  stage: FollowUpStage;
  count: number;
  quoteCents: number;
  saleCents: number;
  cards: FollowUpCard[];
}

const cardColumns = sql`
  f.id, f.version, f.stage, f.channel, f.quote_cents, f.sale_cents, f.next_reminder_at, f.reminders, f.opened_at,
  f.stage_at, f.owner_id, u.name AS owner_name, c.id AS contact_id, c.first_name, c.last_name, c.company_name`;

type CardRow = {
  id: string;
  version: number;
  stage: FollowUpStage;
  channel: Channel;
  quote_cents: string | null;
  sale_cents: string | null;
  next_reminder_at: string | null;
  reminders: number;
  opened_at: string;
  stage_at: string;
  owner_id: string | null;
  owner_name: string | null;
  contact_id: string;
  first_name: string | null;
  last_name: string | null;
  company_name: string | null;
};

const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());
const num = (v: string | null) => (v === null ? null : Number(v));

function toCard(r: CardRow): FollowUpCard {
  return {
    id: Number(r.id),
    version: r.version,
    stage: r.stage,
    channel: r.channel,
    contact: {
      id: Number(r.contact_id),
      firstName: r.first_name,
      lastName: r.last_name,
      companyName: r.company_name,
    },
    owner: r.owner_id ? { id: r.owner_id, name: r.owner_name ?? '' } : null,
    quoteCents: num(r.quote_cents),
    saleCents: num(r.sale_cents),
    nextReminderAt: iso(r.next_reminder_at),
    reminders: r.reminders,
    openedAt: new Date(r.opened_at).toISOString(),
    stageAt: new Date(r.stage_at).toISOString(),
  };
}

/**
 * A campaign's follow-up board: per stage, how many, the amounts quoted and sold, and the first `perColumn` cards
 * (open columns by next reminder, soonest first; closed ones latest first), through the (campaign, stage) index.
 */
export async function followUpBoard(
  db: Db,
  campaignId: string,
  perColumn = 200,
): Promise<{ campaign: { id: string; name: string }; columns: BoardColumn[] } | null> {
  const [campaign] = await db.execute<{ id: string; name: string }>(
    sql`SELECT id, name FROM campaigns WHERE id = ${campaignId}`,
  );
  if (!campaign) return null;
  const totals = await db.execute<{ stage: FollowUpStage; count: number; quote: string; sale: string }>(sql`
    SELECT stage, count(*)::int AS count, coalesce(sum(quote_cents), 0)::bigint AS quote,
           coalesce(sum(sale_cents), 0)::bigint AS sale
      FROM follow_ups WHERE campaign_id = ${campaignId} GROUP BY stage`);
  const cards = await db.execute<CardRow>(sql`
    SELECT ${cardColumns}
      FROM unnest(${sql.param([...FOLLOW_UP_STAGES])}::follow_up_stage[]) AS st(stage)
      CROSS JOIN LATERAL (
        SELECT * FROM follow_ups f0
         WHERE f0.campaign_id = ${campaignId} AND f0.stage = st.stage
         ORDER BY CASE WHEN st.stage IN ('response', 'quote') THEN f0.next_reminder_at END NULLS LAST,
                  f0.stage_at DESC, f0.id DESC
         LIMIT ${perColumn}) f
      JOIN contacts c ON c.id = f.contact_id
      LEFT JOIN users u ON u.id = f.owner_id`);
  const byStage = new Map(totals.map((t) => [t.stage, t]));
  return {
    campaign: { id: campaign.id, name: campaign.name },
    columns: FOLLOW_UP_STAGES.map((stage) => {
      const t = byStage.get(stage);
      return {
        stage,
        count: t?.count ?? 0,
        quoteCents: Number(t?.quote ?? 0),
        saleCents: Number(t?.sale ?? 0),
        cards: cards.filter((c) => c.stage === stage).map(toCard),
      };
    }),
  };
}

export interface FollowUpMoveRow {
  id: number;
  kind: string;
  fromStage: FollowUpStage;
  toStage: FollowUpStage;
  amountCents: number | null;
  lostReason: string | null;
  competitor: string | null;
  note: string | null;
  user: { id: string; name: string } | null;
  at: string;
}

export interface FollowUpDetail extends FollowUpCard {
  campaign: { id: string; name: string };
  stepId: string;
  sendId: number;
  trackingCode: string | null;
  lostReason: string | null;
  competitor: string | null;
  notes: string | null;
  reminderList: Reminder[];
  moves: FollowUpMoveRow[];
}

/** One follow-up with its campaign, its reminders (all, soonest first) and its history (newest first), or null. */
export async function followUpDetail(db: Db, id: number): Promise<FollowUpDetail | null> {
  const [row] = await db.execute<
    CardRow & {
      campaign_id: string;
      campaign_name: string;
      step_id: string;
      send_id: string;
      tracking_code: string | null;
      lost_reason: string | null;
      competitor: string | null;
      notes: string | null;
    }
  >(sql`
    SELECT ${cardColumns}, f.campaign_id, cp.name AS campaign_name, f.step_id, f.send_id, s.tracking_code,
           f.lost_reason, f.competitor, f.notes
      FROM follow_ups f
      JOIN contacts c ON c.id = f.contact_id
      JOIN campaigns cp ON cp.id = f.campaign_id
      JOIN sends s ON s.id = f.send_id
      LEFT JOIN users u ON u.id = f.owner_id
     WHERE f.id = ${id}`);
  if (!row) return null;
  const reminders = await db.execute<{
    id: string;
    due_at: string;
    note: string | null;
    automatic: boolean;
    done_at: string | null;
    cancelled_at: string | null;
    overdue_at: string | null;
  }>(sql`
    SELECT id, due_at, note, automatic, done_at, cancelled_at, overdue_at FROM follow_up_reminders
     WHERE follow_up_id = ${id} ORDER BY due_at, id`);
  const moves = await db.execute<{
    id: string;
    kind: string;
    from_stage: FollowUpStage;
    to_stage: FollowUpStage;
    amount_cents: string | null;
    lost_reason: string | null;
    competitor: string | null;
    note: string | null;
    user_id: string | null;
    user_name: string | null;
    at: string;
  }>(sql`
    SELECT m.id, m.kind, m.from_stage, m.to_stage, m.amount_cents, m.lost_reason, m.competitor, m.note,
           m.user_id, u.name AS user_name, m.at
      FROM follow_up_moves m LEFT JOIN users u ON u.id = m.user_id
     WHERE m.follow_up_id = ${id} ORDER BY m.id DESC`);
  return {
    ...toCard(row),
    campaign: { id: row.campaign_id, name: row.campaign_name },
    stepId: row.step_id,
    sendId: Number(row.send_id),
    trackingCode: row.tracking_code,
    lostReason: row.lost_reason,
    competitor: row.competitor,
    notes: row.notes,
    reminderList: reminders.map((r) => ({
      id: Number(r.id),
      dueAt: new Date(r.due_at).toISOString(),
      note: r.note,
      automatic: r.automatic,
      doneAt: iso(r.done_at),
      cancelledAt: iso(r.cancelled_at),
      overdueAt: iso(r.overdue_at),
    })),
    moves: moves.map((m) => ({
      id: Number(m.id),
      kind: m.kind,
      fromStage: m.from_stage,
      toStage: m.to_stage,
      amountCents: num(m.amount_cents),
      lostReason: m.lost_reason,
      competitor: m.competitor,
      note: m.note,
      user: m.user_id ? { id: m.user_id, name: m.user_name ?? '' } : null,
      at: new Date(m.at).toISOString(),
    })),
  };
}

/** The campaigns that have follow-ups, with how many are still open, for the board's campaign picker. */
export async function followUpCampaigns(
  db: Db,
): Promise<{ id: string; name: string; total: number; open: number }[]> {
  const rows = await db.execute<{ id: string; name: string; total: number; open: number }>(sql`
    SELECT cp.id, cp.name, t.total, t.open
      FROM (SELECT campaign_id, count(*)::int AS total,
                   count(*) FILTER (WHERE stage IN ('response', 'quote'))::int AS open
              FROM follow_ups GROUP BY campaign_id) t
      JOIN campaigns cp ON cp.id = t.campaign_id
     ORDER BY t.open DESC, cp.name`);
  return rows.map((r) => ({ ...r }));
}
