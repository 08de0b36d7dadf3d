-- The customer's orders index carries the amount: rebuilding a customer's running monthly totals (the orders
-- triggers of 0016, for every customer an import touches) reads the index alone instead of one heap page per
-- order (measured on 10,000,000 orders: 5.7 of the 7.6 s a 4,000-customer rebuild took were heap reads).
-- Same name and key, so every query that used it still does.
DROP INDEX IF EXISTS "orders_contact_idx";
--> statement-breakpoint
CREATE INDEX "orders_contact_idx" ON "orders" USING btree ("contact_id", "ordered_at") INCLUDE ("amount_cents");
