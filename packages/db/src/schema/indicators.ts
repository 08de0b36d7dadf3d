import { TIERS } from '@relance/domain/indicators';
import {
  bigint,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { contacts } from './contacts';

export const tierEnum = pgEnum('tier', TIERS);

/**
 * Customer indicators, one row per contact, recomputed set-based by the worker after each import and every
 * night. Money in euro cents. RFM scores are quintiles (1-5, 5 best) among contacts with at least one order.
 */
export const contactIndicators = pgTable(
  'contact_indicators',
  {
    contactId: bigint('contact_id', { mode: 'number' })
      .primaryKey()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    orderCount: integer('order_count').notNull(),
    firstOrderAt: timestamp('first_order_at', { withTimezone: true }),
    lastOrderAt: timestamp('last_order_at', { withTimezone: true }),
    revenueCents: bigint('revenue_cents', { mode: 'number' }).notNull(),
    marginCents: bigint('margin_cents', { mode: 'number' }).notNull(),
    averageBasketCents: integer('average_basket_cents'),
    ordersPerYear: doublePrecision('orders_per_year'),
    revenueRecentCents: bigint('revenue_recent_cents', { mode: 'number' }).notNull(),
    revenuePreviousCents: bigint('revenue_previous_cents', { mode: 'number' }).notNull(),
    /** (recent − previous) / previous; null when there was nothing before */
    revenueTrend: doublePrecision('revenue_trend'),
    complaintCount: integer('complaint_count').notNull(),
    afterSalesCount: integer('after_sales_count').notNull(),
    recencyScore: smallint('recency_score'),
    frequencyScore: smallint('frequency_score'),
    monetaryScore: smallint('monetary_score'),
    tier: tierEnum('tier'),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('contact_indicators_tier_idx').on(t.tier),
    index('contact_indicators_last_order_idx').on(t.lastOrderAt),
  ],
);

/** Workspace-wide settings, one row per key (e.g. `indicators`), validated by the domain's zod schemas. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
