import type { SkipReason } from '@relance/domain/dispatch/sends';
import type { Channel, SuppressionReason } from '@relance/domain/vocabulary';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { reachSql } from './dispatch-sql';
import { type MergeSourceRow, mergeValuesFromRow } from './merge-values';
import { SETTLED_BY_EVENT } from './send-events-apply';

/** The campaign statuses in which sends go out: the test, the wait for its reading, and the rollout. */
export const SENDING_STATUSES = ['testing', 'awaiting_rollout', 'running'] as const;

const ids = (list: readonly number[]) => sql`${sql.param(list.map(String))}::bigint[]`;

export interface ClaimOptions {
  /** the batch's campaign: its status is read once per claim (a pause or a cancel stops the next claim) */
  campaignId: string;
  /** the channel of the batch's wave: the address, consent and suppression checked are this channel's */
  channel: Channel;
  /** this processing's token: the rows it claims carry it until they are settled */
  token: string;
  /** mark the rows handed to the provider at once (one request for the whole claim: email, postal) */
  handed: boolean;
  /** the step goes to non-responders: a contact who answered since the step was written is skipped (excluded) */
  excludeResponders?: boolean;
  /**
   * The merge fields the content uses (null: any, as for a letter): only their columns are read back (a million
   * rows parsed in Node cost per column), and the lookups (the parent company, the last order) only when used.
   */
  fields?: ReadonlySet<string> | null;
}

export interface ClaimedSend {
  id: number;
  contactId: number;
  trackingCode: string;
  /** provider calls made for this send so far (this one included when handed at the claim) */
  attempts: number;
  /** the address on the wave's channel: email, E.164 mobile or phone, postal key */
  address: string;
  values: ReturnType<typeof mergeValuesFromRow>;
  /** the postal address lines, for letters and the mail house's manifest */
  postal: {
    line1: string | null;
    line2: string | null;
    postalCode: string | null;
    city: string | null;
    country: string;
  };
}

export interface ClaimResult {
  claimed: ClaimedSend[];
  /** rows found unsendable now (opt-out, suppression, address gone, answered meanwhile): skipped */
  skipped: { id: number; reason: SkipReason }[];
}

/**
 * Claims the batch's rows that are still pending, in one UPDATE ... RETURNING guarded by the status: only while the
 * campaign is sending (a pause or a cancel stops the next claim); a row another worker claims at the same moment
 * is re-checked once that claim commits and left out (its status is no longer pending); consent, suppression
 * and address are checked again on the wave's channel — a contact who opted out since the wave was written is
 * skipped here, never sent. Claimed rows move to `sending` with this processing's token. (No FOR UPDATE SKIP
 * LOCKED step first: measured, locking the rows before updating them doubles the tuple writes.)
 */
