ALTER TYPE "public"."winback_alert_kind" ADD VALUE 'churn_risk';--> statement-breakpoint
CREATE TABLE "contact_order_months" (
	"contact_id" bigint PRIMARY KEY NOT NULL,
	"first_month" integer NOT NULL,
	"orders_upto" integer[] NOT NULL,
	"amount_upto" bigint[] NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contact_order_months" ADD CONSTRAINT "contact_order_months_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- INCLUDE: the few days of orders a window rule reads beyond whole months come from the index alone
CREATE INDEX "orders_ordered_at_idx" ON "orders" USING btree ("ordered_at") INCLUDE ("contact_id", "amount_cents");--> statement-breakpoint
-- Each customer's orders by month as running totals (contact_order_months, see schema/order-months.ts), kept
-- exact by statement triggers on orders, so that a segment rule on "orders or amount over the last N days" reads
-- two array elements per customer and at most half a month of raw orders, instead of every order of the window.
CREATE OR REPLACE FUNCTION relance_month_index(at timestamptz) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT (date_part('year', at AT TIME ZONE 'UTC') * 12 + date_part('month', at AT TIME ZONE 'UTC') - 1)::integer $$;
--> statement-breakpoint
-- Rebuilds the rows of the given contacts from their orders, set-based (EXECUTE plans with the array's real
-- size: an index probe per contact for a few, one pass over orders for many), with room to hash a month per
-- customer in memory when it is every customer (set for this function only).
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
    WITH per_month AS (
      SELECT contact_id, relance_month_index(ordered_at) AS m, count(*)::integer AS n, sum(amount_cents)::bigint AS a
        FROM orders WHERE contact_id = ANY($1) GROUP BY 1, 2
    ), bounds AS (
      SELECT contact_id, min(m) AS lo, max(m) AS hi FROM per_month GROUP BY 1
    ), running AS (
      SELECT b.contact_id, g.m,
             sum(coalesce(p.n, 0)) OVER w AS n, sum(coalesce(p.a, 0)) OVER w AS a
        FROM bounds b
       CROSS JOIN LATERAL generate_series(b.lo, b.hi) AS g(m)
        LEFT JOIN per_month p ON p.contact_id = b.contact_id AND p.m = g.m
      WINDOW w AS (PARTITION BY b.contact_id ORDER BY g.m)
    )
    INSERT INTO contact_order_months (contact_id, first_month, orders_upto, amount_upto)
    SELECT contact_id, min(m), array_agg(n::integer ORDER BY m), array_agg(a::bigint ORDER BY m)
      FROM running GROUP BY contact_id
    ON CONFLICT (contact_id) DO UPDATE SET
      first_month = excluded.first_month, orders_upto = excluded.orders_upto, amount_upto = excluded.amount_upto
      WHERE (contact_order_months.first_month, contact_order_months.orders_upto, contact_order_months.amount_upto)
            IS DISTINCT FROM (excluded.first_month, excluded.orders_upto, excluded.amount_upto)
  $q$ USING ids;
  EXECUTE $q$
    DELETE FROM contact_order_months m
     WHERE m.contact_id = ANY($1) AND NOT EXISTS (SELECT FROM orders o WHERE o.contact_id = m.contact_id)
  $q$ USING ids;
END
$fn$;
--> statement-breakpoint
-- One order-writing transaction at a time rebuilds (taken before the statement writes anything): the rebuild
-- then sees every order committed before it, so two imports at once cannot leave a contact's totals stale.
CREATE OR REPLACE FUNCTION relance_order_months_lock() RETURNS trigger
  LANGUAGE plpgsql
  AS $fn$
BEGIN
  PERFORM pg_advisory_xact_lock(7424061831002);
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION relance_order_months_inserted() RETURNS trigger
  LANGUAGE plpgsql
  AS $fn$
BEGIN
  PERFORM relance_rebuild_order_months(ARRAY(SELECT DISTINCT contact_id FROM new_orders));
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION relance_order_months_updated() RETURNS trigger
  LANGUAGE plpgsql
  AS $fn$
BEGIN
  -- only the orders whose contact, date or amount changed
  PERFORM relance_rebuild_order_months(ARRAY(
    SELECT DISTINCT unnest(ARRAY[o.contact_id, n.contact_id])
      FROM old_orders o JOIN new_orders n ON n.id = o.id
     WHERE (o.contact_id, o.ordered_at, o.amount_cents) IS DISTINCT FROM (n.contact_id, n.ordered_at, n.amount_cents)));
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION relance_order_months_deleted() RETURNS trigger
  LANGUAGE plpgsql
  AS $fn$
BEGIN
  PERFORM relance_rebuild_order_months(ARRAY(SELECT DISTINCT contact_id FROM old_orders));
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION relance_order_months_truncated() RETURNS trigger
  LANGUAGE plpgsql
  AS $fn$
BEGIN
  DELETE FROM contact_order_months;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER orders_months_lock BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON orders
  FOR EACH STATEMENT EXECUTE FUNCTION relance_order_months_lock();
--> statement-breakpoint
CREATE TRIGGER orders_months_inserted AFTER INSERT ON orders REFERENCING NEW TABLE AS new_orders
  FOR EACH STATEMENT EXECUTE FUNCTION relance_order_months_inserted();
--> statement-breakpoint
CREATE TRIGGER orders_months_updated AFTER UPDATE ON orders REFERENCING OLD TABLE AS old_orders NEW TABLE AS new_orders
  FOR EACH STATEMENT EXECUTE FUNCTION relance_order_months_updated();
--> statement-breakpoint
CREATE TRIGGER orders_months_deleted AFTER DELETE ON orders REFERENCING OLD TABLE AS old_orders
  FOR EACH STATEMENT EXECUTE FUNCTION relance_order_months_deleted();
--> statement-breakpoint
CREATE TRIGGER orders_months_truncated AFTER TRUNCATE ON orders
  FOR EACH STATEMENT EXECUTE FUNCTION relance_order_months_truncated();
--> statement-breakpoint
-- the orders already there
SELECT relance_rebuild_order_months(ARRAY(SELECT DISTINCT contact_id FROM orders));
