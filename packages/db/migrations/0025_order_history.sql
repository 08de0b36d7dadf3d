CREATE TABLE "contact_order_history" (
	"contact_id" bigint PRIMARY KEY NOT NULL,
	"ordered_at" timestamp with time zone[] NOT NULL,
	"amount_upto" bigint[] NOT NULL,
	"amount_total" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contact_order_history" ADD CONSTRAINT "contact_order_history_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Each customer's order history packed into one row (contact_order_history, see schema/order-history.ts): the
-- dates of its orders and the running amount, so that a segment rule on "orders or amount over the last N days"
-- is one binary search (width_bucket) per customer, exact, for any window, instead of running monthly totals plus
-- the raw orders of a part-month (contact_order_months, migrations 0016 and 0020), which it replaces.
-- Rebuilds the rows of the given contacts from their orders, set-based (EXECUTE plans with the array's real
-- size: an index probe per contact for a few, one pass over orders for many; orders_contact_idx holds
-- (contact_id, ordered_at) INCLUDE (amount_cents): read from the index alone). The name stays that of 0016: the
-- statement triggers on orders (with their lock: one order-writing transaction at a time rebuilds, so that two
-- imports at once cannot leave a contact's history stale) call it.
CREATE OR REPLACE FUNCTION relance_rebuild_order_months(ids bigint[]) RETURNS void
  LANGUAGE plpgsql
  SET work_mem = '256MB'
  SET jit = off
  AS $fn$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  EXECUTE $q$
    INSERT INTO contact_order_history AS h (contact_id, ordered_at, amount_upto, amount_total)
    SELECT contact_id, array_agg(ordered_at ORDER BY ordered_at, id), array_agg(upto ORDER BY ordered_at, id),
           max(upto)
      FROM (SELECT contact_id, id, ordered_at,
                   sum(amount_cents) OVER (PARTITION BY contact_id ORDER BY ordered_at, id) AS upto
              FROM orders WHERE contact_id = ANY($1)) o
     GROUP BY contact_id
    ON CONFLICT (contact_id) DO UPDATE SET
      ordered_at = excluded.ordered_at, amount_upto = excluded.amount_upto, amount_total = excluded.amount_total
      WHERE (h.ordered_at, h.amount_upto) IS DISTINCT FROM (excluded.ordered_at, excluded.amount_upto)
  $q$ USING ids;
  EXECUTE $q$
    DELETE FROM contact_order_history h
     WHERE h.contact_id = ANY($1) AND NOT EXISTS (SELECT FROM orders o WHERE o.contact_id = h.contact_id)
  $q$ USING ids;
END
$fn$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION relance_order_months_truncated() RETURNS trigger
  LANGUAGE plpgsql
  AS $fn$
BEGIN
  DELETE FROM contact_order_history;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
DROP TABLE "contact_order_months";
--> statement-breakpoint
DROP FUNCTION relance_month_index(timestamptz);
--> statement-breakpoint
SELECT relance_rebuild_order_months(ARRAY(SELECT DISTINCT contact_id FROM orders));
