import { FOLLOW_UP_MOVE_KINDS, FOLLOW_UP_STAGES } from '@relance/domain/tracking/follow-up';
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { contacts } from './contacts';
import { sends } from './dispatch';
import { channelEnum } from './enums';
import { users } from './users';
import { lostReasonEnum } from './winback';

export const followUpStageEnum = pgEnum('follow_up_stage', FOLLOW_UP_STAGES);
export const followUpMoveKindEnum = pgEnum('follow_up_move_kind', FOLLOW_UP_MOVE_KINDS);

/**
 * One follow-up per send that got a response (tracking/follow-up.ts): opened by `syncFollowUps` in the transaction
 * that records the response, quote or sale (a sale at a counter opens it at "sale"), moved on the board by people.
 * The campaign, step, channel and contact are the send's, kept here for the board's columns and the timeline.
 * `next_reminder_at` is the earliest pending reminder's due time (kept with the reminders); `version` grows with
 * every change, so that a move made on a stale card is refused.
 */
export const followUps = pgTable(
  'follow_ups',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    sendId: bigint('send_id', { mode: 'number' })
      .notNull()
      .unique('follow_ups_send_key')
      .references(() => sends.id, { onDelete: 'cascade' }),
    contactId: bigint('contact_id', { mode: 'number' })
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id').notNull(),
    stepId: uuid('step_id').notNull(),
    channel: channelEnum('channel').notNull(),
    stage: followUpStageEnum('stage').notNull(),
    quoteCents: bigint('quote_cents', { mode: 'number' }),
    saleCents: bigint('sale_cents', { mode: 'number' }),
    lostReason: lostReasonEnum('lost_reason'),
    competitor: text('competitor'),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    nextReminderAt: timestamp('next_reminder_at', { withTimezone: true }),
    /** reminders made (each one a `reminded` event) */
    reminders: integer('reminders').notNull().default(0),
    notes: text('notes'),
    version: integer('version').notNull().default(1),
    /** the first response's time (the event's, not the recording's) */
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    /** when it reached its current stage */
    stageAt: timestamp('stage_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('follow_ups_board_idx').on(t.campaignId, t.stage, t.id),
    index('follow_ups_contact_idx').on(t.contactId),
  ],
);

/**
 * Reminders scheduled on a follow-up: by a person (a date and a note), or by the worker's sweep for an open
 * follow-up left without one (`automatic`). Done when made (a `reminded` event), cancelled when the follow-up
 * closes (sale or lost). `overdue_at`: when the sweep found it past due, for the due list and the cards.
 */
export const followUpReminders = pgTable(
  'follow_up_reminders',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    followUpId: bigint('follow_up_id', { mode: 'number' })
      .notNull()
      .references(() => followUps.id, { onDelete: 'cascade' }),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    note: text('note'),
    automatic: boolean('automatic').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneBy: uuid('done_by').references(() => users.id, { onDelete: 'set null' }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    overdueAt: timestamp('overdue_at', { withTimezone: true }),
  },
  (t) => [
    index('follow_up_reminders_follow_up_idx').on(t.followUpId),
    index('follow_up_reminders_pending_idx')
      .on(t.dueAt, t.id)
      .where(sql`done_at IS NULL AND cancelled_at IS NULL`),
  ],
);

/**
 * What people did on the board, for the card's history and the contact's timeline: the move, the stages it went
 * between, its amount or reason, who and when. Moves that record an event share its time.
 */
export const followUpMoves = pgTable(
  'follow_up_moves',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    followUpId: bigint('follow_up_id', { mode: 'number' })
      .notNull()
      .references(() => followUps.id, { onDelete: 'cascade' }),
    contactId: bigint('contact_id', { mode: 'number' }).notNull(),
    kind: followUpMoveKindEnum('kind').notNull(),
    fromStage: followUpStageEnum('from_stage').notNull(),
    toStage: followUpStageEnum('to_stage').notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }),
    lostReason: lostReasonEnum('lost_reason'),
    competitor: text('competitor'),
    note: text('note'),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('follow_up_moves_follow_up_idx').on(t.followUpId, t.id),
    index('follow_up_moves_contact_idx').on(t.contactId, t.at),
  ],
);
