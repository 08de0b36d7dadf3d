ALTER TYPE "public"."send_event_kind" ADD VALUE 'quoted';--> statement-breakpoint
ALTER TYPE "public"."send_event_kind" ADD VALUE 'reminded';--> statement-breakpoint
ALTER TYPE "public"."send_event_kind" ADD VALUE 'lost';--> statement-breakpoint
ALTER TYPE "public"."send_event_kind" ADD VALUE 'dropped';--> statement-breakpoint
ALTER TYPE "public"."send_event_kind" ADD VALUE 'spam_reported';--> statement-breakpoint
ALTER TYPE "public"."send_event_kind" ADD VALUE 'unsubscribed';--> statement-breakpoint
ALTER TYPE "public"."send_event_kind" ADD VALUE 'undelivered';--> statement-breakpoint
ALTER TYPE "public"."send_event_kind" ADD VALUE 'returned';--> statement-breakpoint
ALTER TYPE "public"."send_event_kind" ADD VALUE 'opted_out';--> statement-breakpoint
ALTER TYPE "public"."send_event_kind" ADD VALUE 'opted_in';--> statement-breakpoint
ALTER TYPE "public"."send_event_kind" ADD VALUE 'answered';--> statement-breakpoint
CREATE TABLE "inbound_batches" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "inbound_batches_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"source" text NOT NULL,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"recorded" integer,
	"ignored" integer,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "send_outcomes" (
	"send_id" bigint NOT NULL,
	"kind" "send_event_kind" NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	CONSTRAINT "send_outcomes_send_id_kind_pk" PRIMARY KEY("send_id","kind")
);
--> statement-breakpoint
CREATE TABLE "send_rollups" (
	"campaign_id" uuid NOT NULL,
	"step_id" uuid NOT NULL,
	"phase" "send_phase" NOT NULL,
	"variant" "variant_label" NOT NULL,
	"channel" "channel" NOT NULL,
	"kind" "send_event_kind" NOT NULL,
	"contacts" integer DEFAULT 0 NOT NULL,
	"events" integer DEFAULT 0 NOT NULL,
	"amount_cents" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "send_rollups_step_id_phase_variant_kind_pk" PRIMARY KEY("step_id","phase","variant","kind")
);
--> statement-breakpoint
ALTER TABLE "send_events" ADD COLUMN "detail" jsonb;--> statement-breakpoint
ALTER TABLE "send_outcomes" ADD CONSTRAINT "send_outcomes_send_id_sends_id_fk" FOREIGN KEY ("send_id") REFERENCES "public"."sends"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inbound_batches_pending_idx" ON "inbound_batches" USING btree ("received_at") WHERE processed_at IS NULL;--> statement-breakpoint
CREATE INDEX "send_rollups_campaign_idx" ON "send_rollups" USING btree ("campaign_id");