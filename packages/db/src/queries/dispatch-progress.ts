import {
  SEND_STATUSES,
  type SendPhase,
  type SendStatus,
  SKIP_REASONS,
  type SkipReason,
} from '@relance/domain/dispatch/sends';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { abandonedClaim } from './dispatch-claims';

export type StatusCounts = Record<SendStatus, number> & {
  total: number;
  skippedBy: Record<SkipReason, number>;
};

export const emptyCounts = (): StatusCounts => ({
  ...(Object.fromEntries(SEND_STATUSES.map((s) => [s, 0])) as Record<SendStatus, number>),
  total: 0,
  skippedBy: Object.fromEntries(SKIP_REASONS.map((r) => [r, 0])) as Record<SkipReason, number>,
});

function add(counts: StatusCounts, status: SendStatus, reason: SkipReason | null, n: number) {
  counts[status] += n;
  counts.total += n;
  if (status === 'skipped' && reason) counts.skippedBy[reason] += n;
}

export interface WaveProgress extends StatusCounts {
  stepId: string;
  phase: SendPhase;
  variant: string;
}

/**
 * The campaign's sends counted by step, phase, variant, status and skip reason, read from `send_status_counts`
 * (kept by the triggers on sends of migration 0014, in the statements that change the statuses): a few rows per
 * wave, however many sends.
 */
export async function dispatchCounts(db: Db, stepIds: readonly string[]): Promise<WaveProgress[]> {
  if (stepIds.length === 0) return [];
  const rows = await db.execute<{
    step_id: string;
    phase: SendPhase;
    variant: string;
    status: SendStatus;
    skip_reason: SkipReason | null;
    n: string;
  }>(sql`
    SELECT step_id, phase, variant, status, nullif(reason, '') AS skip_reason, sum(sends)::bigint AS n
      FROM send_status_counts WHERE step_id = ANY(${sql.param([...stepIds])}::uuid[])
     GROUP BY 1, 2, 3, 4, 5 HAVING sum(sends) <> 0`);
  const waves = new Map<string, WaveProgress>();
  for (const r of rows) {
    const key = `${r.step_id}/${r.phase}/${r.variant}`;
    let wave = waves.get(key);
    if (!wave) {
      wave = { stepId: r.step_id, phase: r.phase, variant: r.variant, ...emptyCounts() };
      waves.set(key, wave);
    }
    add(wave, r.status, r.skip_reason, Number(r.n));
  }
  return [...waves.values()];
}

/** Sums counts (a step's waves, a campaign's steps). */
export function sumCounts(list: readonly StatusCounts[]): StatusCounts {
  const out = emptyCounts();
  for (const c of list) {
    for (const s of SEND_STATUSES) out[s] += c[s];
    out.total += c.total;
    for (const r of SKIP_REASONS) out.skippedBy[r] += c.skippedBy[r];
  }
  return out;
}

export interface VariantResultRow {
  variant: 'A' | 'B' | 'C';
  /** contacts of the group */
  members: number;
  /** members who were sent at least one message of the campaign */
  sends: number;
  /** of those, who answered (a response or a sale on any of their sends) */
  responses: number;
  sales: number;
  revenueCents: number;
}

/**
 * The test's groups compared: per group, its members, those actually reached (a send `sent`), those who answered
 * among them, those who bought, and the revenue of their sales — from the events recorded on their sends.
 */
export async function testResults(db: Db, stepIds: readonly string[]): Promise<VariantResultRow[]> {
  if (stepIds.length === 0) return [];
  const steps: SQL = sql`${sql.param([...stepIds])}::uuid[]`;
  const rows = await db.execute<Record<string, unknown>>(sql`
    WITH members AS (
      SELECT contact_id, variant FROM sends WHERE step_id = ${stepIds[0]!}::uuid AND phase = 'test'
    ), reached AS (
      SELECT DISTINCT contact_id FROM sends WHERE step_id = ANY(${steps}) AND phase = 'test' AND status = 'sent'
    ), answers AS (
      SELECT s.contact_id,
             bool_or(e.kind IN ('responded', 'sold')) AS responded,
             bool_or(e.kind = 'sold') AS sold,
             coalesce(sum(e.amount_cents) FILTER (WHERE e.kind = 'sold'), 0) AS revenue
        FROM sends s JOIN send_events e ON e.send_id = s.id
       WHERE s.step_id = ANY(${steps}) AND s.phase = 'test'
       GROUP BY s.contact_id
    )
    SELECT m.variant, count(*)::int AS members, count(r.contact_id)::int AS sends,
           count(*) FILTER (WHERE a.responded AND r.contact_id IS NOT NULL)::int AS responses,
           count(*) FILTER (WHERE a.sold AND r.contact_id IS NOT NULL)::int AS sales,
           coalesce(sum(a.revenue) FILTER (WHERE r.contact_id IS NOT NULL), 0)::bigint AS revenue
      FROM members m
      LEFT JOIN reached r ON r.contact_id = m.contact_id
      LEFT JOIN answers a ON a.contact_id = m.contact_id
     GROUP BY m.variant ORDER BY m.variant`);
  return rows.map((r) => ({
    variant: r.variant as VariantResultRow['variant'],
    members: Number(r.members),
    sends: Number(r.sends),
    responses: Number(r.responses),
    sales: Number(r.sales),
    revenueCents: Number(r.revenue),
  }));
}