export async function claimSends(
  db: Db,
  sendIds: readonly number[],
  options: ClaimOptions,
): Promise<ClaimResult> {
  if (sendIds.length === 0) return { claimed: [], skipped: [] };
  const reach = reachSql(options.channel);
  const excluded: SQL = options.excludeResponders
    ? sql`EXISTS (SELECT 1 FROM sends answered JOIN send_events e ON e.send_id = answered.id
                   WHERE answered.contact_id = contacts.id AND answered.campaign_id = ${options.campaignId}::uuid
                     AND e.kind IN ('responded', 'sold'))`
    : sql`false`;
  const uses = (field: string) => !options.fields || options.fields.has(field);
  // the recipient's name always (an email's "to", a letter's address); the rest as the content uses it: a column
  // not used is not read back at all (postgres.js parses every column of a million rows)
  const postal = !options.fields || options.channel === 'postal';
  const columns = (
    [
      ['civility', uses('civility') || postal],
      ['first_name', true],
      ['last_name', true],
      ['company_name', uses('company') || postal],
      ['email', uses('email')],
      ['mobile', uses('phone')],
      ['phone', uses('phone')],
      ['address_line1', uses('addressLine1') || postal],
      ['address_line2', postal],
      ['postal_code', uses('postalCode') || postal],
      ['city', uses('city') || postal],
      ['country', postal],
    ] as [string, boolean][]
  )
    .filter(([, used]) => used)
    .map(([name]) => sql.raw(`, contacts.${name}`));
  const parent = uses('company')
    ? sql`, (SELECT p.company_name FROM contacts p WHERE p.id = contacts.company_id) AS parent_company`
    : sql``;
  const lastOrder = uses('lastOrderDate')
    ? sql`, (SELECT max(o.ordered_at)::text FROM orders o WHERE o.contact_id = contacts.id) AS last_order_at`
    : sql``;
  // `k`: the reason the row cannot go now (NULL: it goes) and its address, computed once per row (OFFSET 0 keeps
  // the planner from copying the expressions into each place the SET list uses them). The campaign's status is
  // checked once for the statement (an InitPlan), not joined to each row.
  const rows = await db.execute<Record<string, unknown>>(sql`
    UPDATE sends s
       SET status = (CASE WHEN k.reason IS NULL THEN 'sending' ELSE 'skipped' END)::send_status,
           skip_reason = k.reason,
           address = k.address,
           claim_token = CASE WHEN k.reason IS NULL THEN ${options.token} END,
           claimed_at = now(),
           handed_at = CASE WHEN k.reason IS NULL AND ${options.handed} THEN now() END,
           attempts = s.attempts + (k.reason IS NULL AND ${options.handed})::int,
           finished_at = CASE WHEN k.reason IS NOT NULL THEN now() END
      FROM contacts ${reach.joins},
           LATERAL (SELECT coalesce(${reach.skipReason}, CASE WHEN ${excluded} THEN 'excluded'::send_skip_reason END) AS reason,
                           ${reach.address} AS address OFFSET 0) k
     WHERE s.id = ANY(${ids(sendIds)}) AND s.status = 'pending' AND s.campaign_id = ${options.campaignId}::uuid
       AND EXISTS (SELECT 1 FROM campaigns camp
                    WHERE camp.id = ${options.campaignId}::uuid AND camp.status IN ('testing', 'awaiting_rollout', 'running'))
       AND contacts.id = s.contact_id
    RETURNING s.id, s.contact_id, s.tracking_code, s.status, s.skip_reason, s.attempts, s.address
              ${sql.join(columns, sql``)} ${parent} ${lastOrder}`);
  const claimed: ClaimedSend[] = [];
  const skipped: ClaimResult['skipped'] = [];
  for (const r of rows) {
    if (r.status === 'skipped') {
      skipped.push({ id: Number(r.id), reason: r.skip_reason as SkipReason });
      continue;
    }
    const text = (column: string) => (r[column] as string | null | undefined) ?? null;
    const source: MergeSourceRow = {
      civility: text('civility'),
      firstName: text('first_name'),
      lastName: text('last_name'),
      companyName: text('company_name'),
      parentCompany: text('parent_company'),
      email: text('email'),
      mobile: text('mobile'),
      phone: text('phone'),
      addressLine1: text('address_line1'),
      postalCode: text('postal_code'),
      city: text('city'),
      lastOrderAt: text('last_order_at'),
    };
    claimed.push({
      id: Number(r.id),
      contactId: Number(r.contact_id),
      trackingCode: r.tracking_code as string,
      attempts: Number(r.attempts),
      address: r.address as string,
      values: mergeValuesFromRow(source),
      postal: {
        line1: source.addressLine1,
        line2: text('address_line2'),
        postalCode: source.postalCode,
        city: source.city,
        country: text('country') ?? 'FR',
      },
    });
  }
  claimed.sort((a, b) => a.id - b.id);
  return { claimed, skipped };
}

/**
 * Marks claimed rows handed to the provider, just before the call (a provider without batches: one call per
 * send); answers the ids still held by this token.
 */
export async function markHanded(db: Db, sendIds: readonly number[], token: string): Promise<number[]> {
  if (sendIds.length === 0) return [];
  const rows = await db.execute<{ id: number }>(sql`
    UPDATE sends SET handed_at = now(), attempts = attempts + 1
     WHERE id = ANY(${ids(sendIds)}) AND status = 'sending' AND claim_token = ${token} AND handed_at IS NULL
    RETURNING id`);
  return rows.map((r) => Number(r.id));
}

