import { SEND_EVENT_KINDS, SEND_PHASES, SEND_STATUSES, SKIP_REASONS } from '@relance/domain/dispatch/sends';
import { VARIANT_LABELS } from '@relance/domain/planning/test-plan';
import {
  bigint,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { campaignSteps, campaigns } from './campaigns';
import { contacts } from './contacts';
import { channelEnum } from './enums';
import { users } from './users';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export const sendPhaseEnum = pgEnum('send_phase', SEND_PHASES);
export const sendStatusEnum = pgEnum('send_status', SEND_STATUSES);
export const skipReasonEnum = pgEnum('send_skip_reason', SKIP_REASONS);
export const variantLabelEnum = pgEnum('variant_label', VARIANT_LABELS);
export const sendEventKindEnum = pgEnum('send_event_kind', SEND_EVENT_KINDS);

/**
 * A campaign's test and rollout. The row is written when the phase is launched (D+0 = `startedAt`); its
 * members (the sample, or the rest of the audience) are written once, under the campaign's lock, as the sends
 * of the first step (`materialisedAt`). The test's reading (variants compared on the winner metric) is kept
 * when the test ends; the rollout keeps the variant it rolled out.
 */
export const campaignPhases = pgTable(
  'campaign_phases',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    phase: sendPhaseEnum('phase').notNull(),
    variant: variantLabelEnum('variant'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    /** the test's sample as requested (contacts), resolved against the audience at launch */
    requestedSize: integer('requested_size'),
    /** members written (the sample, or the rest of the audience) */
    members: integer('members'),
    materialisedAt: timestamp('materialised_at', { withTimezone: true }),
    /** the test: when it is read (D+0 + the plan's duration) */
    endsAt: timestamp('ends_at', { withTimezone: true }),
    reading: jsonb('reading').$type<unknown>(),
    readAt: timestamp('read_at', { withTimezone: true }),
    launchedBy: uuid('launched_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.phase] })],
);

/**
 * One step of one phase for one variant group: when it is due (D+n at the next opening of its send window),
 * when its sends were written (later steps resolve their target when due) and handed to the queue.
 */
export const sendWaves = pgTable(
  'send_waves',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    stepId: uuid('step_id')
      .notNull()
      .references(() => campaignSteps.id, { onDelete: 'cascade' }),
    phase: sendPhaseEnum('phase').notNull(),
    variant: variantLabelEnum('variant').notNull(),
    /** the channel the wave goes out on (a channel variant changes it) */
    channel: channelEnum('channel').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    materialisedAt: timestamp('materialised_at', { withTimezone: true }),
    enqueuedAt: timestamp('enqueued_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('send_waves_step_phase_variant_key').on(t.stepId, t.phase, t.variant),
    index('send_waves_campaign_idx').on(t.campaignId),
  ],
);

/**
 * One row per (step, contact): what goes (or went) to whom. Written set-based when the wave is materialised:
 * sendable rows get a tracking code, the others their skip reason. The worker claims rows (pending → sending,
 * with its claim token), marks them handed just before the provider call (so that a crash tells "never left"
 * from "may have left"), then sent with the provider's id, failed, or unknown. `wave_id`, `campaign_id` and
 * `step_id` are the wave's, kept here for the UNIQUE (step, contact) and the progress counts. Measured on a
 * million-row insert, each foreign key costs a trigger per row and each index its own insert: only the contact is
 * a foreign key (erasing a contact erases their sends), sends are never written but from an existing wave, and
 * a wave's sends are found through the UNIQUE (step, contact) index. Status is in no index, so that the two
 * updates of every send (claimed, then sent) are HOT updates that touch no index: fillfactor 20 (migration 0017;
 * 70 before, which left room for too few of them) keeps room on the page for both new versions of each row.
 */
export const sends = pgTable(
  'sends',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    waveId: uuid('wave_id').notNull(),
    campaignId: uuid('campaign_id').notNull(),
    stepId: uuid('step_id').notNull(),
    contactId: bigint('contact_id', { mode: 'number' })
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    phase: sendPhaseEnum('phase').notNull(),
    variant: variantLabelEnum('variant').notNull(),
    channel: channelEnum('channel').notNull(),
    trackingCode: text('tracking_code'),
    status: sendStatusEnum('status').notNull().default('pending'),
    skipReason: skipReasonEnum('skip_reason'),
    /** the address it went to (email, E.164 number, postal key), read when claimed */
    address: text('address'),
    providerId: text('provider_id'),
    attempts: integer('attempts').notNull().default(0),
    claimToken: text('claim_token'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    handedAt: timestamp('handed_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    error: text('error'),
  },
  (t) => [
    unique('sends_step_contact_key').on(t.stepId, t.contactId),
    uniqueIndex('sends_tracking_code_key').on(t.trackingCode),
    index('sends_contact_idx').on(t.contactId),
  ],
);

/**
 * What came back from a send: provider results, engagement, answers, the follow-up pipeline and opt-outs
 * (SEND_EVENT_KINDS). Written only by `applySendEvents` (queries/send-events-apply.ts), keyed by its source's id
 * so that the same event delivered twice counts once; `send_outcomes` and `send_rollup_stripes` (schema/tracking.ts)
 * are kept in the same statement.
 */
export const sendEvents = pgTable(
  'send_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    sendId: bigint('send_id', { mode: 'number' })
      .notNull()
      .references(() => sends.id, { onDelete: 'cascade' }),
    kind: sendEventKindEnum('kind').notNull(),
    source: text('source').notNull(),
    sourceId: text('source_id').notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }),
    /** what the source said beside the kind: the link clicked, the bounce's reason, who typed a code... */
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('send_events_source_key').on(t.source, t.sourceId),
    index('send_events_send_idx').on(t.sendId, t.kind),
  ],
);

/**
 * A batch of letters for the mail house: the print-ready PDF (one page per letter) and the CSV manifest, kept
 * downloadable on the campaign. `idempotency_key` is the one given to the print-and-mail API (the same letters
 * give the same key): a batch saved twice is kept once. `reference` is the wave's print reference.
 */
export const postalBatches = pgTable(
  'postal_batches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    stepId: uuid('step_id').notNull(),
    reference: text('reference').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    letters: integer('letters').notNull(),
    pdf: bytea('pdf').notNull(),
    manifest: text('manifest').notNull(),
    providerId: text('provider_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('postal_batches_idempotency_key').on(t.idempotencyKey),
    index('postal_batches_campaign_idx').on(t.campaignId, t.createdAt),
  ],
);
