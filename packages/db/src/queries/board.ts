import type { SendEventKind, SendPhase, SendStatus } from '@relance/domain/dispatch/sends';
import type { VariantLabel } from '@relance/domain/planning/test-plan';
import { type DirectCounts, emptyCounts, type WaveCounts } from '@relance/domain/tracking/board';
import { assertNever, type Channel } from '@relance/domain/vocabulary';
import { sql } from 'drizzle-orm';
import type { Db } from '../client';

/** One wave's counts as the board reads them: a few rows per wave, whatever the number of sends and events. */
export interface BoardWave {
  campaignId: string;
  stepId: string;
  phase: SendPhase;
  variant: VariantLabel;
  channel: Channel;
  /** the wave's D+0 (null for sends without a wave row) */
  dueAt: Date | null;
  counts: WaveCounts;
  /** responders by day since the wave was due */
  byDay: { day: number; responders: number }[];
}

/** Where a send's status counts on the board. */
function addStatus(c: WaveCounts, status: SendStatus, n: number): void {
  switch (status) {
    case 'sent':
      c.sent += n;
      return;
    case 'failed':
      c.failed += n;
      return;
    case 'skipped':
    case 'cancelled':
      c.skipped += n;
      return;
    case 'pending':
    case 'sending':
    case 'unknown':
      c.pending += n;
      return;
    default:
      assertNever(status, 'send status');
  }
}

/** Where an event kind's rollup counts on the board: senders reaching it, or its events, or its amounts. */
function addKind(c: WaveCounts, kind: SendEventKind, contacts: number, events: number, amount: number): void {
  switch (kind) {
    case 'delivered':
      c.delivered += contacts;
      return;
    case 'opened':
      c.opened += contacts;
      return;
    case 'clicked':
      c.clicked += contacts;
      return;
    case 'bounced':
    case 'dropped':
    case 'undelivered':
      c.bounced += contacts;
      return;
    case 'returned':
      c.npai += contacts;
      return;
    case 'quoted':
      c.quotes += contacts;
      c.quotedCents += amount;
      return;
    case 'reminded':
      c.reminders += events;
      return;
    case 'sold':
      c.sales += events;
      c.revenueCents += amount;
      return;
    case 'lost':
      c.lost += contacts;
      return;
    // responders are counted once per send from send_return_days; the rest are not board figures
    case 'responded':
    case 'spam_reported':
    case 'unsubscribed':
    case 'opted_out':
    case 'opted_in':
    case 'answered':
      return;
    default:
      assertNever(kind, 'event kind');
  }
}

/**
 * The waves of these campaigns with their counts, from the counters only (send_status_counts, send_rollups,
 * send_return_days, send_waves: each read through its campaign index), in four statements at once.
 */