export interface InDoubtSend {
  id: number;
  contactId: number;
  stepId: string;
  channel: string;
  address: string | null;
  providerId: string | null;
  attempts: number;
  claimedAt: string | null;
  error: string | null;
}

/** The campaign's `unknown` sends (to reconcile), by id, a page at a time (keyset). */
export async function unknownSends(
  db: Db,
  stepIds: readonly string[],
  afterId = 0,
  limit = 200,
): Promise<InDoubtSend[]> {
  if (stepIds.length === 0) return [];
  const rows = await db.execute<Record<string, unknown>>(sql`
    SELECT id, contact_id, step_id, channel, address, provider_id, attempts, claimed_at, error FROM sends
     WHERE step_id = ANY(${sql.param([...stepIds])}::uuid[]) AND status = 'unknown' AND id > ${afterId}
     ORDER BY id LIMIT ${limit}`);
  return rows.map((r) => ({
    id: Number(r.id),
    contactId: Number(r.contact_id),
    stepId: r.step_id as string,
    channel: r.channel as string,
    address: r.address as string | null,
    providerId: r.provider_id as string | null,
    attempts: Number(r.attempts),
    claimedAt: r.claimed_at ? new Date(r.claimed_at as string).toISOString() : null,
    error: r.error as string | null,
  }));
}

/**
 * Settles `unknown` sends of a campaign: `sent` (the provider's logs or webhooks show it left; with its id when
 * known) or `resend` (it did not: back to pending, to be enqueued again). Answers the ids changed.
 */
export async function reconcileUnknown(
  db: Db,
  stepIds: readonly string[],
  sendIds: readonly number[],
  outcome: 'sent' | 'resend',
  providerId?: string | null,
): Promise<number[]> {
  if (sendIds.length === 0 || stepIds.length === 0) return [];
  const set =
    outcome === 'sent'
      ? sql`status = 'sent', finished_at = now(), provider_id = coalesce(${providerId ?? null}, provider_id),
            error = 'reconciled: sent'`
      : sql`status = 'pending', claim_token = NULL, handed_at = NULL, error = 'reconciled: not sent, to send again'`;
  const rows = await db.execute<{ id: number }>(sql`
    UPDATE sends SET ${set}
     WHERE id = ANY(${sql.param(sendIds.map(String))}::bigint[]) AND status = 'unknown'
       AND step_id = ANY(${sql.param([...stepIds])}::uuid[])
    RETURNING id`);
  return rows.map((r) => Number(r.id));
}

/**
 * Claims left in `sending` for longer than `olderThanMs` (their worker died and no job is left to recover them),
 * in the campaigns that are sending or paused (their steps' rows, through UNIQUE (step, contact)): released when
 * never handed to the provider, else unknown. Answers the released ones' waves, to enqueue.
 */
export async function sweepStaleClaims(
  db: Db,
  olderThanMs: number,
): Promise<{ released: { waveId: string; campaignId: string }[]; unknown: number }> {
  const rows = await db.execute<{ wave_id: string; campaign_id: string; status: string }>(sql`
    UPDATE sends SET ${abandonedClaim}
     WHERE step_id IN (SELECT st.id FROM campaign_steps st JOIN campaigns c ON c.id = st.campaign_id
                        WHERE c.status IN ('testing', 'awaiting_rollout', 'running', 'paused'))
       AND status = 'sending' AND claimed_at < now() - ${`${Math.round(olderThanMs)} milliseconds`}::interval
    RETURNING wave_id, campaign_id, status`);
  const waves = new Map<string, { waveId: string; campaignId: string }>();
  let unknown = 0;
  for (const r of rows) {
    if (r.status === 'unknown') unknown += 1;
    else if (r.status === 'pending') waves.set(r.wave_id, { waveId: r.wave_id, campaignId: r.campaign_id });
  }
  return { released: [...waves.values()], unknown };
}
