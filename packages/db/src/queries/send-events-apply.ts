import { RESPONSE_EVENT_KINDS, SEND_EVENT_KINDS, type SendEventKind } from '@relance/domain/dispatch/sends';
import { stageOfEvent } from '@relance/domain/tracking/follow-up';
import { type EventSource, sendEventEffect } from '@relance/domain/tracking/send-events';
import type { Channel } from '@relance/domain/vocabulary';
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { COUNTER_STRIPES } from '../schema/tracking';
import { syncFollowUps } from './follow-ups-sync';

/** One thing that came back from a send, from any source (tracking/send-events.ts says what each kind does). */
export interface SendEventInput {
  sendId: number;
  kind: SendEventKind;
  source: EventSource;
  /** unique within the source: the same id twice is one event (a provider's retry, a double click on "save") */
  sourceId: string;
  amountCents?: number | null;
  occurredAt?: Date;
  detail?: Record<string, unknown> | null;
}

/** An event that was new, with its send's facts, for what follows from it in the same transaction. */
export interface RecordedEvent {
  sendId: number;
  kind: SendEventKind;
  /** the send reached this kind for the first time (a first open, a first response) */
  first: boolean;
  events: number;
  amountCents: number;
  contactId: number;
  campaignId: string;
  stepId: string;
  channel: Channel;
  address: string | null;
  occurredAt: Date;
}

export interface ApplyResult {
  /** new events recorded */
  recorded: number;
  /** events already recorded (same source and id), or for a send that does not exist */
  ignored: number;
  /** the new events, per send and kind (all of them, or only those acted on: ApplyOptions) */
  events: RecordedEvent[];
  /**
   * the source ids of the input's events that recorded nothing (already recorded, for no send, or given twice): the
   * intake counts, per webhook batch, what each one added — usually a short list, where the new ones are thousands
   */
  ignoredSourceIds: string[];
}

export interface ApplyOptions {
  /**
   * Which new events come back in `events`, with their send's facts: `all` (the default), or `acted-on`: only the
   * kinds something follows from beyond the counters (ACTED_ON_KINDS: a suppression, a consent change, a follow-up
   * or a reminder) — for a caller that needs the counts only, such as the webhook intake, whose events are mostly
   * deliveries and opens (reading 16,000 rows back was about a third of its worker's time per batch).
   */
  events?: 'all' | 'acted-on';
}

/**
 * The kinds applySendEvents itself acts on once recorded (applyEffects, syncFollowUps): those it always reads back.
 */
export const ACTED_ON_KINDS: readonly SendEventKind[] = SEND_EVENT_KINDS.filter((kind) => {
  const effect = sendEventEffect(kind);
  return Boolean(effect.suppress || effect.consent || stageOfEvent(kind) || kind === 'reminded');
});

const text = (values: readonly (string | null)[]) => sql`${sql.param(values)}::text[]`;
const responseKinds = sql`${sql.param([...RESPONSE_EVENT_KINDS])}::send_event_kind[]`;
/**
 * The counters' stripe this transaction adds to (schema/tracking.ts COUNTER_STRIPES): from its transaction id, so
 * that concurrent transactions mostly add to different rows, and one transaction's rows are locked in key order.
 */
const stripe = sql.raw(`(txid_current() % ${COUNTER_STRIPES})::smallint`);

/**
 * Records events, set-based and idempotent, in one transaction: each new one in `send_events` (UNIQUE on source
 * and source id: a duplicate has no effect), the kinds each send reaches for the first time in `send_outcomes`
 * (the earliest time kept, whatever order they come in), the board's counters in `send_rollup_stripes`, each
 * send's first response in `send_responders` and its day since the wave was due in `send_return_day_stripes` (the
 * board's returns curve: the day of the first response recorded) — both counters on the stripe of this
 * transaction, so that concurrent batches add to different rows (read through the views `send_rollups` and
 * `send_return_days`, which sum the stripes), then what each
 * kind does (sendEventEffect): suppressions and consent changes with their proof. Events for sends that do not exist are ignored. Rows are locked in a fixed order (source id,
 * send, step) so that concurrent batches do not deadlock.
 */
