import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  json,
  pgTable,
  pgView,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { sendEventKindEnum, sendPhaseEnum, sendStatusEnum, sends, variantLabelEnum } from './dispatch';
import { channelEnum } from './enums';

/**
 * How many rows each key of the hot counters (`send_rollup_stripes`, `send_return_day_stripes`) is spread over:
 * a transaction adds to the stripe of its transaction id modulo this, so that concurrent intake transactions rarely
 * meet on a row (migration 0024 says the same number).
 */
export const COUNTER_STRIPES = 8;

/**
 * The key of a wave's counters (a step × phase × variant group, with its campaign and channel): fresh column
 * builders for each table or view that uses it.
 */
const waveKey = () => ({
  campaignId: uuid('campaign_id').notNull(),
  stepId: uuid('step_id').notNull(),
  phase: sendPhaseEnum('phase').notNull(),
  variant: variantLabelEnum('variant').notNull(),
  channel: channelEnum('channel').notNull(),
});

/**
 * The kinds each send has reached, with the first time (the earliest event of that kind, whatever order they came
 * in). One row per (send, kind): inserting it tells a first open from a second one, so that the rollups count
 * openers, clickers and responders, not opens; and a send's delivery state (tracking/send-events.ts
 * `deliveryState`) is read from its rows, so it never moves backwards.
 *
 * No foreign key on `send_id` (migration 0026): its rows are only written by `applySendEvents`, from the events it
 * has just inserted into `send_events` in the same statement — whose foreign key has already checked the send and
 * locked it (FOR KEY SHARE) until the commit — so a second check per row was pure cost (about a sixth of the
 * statement's time in PostgreSQL). Deleting or truncating sends still removes their rows: statement-level triggers on `sends` do it.
 */
export const sendOutcomes = pgTable(
  'send_outcomes',
  {
    sendId: bigint('send_id', { mode: 'number' }).notNull(),
    kind: sendEventKindEnum('kind').notNull(),
    firstAt: timestamp('first_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.sendId, t.kind] })],
);

/**
 * The board's counters, per step, phase, variant and event kind (the channel is the wave's): how many sends reached
 * the kind (`contacts`: openers, responders...), how many events of it (`events`: opens, sales...) and their amounts
 * (sales, quotes). Kept by `applySendEvents` in the statement that records the events, so the board reads a few
 * hundred rows however many sends and events there are.
 *
 * Striped: each key has up to COUNTER_STRIPES rows (`stripe`, chosen per transaction), so that concurrent intake
 * transactions add to different rows instead of queueing on the same few (every webhook batch touches every kind of
 * its step). Only `applySendEvents` writes them; everyone reads the `send_rollups` view (a key's SUM over stripes).
 */
export const sendRollupStripes = pgTable(
  'send_rollup_stripes',
  {
    ...waveKey(),
    kind: sendEventKindEnum('kind').notNull(),
    /** which of the key's rows (0 to COUNTER_STRIPES - 1): concurrent writers add to different ones */
    stripe: smallint('stripe').notNull().default(0),
    contacts: integer('contacts').notNull().default(0),
    events: integer('events').notNull().default(0),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.stepId, t.phase, t.variant, t.kind, t.stripe] }),
    index('send_rollup_stripes_campaign_idx').on(t.campaignId),
  ],
);

/**
 * The board's counters as one row per step, phase, variant and kind: `send_rollup_stripes` summed over its stripes
 * (a filter on the campaign or the step reaches the table's indexes through the view). The channel is the key's
 * label (the lowest, should a key's stripes ever disagree).
 */
export const sendRollups = pgView('send_rollups', {
  ...waveKey(),
  kind: sendEventKindEnum('kind').notNull(),
  contacts: integer('contacts').notNull(),
  events: integer('events').notNull(),
  amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
}).as(sql`SELECT campaign_id, step_id, phase, variant, min(channel) AS channel, kind, sum(contacts)::int AS contacts,
  sum(events)::int AS events, sum(amount_cents)::bigint AS amount_cents, max(updated_at) AS updated_at
  FROM send_rollup_stripes GROUP BY campaign_id, step_id, phase, variant, kind`);

/**
 * What providers posted, once its signature was checked: kept before the answer (so a webhook answered 2xx is never
 * lost), then turned into events by the worker's intake job. `processed_at` stays null until then; a sweep
 * re-enqueues batches whose job was lost.
 */
export const inboundBatches = pgTable(
  'inbound_batches',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** which intake reads it (tracking/inbound.ts INBOUND_SOURCES) */
    source: text('source').notNull(),
    /**
     * `json`, not `jsonb`: kept as posted (PostgreSQL only checks it is JSON, without building jsonb on the
     * webhook's path) and read once by the worker; query it as `payload::jsonb` when needed. Compressed with lz4
     * (migration 0027: several times faster than PostgreSQL's default pglz on the webhook's INSERT).
     */
    payload: json('payload').$type<unknown>().notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    /** events recorded (new ones), and those already known or matching no send */
    recorded: integer('recorded'),
    ignored: integer('ignored'),
    error: text('error'),
  },
  (t) => [index('inbound_batches_pending_idx').on(t.receivedAt).where(sql`processed_at IS NULL`)],
);

/**
 * The board's send counts per step, phase, variant, status and skip reason (`reason`: '' unless skipped), kept by
 * statement-level triggers on `sends` (migration 0012: AFTER INSERT/UPDATE/DELETE with transition tables, one
 * grouped upsert per statement, nothing when a statement changes no status), so that the board and the progress
 * panel read a few rows instead of counting a million sends.
 */
export const sendStatusCounts = pgTable(
  'send_status_counts',
  {
    ...waveKey(),
    status: sendStatusEnum('status').notNull(),
    reason: text('reason').notNull().default(''),
    sends: bigint('sends', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.stepId, t.phase, t.variant, t.status, t.reason] }),
    index('send_status_counts_campaign_idx').on(t.campaignId),
  ],
);

/**
 * Each send's first response (a response, a quote or a sale, whichever came first): inserting it tells a new
 * responder from one who answered again, so that `send_return_days` counts responders once, even from
 * concurrent batches.
 */
export const sendResponders = pgTable('send_responders', {
  sendId: bigint('send_id', { mode: 'number' })
    .primaryKey()
    .references(() => sends.id, { onDelete: 'cascade' }),
  firstAt: timestamp('first_at', { withTimezone: true }).notNull(),
});

/**
 * Responders per step, phase, variant and day since the wave was due (D+0 = its `due_at`, in whole days): the
 * actual returns the board draws against the milestone plan. Kept by `applySendEvents` with `send_responders`;
 * striped like `send_rollup_stripes`, read through the `send_return_days` view (a key's SUM over stripes).
 */
export const sendReturnDayStripes = pgTable(
  'send_return_day_stripes',
  {
    ...waveKey(),
    day: integer('day').notNull(),
    stripe: smallint('stripe').notNull().default(0),
    responders: integer('responders').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.stepId, t.phase, t.variant, t.day, t.stripe] }),
    index('send_return_day_stripes_campaign_idx').on(t.campaignId),
  ],
);

/** Responders per step, phase, variant and day: `send_return_day_stripes` summed over its stripes. */
export const sendReturnDays = pgView('send_return_days', {
  ...waveKey(),
  day: integer('day').notNull(),
  responders: integer('responders').notNull(),
}).as(sql`SELECT campaign_id, step_id, phase, variant, min(channel) AS channel, day, sum(responders)::int AS responders
  FROM send_return_day_stripes GROUP BY campaign_id, step_id, phase, variant, day`);
