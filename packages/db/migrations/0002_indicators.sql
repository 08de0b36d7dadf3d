CREATE TYPE "public"."tier" AS ENUM('gold', 'basic', 'low');--> statement-breakpoint
CREATE TABLE "contact_indicators" (
	"contact_id" bigint PRIMARY KEY NOT NULL,
	"order_count" integer NOT NULL,
	"first_order_at" timestamp with time zone,
	"last_order_at" timestamp with time zone,
	"revenue_cents" bigint NOT NULL,
	"margin_cents" bigint NOT NULL,
	"average_basket_cents" integer,
	"orders_per_year" double precision,
	"revenue_recent_cents" bigint NOT NULL,
	"revenue_previous_cents" bigint NOT NULL,
	"revenue_trend" double precision,
	"complaint_count" integer NOT NULL,
	"after_sales_count" integer NOT NULL,
	"recency_score" smallint,
	"frequency_score" smallint,
	"monetary_score" smallint,
	"tier" "tier",
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contact_indicators" ADD CONSTRAINT "contact_indicators_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contact_indicators_tier_idx" ON "contact_indicators" USING btree ("tier");--> statement-breakpoint
CREATE INDEX "contact_indicators_last_order_idx" ON "contact_indicators" USING btree ("last_order_at");