export async function applySendEvents(
  db: Db,
  input: readonly SendEventInput[],
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  if (input.length === 0) return { recorded: 0, ignored: 0, events: [], ignoredSourceIds: [] };
  const wanted =
    options.events === 'acted-on'
      ? sql`WHERE p.kind = ANY(${sql.param([...ACTED_ON_KINDS])}::send_event_kind[])`
      : sql``;
  return db.transaction(async (tx) => {
    const rows = await tx.execute<{
      send_id: string | null;
      kind: SendEventKind;
      first: boolean;
      events: number;
      amount: string;
      occurred_at: string;
      contact_id: string;
      campaign_id: string;
      step_id: string;
      channel: Channel;
      address: string | null;
      /**
       * on the summary row only (send_id null): all the new events, the input's that recorded nothing, and the sends
       * in doubt (`unknown`) that got a new event
       */
      recorded: number | null;
      ignored_ids: string[] | null;
      unknown_ids: string[] | null;
    }>(sql`
      WITH input AS (
        SELECT * FROM unnest(${text(input.map((e) => String(e.sendId)))}::bigint[],
                             ${text(input.map((e) => e.kind))}::send_event_kind[],
                             ${text(input.map((e) => e.source))},
                             ${text(input.map((e) => e.sourceId))},
                             ${text(input.map((e) => (e.amountCents == null ? null : String(e.amountCents))))}::bigint[],
                             ${text(input.map((e) => (e.occurredAt ?? new Date()).toISOString()))}::timestamptz[],
                             ${text(input.map((e) => (e.detail ? JSON.stringify(e.detail) : null)))}::jsonb[])
               AS i(send_id, kind, source, source_id, amount_cents, occurred_at, detail)
      ), targets AS MATERIALIZED (
        -- the batch's sends, read once through their primary key (= ANY: an index scan whatever the estimates;
        -- joining sends itself three times had the planner hash a sequential scan of the whole table each time)
        SELECT s.id, s.campaign_id, s.step_id, s.phase, s.variant, s.channel, s.contact_id, s.address, s.wave_id,
               s.created_at, s.status
          FROM sends s WHERE s.id = ANY(${text([...new Set(input.map((e) => String(e.sendId)))])}::bigint[])
      ), ins AS (
        INSERT INTO send_events (send_id, kind, source, source_id, amount_cents, occurred_at, detail)
        SELECT i.send_id, i.kind, i.source, i.source_id, i.amount_cents, i.occurred_at, i.detail
          FROM input i
         WHERE EXISTS (SELECT 1 FROM targets s WHERE s.id = i.send_id)
         ORDER BY i.source, i.source_id
        ON CONFLICT (source, source_id) DO NOTHING
        RETURNING send_id, kind, source, source_id, amount_cents, occurred_at
      ), firsts AS (
        INSERT INTO send_outcomes (send_id, kind, first_at)
        SELECT send_id, kind, min(occurred_at) FROM ins GROUP BY send_id, kind ORDER BY send_id, kind
        ON CONFLICT (send_id, kind) DO UPDATE SET first_at = excluded.first_at
          WHERE excluded.first_at < send_outcomes.first_at
        RETURNING send_id, kind, (xmax = 0) AS inserted
      ), responders AS (
        INSERT INTO send_responders (send_id, first_at)
        SELECT send_id, min(occurred_at) FROM ins WHERE kind = ANY(${responseKinds})
         GROUP BY send_id ORDER BY send_id
        ON CONFLICT (send_id) DO NOTHING
        RETURNING send_id, first_at
      ), return_days AS (
        INSERT INTO send_return_day_stripes AS d (campaign_id, step_id, phase, variant, channel, day, stripe, responders)
        SELECT s.campaign_id, s.step_id, s.phase, s.variant, s.channel,
               greatest(0, floor(extract(epoch FROM r.first_at - coalesce(w.due_at, s.created_at)) / 86400))::int,
               ${stripe}, count(*)
          FROM responders r JOIN targets s ON s.id = r.send_id LEFT JOIN send_waves w ON w.id = s.wave_id
         GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 2, 3, 4, 6
        ON CONFLICT (step_id, phase, variant, day, stripe) DO UPDATE SET responders = d.responders + excluded.responders
      ), per_send AS (
        SELECT e.send_id, e.kind, count(*)::int AS events, coalesce(sum(e.amount_cents), 0)::bigint AS amount,
               min(e.occurred_at) AS occurred_at, bool_or(coalesce(f.inserted, false)) AS first
          FROM ins e LEFT JOIN firsts f ON f.send_id = e.send_id AND f.kind = e.kind
         GROUP BY e.send_id, e.kind
      ), rolled AS (
        INSERT INTO send_rollup_stripes AS r (campaign_id, step_id, phase, variant, channel, kind, stripe, contacts,
                                              events, amount_cents)
        SELECT s.campaign_id, s.step_id, s.phase, s.variant, s.channel, p.kind, ${stripe},
               count(*) FILTER (WHERE p.first), sum(p.events), sum(p.amount)
          FROM per_send p JOIN targets s ON s.id = p.send_id
         GROUP BY s.campaign_id, s.step_id, s.phase, s.variant, s.channel, p.kind
         ORDER BY s.step_id, s.phase, s.variant, p.kind
        ON CONFLICT (step_id, phase, variant, kind, stripe) DO UPDATE
          SET contacts = r.contacts + excluded.contacts, events = r.events + excluded.events,
              amount_cents = r.amount_cents + excluded.amount_cents, updated_at = now()
      ), ignored AS (
        SELECT source_id FROM (SELECT source, source_id FROM input EXCEPT ALL SELECT source, source_id FROM ins) x
      )
      SELECT p.send_id, p.kind, p.first, p.events, p.amount, p.occurred_at,
             s.contact_id, s.campaign_id, s.step_id, s.channel, s.address, NULL::int AS recorded,
             NULL::text[] AS ignored_ids, NULL::text[] AS unknown_ids
        FROM per_send p JOIN targets s ON s.id = p.send_id ${wanted}
      UNION ALL
      SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
             (SELECT coalesce(sum(events), 0)::int FROM per_send),
             (SELECT coalesce(array_agg(source_id), '{}') FROM ignored),
             -- usually none: the batch's sends in doubt first, then whether one got an event
             (SELECT coalesce(array_agg(t.id::text), '{}') FROM targets t
               WHERE t.status = 'unknown' AND EXISTS (SELECT 1 FROM ins i WHERE i.send_id = t.id))`);

    const summary = rows.find((r) => r.send_id === null);
    const events: RecordedEvent[] = rows.flatMap((r) =>
      r.send_id === null
        ? []
        : [
            {
              sendId: Number(r.send_id),
              kind: r.kind,
              first: r.first,
              events: Number(r.events),
              amountCents: Number(r.amount),
              contactId: Number(r.contact_id),
              campaignId: r.campaign_id,
              stepId: r.step_id,
              channel: r.channel,
              address: r.address,
              occurredAt: new Date(r.occurred_at),
            },
          ],
    );
    const recorded = summary?.recorded ?? 0;
    await settleInDoubt(tx, summary?.unknown_ids ?? []);
    await applyEffects(tx, events);
    // responses, quotes and sales open (or advance) the sends' follow-ups, in the same transaction
    await syncFollowUps(tx, events);
    return {
      recorded,
      ignored: input.length - recorded,
      events,
      ignoredSourceIds: summary?.ignored_ids ?? [],
    };
  });
}

