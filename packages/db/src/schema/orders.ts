import { bigint, boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { contacts } from './contacts';

/** Purchase history. Money in euro cents. */
export const orders = pgTable(
  'orders',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    externalId: text('external_id'),
    contactId: bigint('contact_id', { mode: 'number' })
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    orderedAt: timestamp('ordered_at', { withTimezone: true }).notNull(),
    amountCents: integer('amount_cents').notNull(),
    marginCents: integer('margin_cents'),
    promo: boolean('promo').notNull().default(false),
    voucher: boolean('voucher').notNull().default(false),
    source: text('source'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('orders_external_id_key').on(t.externalId),
    // INCLUDE (amount_cents) in migration 0020: the running monthly totals are rebuilt from the index alone
    index('orders_contact_idx').on(t.contactId, t.orderedAt),
    // INCLUDE (contact_id, amount_cents) in migration 0016: the few days of orders a window rule reads beyond
    // whole months (segment-fields.ts) come from the index alone
    index('orders_ordered_at_idx').on(t.orderedAt),
  ],
);