export async function boardWaves(db: Db, campaignIds: readonly string[]): Promise<BoardWave[]> {
  if (campaignIds.length === 0) return [];
  const ids = sql`${sql.param([...campaignIds])}::uuid[]`;
  const [statuses, kinds, days, waves] = await Promise.all([
    db.execute<Row & { status: SendStatus; n: string }>(sql`
      SELECT campaign_id, step_id, phase, variant, channel, status, sum(sends)::bigint AS n
        FROM send_status_counts WHERE campaign_id = ANY(${ids}) GROUP BY 1, 2, 3, 4, 5, 6`),
    db.execute<Row & { kind: SendEventKind; contacts: number; events: number; amount_cents: string }>(sql`
      SELECT campaign_id, step_id, phase, variant, channel, kind, contacts, events, amount_cents
        FROM send_rollups WHERE campaign_id = ANY(${ids})`),
    db.execute<Row & { day: number; responders: number }>(sql`
      SELECT campaign_id, step_id, phase, variant, channel, day, responders
        FROM send_return_days WHERE campaign_id = ANY(${ids}) ORDER BY day`),
    db.execute<Row & { due_at: string }>(sql`
      SELECT campaign_id, step_id, phase, variant, channel, due_at
        FROM send_waves WHERE campaign_id = ANY(${ids})`),
  ]);
  const found = new Map<string, BoardWave>();
  const wave = (r: Row) => {
    const key = `${r.step_id}/${r.phase}/${r.variant}`;
    let w = found.get(key);
    if (!w) {
      w = {
        campaignId: r.campaign_id,
        stepId: r.step_id,
        phase: r.phase,
        variant: r.variant,
        channel: r.channel,
        dueAt: null,
        counts: emptyCounts(),
        byDay: [],
      };
      found.set(key, w);
    }
    return w;
  };
  for (const r of statuses) addStatus(wave(r).counts, r.status, Number(r.n));
  for (const r of kinds) addKind(wave(r).counts, r.kind, r.contacts, r.events, Number(r.amount_cents));
  for (const r of days) {
    const w = wave(r);
    w.byDay.push({ day: r.day, responders: r.responders });
    w.counts.responses += r.responders;
  }
  // a wave's due date: the test's waves of a variant group share their step's row when the fixture or an old
  // campaign wrote one row for the step (phase, variant) — the nearest row of the same step and phase stands in
  const dueOf = new Map<string, Date>();
  for (const r of waves) dueOf.set(`${r.step_id}/${r.phase}/${r.variant}`, new Date(r.due_at));
  for (const w of found.values()) {
    w.dueAt =
      dueOf.get(`${w.stepId}/${w.phase}/${w.variant}`) ??
      [...dueOf].find(([k]) => k.startsWith(`${w.stepId}/${w.phase}/`))?.[1] ??
      null;
  }
  return [...found.values()];
}

/**
 * What came back to these campaigns but to none of their sends (conversions credited to the campaign alone: a
 * coupon without a recipient of the campaign), per campaign; campaigns without any are left out. Read through
 * the conversions' campaign index.
 */
export async function directReturns(
  db: Db,
  campaignIds: readonly string[],
): Promise<Map<string, DirectCounts>> {
  const found = new Map<string, DirectCounts>();
  if (campaignIds.length === 0) return found;
  const rows = await db.execute<{
    campaign_id: string;
    responses: number;
    quotes: number;
    quoted_cents: string;
    sales: number;
    revenue_cents: string;
  }>(sql`
    SELECT campaign_id,
           (count(DISTINCT contact_id) + count(*) FILTER (WHERE contact_id IS NULL))::int AS responses,
           count(*) FILTER (WHERE kind = 'quoted')::int AS quotes,
           coalesce(sum(amount_cents) FILTER (WHERE kind = 'quoted'), 0)::bigint AS quoted_cents,
           count(*) FILTER (WHERE kind = 'sold')::int AS sales,
           coalesce(sum(amount_cents) FILTER (WHERE kind = 'sold'), 0)::bigint AS revenue_cents
      FROM conversions
     WHERE campaign_id = ANY(${sql.param([...campaignIds])}::uuid[]) AND send_id IS NULL
       AND kind IN ('responded', 'quoted', 'sold')
     GROUP BY campaign_id`);
  for (const r of rows) {
    found.set(r.campaign_id, {
      responses: r.responses,
      quotes: r.quotes,
      quotedCents: Number(r.quoted_cents),
      sales: r.sales,
      revenueCents: Number(r.revenue_cents),
    });
  }
  return found;
}

type Row = {
  campaign_id: string;
  step_id: string;
  phase: SendPhase;
  variant: VariantLabel;
  channel: Channel;
};

export interface PortfolioCampaign {
  id: string;
  /** the campaign's first phase start in the period */
  startedAt: Date;
}

/** The campaigns whose test or rollout started in [from, to), earliest first. */
export async function campaignsStartedBetween(db: Db, from: Date, to: Date): Promise<PortfolioCampaign[]> {
  const rows = await db.execute<{ campaign_id: string; started_at: string }>(sql`
    SELECT campaign_id, min(started_at) AS started_at FROM campaign_phases
     WHERE started_at >= ${from.toISOString()}::timestamptz AND started_at < ${to.toISOString()}::timestamptz
     GROUP BY campaign_id ORDER BY 2, 1 LIMIT 500`);
  return rows.map((r) => ({ id: r.campaign_id, startedAt: new Date(r.started_at) }));
}