/**
 * Sends in doubt (`unknown`: the provider may have accepted them) that something came back from: the provider's
 * own status or event, or the recipient's open, click or code. Either way the message left, so the send is
 * settled as sent, as a user would from the provider's logs (dispatch-progress.ts `reconcileUnknown`); its
 * sending time is when it was handed to the provider, else its first event's. (A send whose event came back before
 * the worker gave it up is settled there: dispatch-claims.ts `markUnknown` and `abandonedClaim`.)
 */
async function settleInDoubt(tx: Db, sendIds: readonly string[]): Promise<void> {
  if (sendIds.length === 0) return;
  await tx.execute(sql`
    UPDATE sends s SET status = 'sent', error = ${SETTLED_BY_EVENT},
           finished_at = coalesce(s.finished_at, s.handed_at,
                                  (SELECT min(o.first_at) FROM send_outcomes o WHERE o.send_id = s.id), now())
     WHERE s.id = ANY(${text(sendIds)}::bigint[]) AND s.status = 'unknown'`);
}

/** the note a send settled by an event keeps (its `error` column says how a send in doubt ended) */
export const SETTLED_BY_EVENT = 'reconciled: sent (an event came back from it)';

/**
 * Suppressions and consent changes, for the kinds that carry them (sendEventEffect), from the first such event of
 * each send: the send's address on its channel goes on the suppression list (never removed but by START, which
 * lifts only the STOP of that number), and the contact's consent for the channel changes with its proof.
 */
