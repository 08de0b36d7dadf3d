import { bigint, pgTable, timestamp } from 'drizzle-orm/pg-core';
import { contacts } from './contacts';

/**
 * Each customer's order history packed into one row: what a segment rule on "orders (or amount) over the last N
 * days" reads instead of every order of the window (see segment-fields.ts, `ordersInWindow`).
 *
 * `orderedAt` holds the dates of all the contact's orders, oldest first; `amountUpto[i]` the amount (cents) of its
 * orders up to and including the i-th (PostgreSQL arrays start at 1). The orders before a moment `s` are
 * `width_bucket(s − 1 µs, orderedAt)` (a binary search in C: the number of dates ≤ its operand), so over any window
 * the count is `cardinality(orderedAt)` minus that position and the amount the last element of `amountUpto` minus
 * the element at it: one row and a binary search per customer, exact to the microsecond, whatever the window.
 *
 * Kept exact by statement triggers on `orders` (migration 0025): every statement that inserts, updates or deletes
 * orders rebuilds the rows of the contacts it touched, set-based, whoever writes (imports, seed, tests); a
 * contact without orders has no row.
 */
export const contactOrderHistory = pgTable('contact_order_history', {
  contactId: bigint('contact_id', { mode: 'number' })
    .primaryKey()
    .references(() => contacts.id, { onDelete: 'cascade' }),
  orderedAt: timestamp('ordered_at', { withTimezone: true }).array().notNull(),
  amountUpto: bigint('amount_upto', { mode: 'number' }).array().notNull(),
  /** the last element of `amountUpto`, as a column: `amount_total − …` lets PostgreSQL see that a rule on the
   * amount fails for a contact without a row, and start from the customers who pass */
  amountTotal: bigint('amount_total', { mode: 'number' }).notNull(),
});