/**
 * Runs the recording of provider answers with an asynchronous commit: it does not wait for the disk. Safe here
 * and only here: were PostgreSQL to lose the last such commits in a crash, the rows would be back in `sending`,
 * handed to the provider, and the sweep makes them `unknown` — never sent again. (A claim, by contrast, commits
 * durably before the provider call: a lost claim could send a message twice.)
 */
async function recording<T>(db: Db, run: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL synchronous_commit = off`);
    return run(tx as unknown as Db);
  });
}

/**
 * Sent: the provider accepted them. From `sending`, or from `unknown` when this very claim's answer comes late
 * (another processing of the same job judged it abandoned meanwhile). One statement per provider id (SendGrid
 * gives one id to a whole request).
 */
export async function markSent(
  db: Db,
  token: string,
  accepted: readonly { id: number; providerId: string }[],
): Promise<number> {
  if (accepted.length === 0) return 0;
  const byProviderId = new Map<string, number[]>();
  for (const a of accepted) {
    const list = byProviderId.get(a.providerId);
    if (list) list.push(a.id);
    else byProviderId.set(a.providerId, [a.id]);
  }
  return recording(db, async (tx) => {
    if (byProviderId.size <= 10) {
      let n = 0;
      for (const [providerId, list] of byProviderId) {
        const result = await tx.execute(sql`
          UPDATE sends SET status = 'sent', provider_id = ${providerId}, finished_at = now(), error = NULL
           WHERE id = ANY(${ids(list)}) AND claim_token = ${token} AND status IN ('sending', 'unknown')`);
        n += result.count;
      }
      return n;
    }
    const result = await tx.execute(sql`
      UPDATE sends s SET status = 'sent', provider_id = v.provider_id, finished_at = now(), error = NULL
        FROM unnest(${ids(accepted.map((a) => a.id))}, ${sql.param(accepted.map((a) => a.providerId))}::text[]) AS v(id, provider_id)
       WHERE s.id = v.id AND s.claim_token = ${token} AND s.status IN ('sending', 'unknown')`);
    return result.count;
  });
}

/** Not sent, to try again: back to pending (a later job claims them again). */
export async function releaseForRetry(
  db: Db,
  token: string,
  sendIds: readonly number[],
  error: string,
): Promise<number[]> {
  if (sendIds.length === 0) return [];
  const rows = await db.execute<{ id: number }>(sql`
    UPDATE sends SET status = 'pending', claim_token = NULL, handed_at = NULL, error = ${error}
     WHERE id = ANY(${ids(sendIds)}) AND claim_token = ${token} AND status = 'sending'
    RETURNING id`);
  return rows.map((r) => Number(r.id));
}

/**
 * Failed for good; the addresses the provider refused go on the suppression list (never written to again, by any
 * campaign), each once.
 */
export async function markFailed(
  db: Db,
  token: string,
  failed: readonly {
    id: number;
    error: string;
    suppress?: { channel: Channel; address: string; reason: SuppressionReason } | undefined;
  }[],
): Promise<number> {
  if (failed.length === 0) return 0;
  return recording(db, async (tx) => {
    const result = await tx.execute(sql`
    UPDATE sends s SET status = 'failed', error = v.error, finished_at = now()
      FROM unnest(${ids(failed.map((f) => f.id))}, ${sql.param(failed.map((f) => f.error))}::text[]) AS v(id, error)
     WHERE s.id = v.id AND s.claim_token = ${token} AND s.status IN ('sending', 'unknown')`);
    const suppress = failed.filter((f) => f.suppress);
    if (suppress.length > 0) {
      await tx.execute(sql`
      INSERT INTO suppressions (channel, address, reason, source, contact_id)
      SELECT v.channel::channel, v.address, v.reason::suppression_reason, 'dispatch', s.contact_id
        FROM unnest(${ids(suppress.map((f) => f.id))}, ${sql.param(suppress.map((f) => f.suppress!.channel))}::text[],
                    ${sql.param(suppress.map((f) => f.suppress!.address))}::text[],
                    ${sql.param(suppress.map((f) => f.suppress!.reason))}::text[]) AS v(id, channel, address, reason)
        JOIN sends s ON s.id = v.id
      ON CONFLICT DO NOTHING`);
    }
    return result.count;
  });
}

/**
 * Whether something already came back from a send being given up as in doubt (its provider's event, the
 * recipient's click: an event recorded while the worker still waited for the provider's answer). Then it left: it
 * is settled as sent, not left `unknown` (send-events-apply.ts settles those whose event comes later).
 */
const cameBack = sql`EXISTS (SELECT 1 FROM send_outcomes o WHERE o.send_id = sends.id)`;

/**
 * The columns of claims given up: those `released` (never handed to the provider: safe to send) go back to pending
 * with their claim freed; the others are in doubt: `unknown` with `error`, or sent (at their handing time) when
 * something already came back from them.
 */
const givenUp = (error: string, released: SQL = sql`false`) => sql`
  status = (CASE WHEN ${released} THEN 'pending' WHEN ${cameBack} THEN 'sent' ELSE 'unknown' END)::send_status,
  claim_token = CASE WHEN ${released} THEN NULL ELSE claim_token END,
  error = CASE WHEN ${released} THEN error WHEN ${cameBack} THEN ${SETTLED_BY_EVENT} ELSE ${error} END,
  finished_at = CASE WHEN NOT ${released} AND ${cameBack} THEN coalesce(handed_at, now()) ELSE finished_at END`;

/**
 * The provider may have accepted them: `unknown`, never sent again blindly, to be reconciled (or settled as sent
 * when an event came back from one already). Answers how many are left in doubt and how many were settled.
 */
export async function markUnknown(
  db: Db,
  token: string,
  sendIds: readonly number[],
  error: string,
): Promise<{ unknown: number; settled: number }> {
  if (sendIds.length === 0) return { unknown: 0, settled: 0 };
  const rows = await recording(db, (tx) =>
    tx.execute<{ status: string }>(sql`
    UPDATE sends SET ${givenUp(error)}
     WHERE id = ANY(${ids(sendIds)}) AND claim_token = ${token} AND status = 'sending'
    RETURNING status`),
  );
  const settled = rows.filter((r) => r.status === 'sent').length;
  return { unknown: rows.length - settled, settled };
}

/** The columns of a claim whose worker died: pending again if never handed to the provider, else in doubt. */
export const abandonedClaim = givenUp(
  'the worker stopped during the provider call: it may have been sent',
  sql`handed_at IS NULL`,
);

/**
 * Claims of this job's rows left by an earlier processing of the same job that died (a worker killed, a lock
 * lost): never handed to the provider → pending again (safe to send); handed → `unknown` (it may have left). Only
 * tokens of this job are touched (`jobId~…`), so another job's live claim on the same ids is left alone.
 */
export async function recoverAbandonedClaims(
  db: Db,
  sendIds: readonly number[],
  jobId: string,
  token: string,
): Promise<{ released: number; unknown: number }> {
  if (sendIds.length === 0) return { released: 0, unknown: 0 };
  const rows = await db.execute<{ status: string }>(sql`
    UPDATE sends SET ${abandonedClaim}
     WHERE id = ANY(${ids(sendIds)}) AND status = 'sending'
       AND starts_with(claim_token, ${`${jobId}~`}) AND claim_token <> ${token}
    RETURNING status`);
  return {
    released: rows.filter((r) => r.status === 'pending').length,
    unknown: rows.filter((r) => r.status === 'unknown').length,
  };
}

/** Pending sends of a campaign that will not go: cancelled (the campaign was cancelled or completed). */
export async function cancelPendingSends(db: Db, campaignId: string): Promise<number> {
  const result = await db.execute(sql`
    UPDATE sends SET status = 'cancelled', finished_at = now()
     WHERE step_id IN (SELECT id FROM campaign_steps WHERE campaign_id = ${campaignId}::uuid) AND status = 'pending'`);
  return result.count;
}
