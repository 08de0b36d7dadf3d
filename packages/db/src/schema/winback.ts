import {
  ALERT_KINDS,
  FORMER_EXITS,
  FORMER_REASONS,
  LOST_REASONS,
  OCCASIONAL_REASONS,
  WINBACK_EXCLUSIONS,
} from '@relance/domain/winback/vocabulary';
import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { contacts } from './contacts';
import { users } from './users';

export const lostReasonEnum = pgEnum('lost_reason', LOST_REASONS);
export const winbackExclusionEnum = pgEnum('winback_exclusion', WINBACK_EXCLUSIONS);
export const occasionalReasonEnum = pgEnum('occasional_reason', OCCASIONAL_REASONS);
export const formerReasonEnum = pgEnum('former_reason', FORMER_REASONS);
export const formerExitEnum = pgEnum('former_exit', FORMER_EXITS);
export const winbackAlertKindEnum = pgEnum('winback_alert_kind', ALERT_KINDS);

/**
 * Each customer's win-back state, recomputed set-based by the worker after the indicators: former customer
 * since when, occasional-buyer reasons, warning signals with their evidence (active customers; an object keyed
 * by signal kind), reactivation score (0-10), probability of leaving (active customers, when a model exists)
 * with the feature values it was computed from, so that its main factors can be shown. One row per contact with
 * at least one order.
 */
export const contactWinback = pgTable(
  'contact_winback',
  {
    contactId: bigint('contact_id', { mode: 'number' })
      .primaryKey()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    formerSince: timestamp('former_since', { withTimezone: true }),
    formerReason: formerReasonEnum('former_reason'),
    occasionalReasons: occasionalReasonEnum('occasional_reasons').array().notNull().default(sql`'{}'`),
    signals: jsonb('signals').$type<Record<string, unknown>>().notNull().default({}),
    promoShare: real('promo_share').notNull(),
    reactivationScore: real('reactivation_score'),
    churnProbability: real('churn_probability'),
    churnFeatures: doublePrecision('churn_features').array(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('contact_winback_candidates_idx')
      .on(t.reactivationScore.desc().nullsLast(), t.contactId)
      .where(sql`${t.formerSince} IS NOT NULL`),
    index('contact_winback_churn_idx')
      .on(t.churnProbability.desc().nullsLast(), t.contactId)
      .where(sql`${t.churnProbability} IS NOT NULL`),
  ],
);

/**
 * The former-customer file (fichier cimetière), with its history: one row per stay, opened when the inactivity
 * rule first holds (dated when it happened), closed when the customer orders again or the rule no longer holds.
 */
export const formerCustomers = pgTable(
  'former_customers',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    contactId: bigint('contact_id', { mode: 'number' })
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    reason: formerReasonEnum('reason').notNull(),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
    leftAt: timestamp('left_at', { withTimezone: true }),
    exit: formerExitEnum('exit'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('former_customers_open_key').on(t.contactId).where(sql`${t.leftAt} IS NULL`),
    index('former_customers_contact_idx').on(t.contactId, t.enteredAt),
    index('former_customers_entered_idx').on(t.enteredAt),
  ],
);

/**
 * Why a customer left and for which competitor, and whether to leave them out of win-back, as captured on the
 * contact. Every capture is kept; the latest is the contact's current one. `lostAt` is when the customer left
 * (the barometer's month), `recordedAt` when it was written down.
 */
export const lostReasons = pgTable(
  'lost_reasons',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    contactId: bigint('contact_id', { mode: 'number' })
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    reason: lostReasonEnum('reason').notNull(),
    competitor: text('competitor'),
    exclusion: winbackExclusionEnum('exclusion'),
    note: text('note'),
    lostAt: timestamp('lost_at', { withTimezone: true }).notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('lost_reasons_contact_idx').on(t.contactId, t.id),
    index('lost_reasons_lost_at_idx').on(t.lostAt),
  ],
);

/** Reactivation criteria scored by hand on a contact (0-10); a hand score replaces the data's. */
export const reactivationHandScores = pgTable(
  'reactivation_hand_scores',
  {
    contactId: bigint('contact_id', { mode: 'number' })
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    criterion: text('criterion').notNull(),
    score: real('score').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    scoredAt: timestamp('scored_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.contactId, t.criterion] }),
    check('reactivation_hand_scores_range', sql`${t.score} >= 0 AND ${t.score} <= 10`),
  ],
);

/**
 * Every training of the churn model, newest used: its standardised features and coefficients (the domain's
 * ChurnModel), its AUC on held-out customers, the counts it learnt from, or why it could not be trained.
 */
export const churnModels = pgTable(
  'churn_models',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    trainedAt: timestamp('trained_at', { withTimezone: true }).notNull().defaultNow(),
    asOf: timestamp('as_of', { withTimezone: true }).notNull(),
    horizonMonths: integer('horizon_months').notNull(),
    status: text('status', { enum: ['trained', 'insufficient'] }).notNull(),
    reason: text('reason'),
    intercept: doublePrecision('intercept'),
    features: jsonb('features').$type<{ name: string; mean: number; std: number; coefficient: number }[]>(),
    auc: doublePrecision('auc'),
    trainCount: integer('train_count').notNull(),
    trainLeft: integer('train_left').notNull(),
    testCount: integer('test_count'),
    testLeft: integer('test_left'),
  },
  (t) => [index('churn_models_trained_idx').on(t.trainedAt)],
);

/**
 * The alert feed: a warning signal that appeared on an active customer, or a customer who became former. Shown to
 * the contact's account owner (and to managers); dismissed once dealt with.
 */
export const winbackAlerts = pgTable(
  'winback_alerts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    contactId: bigint('contact_id', { mode: 'number' })
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    kind: winbackAlertKindEnum('kind').notNull(),
    evidence: jsonb('evidence').$type<Record<string, unknown>>().notNull(),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull(),
    dismissedAt: timestamp('dismissed_at', { withTimezone: true }),
    dismissedBy: uuid('dismissed_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('winback_alerts_open_idx').on(t.id).where(sql`${t.dismissedAt} IS NULL`),
    index('winback_alerts_contact_idx').on(t.contactId),
  ],
);