async function applyEffects(tx: Db, events: readonly RecordedEvent[]): Promise<void> {
  const suppress: { e: RecordedEvent; reason: string }[] = [];
  const consent: { e: RecordedEvent; status: 'opt_out' | 'opt_in' }[] = [];
  for (const e of events) {
    if (!e.first) continue;
    const effect = sendEventEffect(e.kind);
    if (effect.suppress && e.address) suppress.push({ e, reason: effect.suppress });
    if (effect.consent) consent.push({ e, status: effect.consent });
  }
  if (suppress.length > 0) {
    await tx.execute(sql`
      INSERT INTO suppressions (channel, address, reason, source, contact_id)
      SELECT DISTINCT ON (v.channel, v.address) v.channel::channel, v.address, v.reason::suppression_reason,
             'tracking', v.contact_id
        FROM unnest(${text(suppress.map((s) => s.e.channel))}, ${text(suppress.map((s) => s.e.address))},
                    ${text(suppress.map((s) => s.reason))},
                    ${text(suppress.map((s) => String(s.e.contactId)))}::bigint[]) AS v(channel, address, reason, contact_id)
       ORDER BY v.channel, v.address
      ON CONFLICT (channel, address) DO NOTHING`);
  }
  const optIns = consent.filter((c) => c.status === 'opt_in' && c.e.address);
  if (optIns.length > 0) {
    await tx.execute(sql`
      DELETE FROM suppressions s
       USING unnest(${text(optIns.map((c) => c.e.channel))}, ${text(optIns.map((c) => c.e.address))}) AS v(channel, address)
       WHERE s.channel = v.channel::channel AND s.address = v.address AND s.reason = 'stop'`);
  }
  if (consent.length > 0) {
    // the latest change per (contact, channel) wins within a batch; its proof says which event made it
    await tx.execute(sql`
      WITH v AS (
        SELECT DISTINCT ON (contact_id, channel) contact_id, channel, status, source, at
          FROM unnest(${text(consent.map((c) => String(c.e.contactId)))}::bigint[],
                      ${text(consent.map((c) => c.e.channel))}::channel[],
                      ${text(consent.map((c) => c.status))}::consent_status[],
                      ${text(consent.map((c) => `${c.e.kind}:send:${c.e.sendId}`))},
                      ${text(consent.map((c) => c.e.occurredAt.toISOString()))}::timestamptz[])
                 AS u(contact_id, channel, status, source, at)
         ORDER BY contact_id, channel, at DESC
      ), proof AS (
        INSERT INTO consent_events (contact_id, channel, status, source, recorded_at)
        SELECT contact_id, channel, status, source, at FROM v
      )
      INSERT INTO consents (contact_id, channel, status, source, recorded_at)
      SELECT contact_id, channel, status, source, at FROM v ORDER BY contact_id, channel
      ON CONFLICT (contact_id, channel) DO UPDATE
        SET status = excluded.status, source = excluded.source, recorded_at = excluded.recorded_at,
            legal_basis = CASE WHEN excluded.status = 'opt_in' THEN 'consent'::legal_basis ELSE consents.legal_basis END
        WHERE consents.recorded_at <= excluded.recorded_at`);
  }
}

/** A send found by its tracking code (as stored: compact, upper case, with its check character). */
export interface SendByCode {
  sendId: number;
  contactId: number;
  campaignId: string;
  stepId: string;
  channel: Channel;
  variant: 'A' | 'B' | 'C';
  trackingCode: string;
}

/** The sends of these codes (unknown codes are left out), in one statement through the codes' UNIQUE index. */
export async function sendsByCodes(db: Db, codes: readonly string[]): Promise<Map<string, SendByCode>> {
  const found = new Map<string, SendByCode>();
  if (codes.length === 0) return found;
  const rows = await db.execute<{
    id: string;
    contact_id: string;
    campaign_id: string;
    step_id: string;
    channel: Channel;
    variant: 'A' | 'B' | 'C';
    tracking_code: string;
  }>(sql`
    SELECT id, contact_id, campaign_id, step_id, channel, variant, tracking_code
      FROM sends WHERE tracking_code = ANY(${text([...new Set(codes)])})`);
  for (const r of rows) {
    found.set(r.tracking_code, {
      sendId: Number(r.id),
      contactId: Number(r.contact_id),
      campaignId: r.campaign_id,
      stepId: r.step_id,
      channel: r.channel,
      variant: r.variant,
      trackingCode: r.tracking_code,
    });
  }
  return found;
}
