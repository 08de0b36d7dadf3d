CREATE TYPE "public"."attribution_rule" AS ENUM('code', 'coupon', 'window', 'none');--> statement-breakpoint
CREATE TABLE "conversions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "conversions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"source" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"kind" "send_event_kind" NOT NULL,
	"amount_cents" bigint,
	"currency" text DEFAULT 'EUR' NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"code" text,
	"email" text,
	"phone" text,
	"rule" "attribution_rule" NOT NULL,
	"send_id" bigint,
	"contact_id" bigint,
	"campaign_id" uuid,
	"recorded_by" uuid,
	"api_key_id" uuid,
	"detail" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversions_source_key" UNIQUE("source","idempotency_key")
);
--> statement-breakpoint
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversions_campaign_idx" ON "conversions" USING btree ("campaign_id","occurred_at");--> statement-breakpoint
CREATE INDEX "conversions_unattributed_idx" ON "conversions" USING btree ("occurred_at") WHERE send_id IS NULL;