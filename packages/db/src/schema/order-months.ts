import { bigint, integer, pgTable } from 'drizzle-orm/pg-core';
import { contacts } from './contacts';

/**
 * Each customer's orders by calendar month (UTC), as running totals: what a segment rule on "orders (or amount)
 * over the last N days" reads instead of every order of the window (see segment-fields.ts, `ordersInWindow`).
 *
 * `ordersUpto[i]` and `amountUpto[i]` are the count and the amount (cents) of all the contact's orders up to the
 * end of month `firstMonth + i - 1` (months numbered `year * 12 + month - 1`, PostgreSQL arrays start at 1),
 * from the contact's first order month to its last: the orders from any month on are the last element minus one
 * element, two array reads per contact whatever the window.
 *
 * Kept exact by triggers on `orders` (migration 0016): every statement that inserts, updates or deletes orders
 * rebuilds the rows of the contacts it touched, set-based, whoever writes (imports, seed, tests); a contact
 * without orders has no row.
 */
export const contactOrderMonths = pgTable('contact_order_months', {
  contactId: bigint('contact_id', { mode: 'number' })
    .primaryKey()
    .references(() => contacts.id, { onDelete: 'cascade' }),
  firstMonth: integer('first_month').notNull(),
  ordersUpto: integer('orders_upto').array().notNull(),
  amountUpto: bigint('amount_upto', { mode: 'number' }).array().notNull(),
});
